import { Module } from '@nestjs/common';
import { AnalysisController } from './analysis.controller';
import { AnalysisService } from './analysis.service';
import { ClusterStateRepository } from './cluster-state.repository';

@Module({
  controllers: [AnalysisController],
  providers: [AnalysisService, ClusterStateRepository],
  exports: [ClusterStateRepository],
})
export class AnalysisModule {}
