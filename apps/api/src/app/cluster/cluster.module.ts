import { Global, Module } from '@nestjs/common';
import { ALERT_OWNERSHIP } from '../alerts/alert-ownership';
import { CLUSTER_CONFIG, loadClusterConfig } from './cluster-config';
import { ClusterService } from './cluster.service';

/** Replicas: leadership over alerting, relays over Redis. Global so AlertsModule and HealthModule can inject it. */
@Global()
@Module({
  providers: [
    { provide: CLUSTER_CONFIG, useFactory: () => loadClusterConfig(process.env) },
    ClusterService,
    { provide: ALERT_OWNERSHIP, useExisting: ClusterService },
  ],
  exports: [CLUSTER_CONFIG, ClusterService, ALERT_OWNERSHIP],
})
export class ClusterModule {}
