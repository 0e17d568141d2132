import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './prometheus-exposition';

@ApiTags('metrics')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', EXPOSITION_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus text exposition: BGP sessions per node, alerts, webhook deliveries, process health' })
  @ApiOkResponse({ description: 'text/plain; version=0.0.4' })
  async scrape(): Promise<string> {
    return renderExposition(await this.metrics.collect());
  }
}
