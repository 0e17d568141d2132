import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { nodeReportSchema, type NodeReport, type ReportAck } from '@meshlens/model';
import { AgentRoute } from '../auth/route-access.decorator';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { NodeReportDto, ReportAckDto } from './report.dto';
import { ReportIngestService } from './report-ingest.service';

export const REPORTS_PATH = 'reports';

@ApiTags('reports')
@ApiBearerAuth()
@Controller({ path: REPORTS_PATH, version: '1' })
export class ReportsController {
  constructor(private readonly ingest: ReportIngestService) {}

  @Post()
  @AgentRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Ingest an agent report (full snapshot or delta); answers the committed sequence number' })
  @ApiBody({ type: NodeReportDto })
  @ApiOkResponse({ type: ReportAckDto, description: 'Applied, or a duplicate (nothing applied, current ack)' })
  @ApiConflictResponse({ type: ReportAckDto, description: 'Delta does not apply (unknown node, other epoch, gap): ApiError fields plus the stored ack, needFull true' })
  @ApiErrorResponses(400, 401, 403, 413, 415, 429)
  report(@Body(new ZodValidationPipe(nodeReportSchema)) report: NodeReport): Promise<ReportAck> {
    return this.ingest.ingest(report);
  }
}
