import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** GET /metrics (Prometheus text format); needs AlertsModule (global) for the engine's view. */
@Module({ controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
