import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { runChecks } from '@meshlens/analysis';
import { IngestEvents } from '../alerts/ingest-events';
import { ClusterStateRepository } from '../analysis/cluster-state.repository';
import { DatastoreService } from '../datastore/datastore.service';

/** How often the consistency checks run for the alert engine (MESHLENS_FINDINGS_INTERVAL_MS, "0" turns it off). */
export const DEFAULT_FINDINGS_INTERVAL_MS = 15_000;

/**
 * Runs the cluster consistency checks and the etcd cross-checks on a timer and hands each complete list to the alert
 * engine ("any consistency finding" and the lease-expiry rules). Checks read whole-cluster state, so they run on a
 * timer rather than per report; one run at a time.
 */
@Injectable()
export class FindingsSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FindingsSweepService.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly clusterState: ClusterStateRepository,
    private readonly datastore: DatastoreService,
    private readonly events: IngestEvents,
  ) {}

  onApplicationBootstrap(): void {
    const raw = process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
    const interval = raw === undefined ? DEFAULT_FINDINGS_INTERVAL_MS : Number(raw);
    if (!Number.isFinite(interval) || interval < 0) {
      throw new Error(`MESHLENS_FINDINGS_INTERVAL_MS must be a number of milliseconds (0 = off), got "${raw}"`);
    }
    if (interval > 0) this.timer = setInterval(() => void this.sweep(), interval);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One run of both checkers; exposed for tests. */
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.events.emitFindings({ source: 'cluster-checks', findings: runChecks(await this.clusterState.findAt()) });
      const datastore = await this.datastore.findings();
      this.events.emitFindings({ source: 'datastore', findings: datastore.findings });
    } catch (error) {
      this.logger.warn(`consistency sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
