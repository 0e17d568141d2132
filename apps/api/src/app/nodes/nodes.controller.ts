import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Address, BgpSession, CniConfig, FdbEntry, Link, Neighbor, NodeSummary, Route } from '@meshlens/model';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import type { JsonArrayText } from './json-array-text';
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

// Table endpoints send the JSON array Postgres produced (see NodeStateRepository): a string, so the type is set here.
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
  @Header('Content-Type', JSON_CONTENT_TYPE)
  links(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<Link>> {
    return this.nodes.table(name, 'links', query);
  }

  @Get(':name/addresses')
  @ApiOperation({ summary: 'Current (or, with at, past) addresses; dev (ifname), family, prefix (address within), q' })
  @ApiOkResponse({ type: [AddressDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  addresses(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<Address>> {
    return this.nodes.table(name, 'addresses', query);
  }

  @Get(':name/routes')
  @ApiOperation({ summary: 'Current (or, with at, past) routes of every table; dev (also next hops), table, family, protocol, prefix (dst within), q' })
  @ApiOkResponse({ type: [RouteDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  routes(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<Route>> {
    return this.nodes.table(name, 'routes', query);
  }

  @Get(':name/neighbors')
  @ApiOperation({ summary: 'Current (or, with at, past) neighbour entries; dev, family, prefix (dst within), q' })
  @ApiOkResponse({ type: [NeighborDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  neighbors(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<Neighbor>> {
    return this.nodes.table(name, 'neighbors', query);
  }

  @Get(':name/fdb')
  @ApiOperation({ summary: 'Current (or, with at, past) forwarding database entries; dev, q' })
  @ApiOkResponse({ type: [FdbEntryDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  fdb(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<FdbEntry>> {
    return this.nodes.table(name, 'fdb', query);
  }

  @Get(':name/bgp-sessions')
  @ApiOperation({ summary: 'Current (or, with at, past) BGP sessions as BIRD reported them; q' })
  @ApiOkResponse({ type: [BgpSessionDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  bgpSessions(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<BgpSession>> {
    return this.nodes.table(name, 'bgpSessions', query);
  }

  @Get(':name/cni')
  @ApiOperation({ summary: 'CNI configuration files found on the node (or, with at, then); q' })
  @ApiOkResponse({ type: [CniConfigDto] })
  @ApiErrorResponses(400, 404)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  cni(@Param('name') name: string, @Query() query: TableQueryDto): Promise<JsonArrayText<CniConfig>> {
    return this.nodes.table(name, 'cniConfigs', query);
  }
}
