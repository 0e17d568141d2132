import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AlertsModule } from './alerts/alerts.module';
import { MetricsModule } from './metrics/metrics.module';
import { AnalysisModule } from './analysis/analysis.module';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { DatastoreModule } from './datastore/datastore.module';
import { DatabaseModule } from './database/database.module';
import { FindingsModule } from './findings/findings.module';
import { HistoryModule } from './history/history.module';
import { HealthModule } from './health/health.module';
import { NodesModule } from './nodes/nodes.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [AuthModule, DatabaseModule, NodesModule, ReportsModule, HealthModule, AnalysisModule, DatastoreModule, AlertsModule, MetricsModule, HistoryModule, FindingsModule, ClusterModule],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
      exports: [API_CONFIG],
    };
  }
}
