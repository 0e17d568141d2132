import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Address, BgpSession, CniConfig, FdbEntry, Link, Neighbor, NodeSummary, Route } from '@meshlens/model';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import {
  AddressDto,
  BgpSessionDto,
  CniConfigDto,
  FdbEntryDto,
  LinkDto,
  NeighborDto,
  NodeSummaryDto,
  RouteDto,
  TableQueryDto,
} from './node.dto';
import { NodesService } from './nodes.service';

@ApiTags('nodes')
@Controller({ path: 'nodes', version: '1' })
export class NodesController {
  constructor(private readonly nodes: NodesService) {}

  @Get()
  @ApiOperation({ summary: 'Every node that has reported, with row counts of its current state' })
  @ApiOkResponse({ type: [NodeSummaryDto] })
  list(): Promise<NodeSummary[]> {
    return this.nodes.list();
  }

  @Get(':name')
  @ApiOperation({ summary: 'One node' })
  @ApiOkResponse({ type: NodeSummaryDto })
  @ApiErrorResponses(404)
  get(@Param('name') name: string): Promise<NodeSummary> {
    return this.nodes.get(name);
  }

  @Get(':name/links')
  @ApiOperation({ summary: 'Current (or, with at, past) links; dev filters by ifname' })
  @ApiOkResponse({ type: [LinkDto] })
  @ApiErrorResponses(400, 404)
  links(@Param('name') name: string, @Query() query: TableQueryDto): Promise<Link[]> {
    return this.nodes.table(name, 'links', query);
  }

  @Get(':name/addresses')
  @ApiOperation({ summary: 'Current (or, with at, past) addresses; dev (ifname), family, prefix (address within), q' })
  @ApiOkResponse({ type: [AddressDto] })
  @ApiErrorResponses(400, 404)
  addresses(@Param('name') name: string, @Query() query: TableQueryDto): Promise<Address[]> {
    return this.nodes.table(name, 'addresses', query);
  }

  @Get(':name/routes')
  @ApiOperation({ summary: 'Current (or, with at, past) routes of every table; dev (also next hops), table, family, protocol, prefix (dst within), q' })
  @ApiOkResponse({ type: [RouteDto] })
  @ApiErrorResponses(400, 404)
  routes(@Param('name') name: string, @Query() query: TableQueryDto): Promise<Route[]> {
    return this.nodes.table(name, 'routes', query);
  }

  @Get(':name/neighbors')
  @ApiOperation({ summary: 'Current (or, with at, past) neighbour entries; dev, family, prefix (dst within), q' })
  @ApiOkResponse({ type: [NeighborDto] })
  @ApiErrorResponses(400, 404)
  neighbors(@Param('name') name: string, @Query() query: TableQueryDto): Promise<Neighbor[]> {
    return this.nodes.table(name, 'neighbors', query);
  }

  @Get(':name/fdb')
  @ApiOperation({ summary: 'Current (or, with at, past) forwarding database entries; dev, q' })
  @ApiOkResponse({ type: [FdbEntryDto] })
  @ApiErrorResponses(400, 404)
  fdb(@Param('name') name: string, @Query() query: TableQueryDto): Promise<FdbEntry[]> {
    return this.nodes.table(name, 'fdb', query);
  }

  @Get(':name/bgp-sessions')
  @ApiOperation({ summary: 'Current (or, with at, past) BGP sessions as BIRD reported them; q' })
  @ApiOkResponse({ type: [BgpSessionDto] })
  @ApiErrorResponses(400, 404)
  bgpSessions(@Param('name') name: string, @Query() query: TableQueryDto): Promise<BgpSession[]> {
    return this.nodes.table(name, 'bgpSessions', query);
  }

  @Get(':name/cni')
  @ApiOperation({ summary: 'CNI configuration files found on the node (or, with at, then); q' })
  @ApiOkResponse({ type: [CniConfigDto] })
  @ApiErrorResponses(400, 404)
  cni(@Param('name') name: string, @Query() query: TableQueryDto): Promise<CniConfig[]> {
    return this.nodes.table(name, 'cniConfigs', query);
  }
}
