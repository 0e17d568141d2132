import { Module } from '@nestjs/common';
import { CounterSampleRepository } from './counter-sample.repository';
import { NodeRepository } from './node.repository';
import { NodeStateRepository } from './node-state.repository';
import { NodesController } from './nodes.controller';
import { NodesService } from './nodes.service';

@Module({
  controllers: [NodesController],
  providers: [NodesService, NodeRepository, NodeStateRepository, CounterSampleRepository],
  exports: [NodeRepository, NodeStateRepository, CounterSampleRepository],
})
export class NodesModule {}
