import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module';
import { DatastoreModule } from '../datastore/datastore.module';
import { FindingsSweepService } from './findings-sweep.service';

/** Feeds the consistency findings to the alert engine (AlertsModule is global). */
@Module({
  imports: [AnalysisModule, DatastoreModule],
  providers: [FindingsSweepService],
})
export class FindingsModule {}
