import { Module } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { NodesModule } from '../nodes/nodes.module';
import { ReportIngestService } from './report-ingest.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [NodesModule],
  controllers: [ReportsController],
  providers: [ReportIngestService, TransactionRunner],
})
export class ReportsModule {}
