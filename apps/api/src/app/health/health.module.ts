import { Module } from '@nestjs/common';
import { DatastoreModule } from '../datastore/datastore.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';
import { ShutdownState } from './shutdown-state';

@Module({
  imports: [DatastoreModule],
  controllers: [HealthController],
  providers: [HealthService, HealthRepository, ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}
