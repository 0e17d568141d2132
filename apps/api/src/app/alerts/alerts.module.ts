import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { AlertAdminService } from './alert-admin.service';
import { AlertDeliveryRepository } from './alert-delivery.repository';
import { AlertDeliveryWorker } from './alert-delivery.worker';
import { AlertRepository } from './alert.repository';
import { ALERTS_CONFIG, loadAlertsConfig } from './alerts-config';
import { AlertsController } from './alerts.controller';
import { AlertsGateway } from './alerts.gateway';
import { AlertsService } from './alerts.service';
import { IngestEvents } from './ingest-events';

/**
 * Alerting. Global so that ingest can inject IngestEvents (optionally) without importing this module, and
 * MetricsModule can read the engine's view.
 */
@Global()
@Module({
  controllers: [AlertsController],
  providers: [
    { provide: ALERTS_CONFIG, useFactory: () => loadAlertsConfig() },
    IngestEvents,
    AlertRepository,
    AlertDeliveryRepository,
    AlertDeliveryWorker,
    AlertsGateway,
    AlertsService,
    AlertAdminService,
    TransactionRunner,
  ],
  exports: [IngestEvents, AlertsService, AlertDeliveryRepository, AlertDeliveryWorker],
})
export class AlertsModule {}
