import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  BgpTransitions,
  ChangeFeedPage,
  CounterRates,
  NodeChanges,
} from '@meshlens/model';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import {
  BgpTransitionsDto,
  BgpTransitionsQueryDto,
  ChangeFeedPageDto,
  ChangeFeedQueryDto,
  CounterRatesDto,
  CounterRatesQueryDto,
  NodeChangesDto,
  NodeChangesQueryDto,
} from './history.dto';
import { HistoryService } from './history.service';

@ApiTags('history')
@Controller({ version: '1' })
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('nodes/:name/changes')
  @ApiOperation({
    summary:
      "Rows added, removed and changed (old and new) in the node's tables in (from, to], oldest first; table narrows to one",
  })
  @ApiOkResponse({ type: NodeChangesDto })
  @ApiErrorResponses(400, 404)
  nodeChanges(
    @Param('name') name: string,
    @Query() query: NodeChangesQueryDto,
  ): Promise<NodeChanges> {
    return this.history.nodeChanges(name, query);
  }

  @Get('changes')
  @ApiOperation({
    summary:
      'Cluster-wide change feed, newest first; pass nextCursor as cursor for the next page',
  })
  @ApiOkResponse({ type: ChangeFeedPageDto })
  @ApiErrorResponses(400, 404)
  feed(@Query() query: ChangeFeedQueryDto): Promise<ChangeFeedPage> {
    return this.history.feed(query);
  }

  @Get('nodes/:name/bgp-sessions/:session/transitions')
  @ApiOperation({
    summary:
      'bgpState transitions of one BGP session in (from, to] and its flap count (transitions out of Established)',
  })
  @ApiOkResponse({ type: BgpTransitionsDto })
  @ApiErrorResponses(400, 404)
  bgpTransitions(
    @Param('name') name: string,
    @Param('session') session: string,
    @Query() query: BgpTransitionsQueryDto,
  ): Promise<BgpTransitions> {
    return this.history.bgpTransitions(name, session, query);
  }

  @Get('nodes/:name/counters')
  @ApiOperation({
    summary:
      'Interface rates (bits/s, packets/s, errors/s, drops/s) per step from counter samples or rollups, resets counted from zero',
  })
  @ApiOkResponse({ type: CounterRatesDto })
  @ApiErrorResponses(400, 404)
  counters(
    @Param('name') name: string,
    @Query() query: CounterRatesQueryDto,
  ): Promise<CounterRates> {
    return this.history.counterRates(name, query);
  }
}
