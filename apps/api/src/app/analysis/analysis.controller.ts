import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Finding, PathExplanation, Topology } from '@meshlens/model';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { AtQueryDto, FindingDto, PathExplanationDto, PathQueryDto, TopologyDto } from './analysis.dto';
import { AnalysisService } from './analysis.service';

@ApiTags('analysis')
@Controller({ version: '1' })
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get('topology')
  @ApiOperation({ summary: 'Nodes, their pods, and the BGP sessions, VXLAN tunnels, IPIP and host-gw routes between them; at= for a past instant' })
  @ApiOkResponse({ type: TopologyDto })
  @ApiErrorResponses(400)
  topology(@Query() q: AtQueryDto): Promise<Topology> {
    return this.analysis.topology(q.at);
  }

  @Get('path')
  @ApiOperation({ summary: 'How a packet from src reaches dst, hop by hop, each hop citing the table rows it used' })
  @ApiOkResponse({ type: PathExplanationDto })
  @ApiErrorResponses(400)
  path(@Query() q: PathQueryDto): Promise<PathExplanation> {
    return this.analysis.path(q.src, q.dst, q.at);
  }

  @Get('checks')
  @ApiOperation({ summary: 'Consistency findings over the whole cluster (routes, VTEPs, BGP mesh, overlaps, MTU, asymmetry)' })
  @ApiOkResponse({ type: [FindingDto] })
  @ApiErrorResponses(400)
  checks(@Query() q: AtQueryDto): Promise<Finding[]> {
    return this.analysis.checks(q.at);
  }
}
