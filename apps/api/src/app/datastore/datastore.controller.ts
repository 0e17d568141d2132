import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DatastoreFindingsResponse, DatastoreStatus, IpamBlocksResponse, IpPoolsResponse, SubnetsResponse } from '@meshlens/model';
import {
  DatastoreFindingsResponseDto,
  DatastoreStatusDto,
  IpamBlocksResponseDto,
  IpPoolsResponseDto,
  SubnetsResponseDto,
} from './datastore.dto';
import { DatastoreService } from './datastore.service';

@ApiTags('datastore')
@Controller({ version: '1' })
export class DatastoreController {
  constructor(private readonly datastore: DatastoreService) {}

  @Get('subnets')
  @ApiOperation({ summary: "Flannel networks from etcd: config, leases (subnet, public IP, VtepMAC, expiry) and lease findings" })
  @ApiOkResponse({ type: SubnetsResponseDto })
  subnets(): Promise<SubnetsResponse> {
    return this.datastore.subnets();
  }

  @Get('ippools')
  @ApiOperation({ summary: 'Calico IP pools from etcd with blocks and addresses allocated per pool' })
  @ApiOkResponse({ type: IpPoolsResponseDto })
  ipPools(): Promise<IpPoolsResponse> {
    return this.datastore.ipPools();
  }

  @Get('ipam/blocks')
  @ApiOperation({ summary: 'Calico IPAM blocks and affinities from etcd, with utilisation per node' })
  @ApiOkResponse({ type: IpamBlocksResponseDto })
  ipamBlocks(): Promise<IpamBlocksResponse> {
    return this.datastore.ipamBlocks();
  }

  @Get('datastore/findings')
  @ApiOperation({ summary: "Every finding from holding etcd's data against the nodes' tables, most severe first" })
  @ApiOkResponse({ type: DatastoreFindingsResponseDto })
  findings(): Promise<DatastoreFindingsResponse> {
    return this.datastore.findings();
  }

  @Get('datastore/status')
  @ApiOperation({ summary: 'Whether etcd is configured, and where the watch of each prefix stands' })
  @ApiOkResponse({ type: DatastoreStatusDto })
  status(): DatastoreStatus {
    return this.datastore.status();
  }
}
