import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IngestEvents, type ReportCommitted } from '../alerts/ingest-events';
import { ClusterStateRepository } from '../analysis/cluster-state.repository';
import { DatastoreService } from '../datastore/datastore.service';
import type { ClusterChecksRunner } from './cluster-checks-runner';
import { createClusterChecksRunner } from './create-cluster-checks-runner';

/** How often the consistency checks run for the alert engine (MESHLENS_FINDINGS_INTERVAL_MS, "0" turns it off). */
export const DEFAULT_FINDINGS_INTERVAL_MS = 15_000;

/**
 * Sweeps in a row that may skip the cluster checks when no report changed anything: a backstop for a change that
 * reached the database without an event here (another replica with no relay between them).
 */
export const MAX_SKIPPED_CLUSTER_CHECKS = 3;

/**
 * Runs the cluster consistency checks and the etcd cross-checks on a timer and hands each complete list to the alert
 * engine ("any consistency finding" and the lease-expiry rules). Checks read whole-cluster state, so they run on a
 * timer rather than per report; one run at a time. The cluster checks are a function of the stored tables only, so
 * a sweep after nothing but heartbeats skips them: on 100 nodes they read 100k rows and take seconds of CPU that
 * ingest needs. The etcd cross-checks run every time (lease expiry moves with the clock).
 *
 * The database read stays here; parsing its JSON and the checks run in a worker thread (create-cluster-checks-runner.ts):
 * on 1000 nodes they take seconds of CPU, during which the event loop would ingest no report.
 */
@Injectable()
export class FindingsSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FindingsSweepService.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  /** Reports that may have changed the stored state since the last cluster check (starts dirty: state of a past run). */
  private changedReports = 1;
  private skippedClusterChecks = 0;
  private unsubscribe?: () => void;
  private checks?: ClusterChecksRunner;
  private stopped = false;

  constructor(
    private readonly clusterState: ClusterStateRepository,
    private readonly datastore: DatastoreService,
    private readonly events: IngestEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.onReport((event) => this.noteReport(event));
    const raw = process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
    const interval = raw === undefined ? DEFAULT_FINDINGS_INTERVAL_MS : Number(raw);
    if (!Number.isFinite(interval) || interval < 0) {
      throw new Error(`MESHLENS_FINDINGS_INTERVAL_MS must be a number of milliseconds (0 = off), got "${raw}"`);
    }
    if (interval > 0) {
      this.checks = createClusterChecksRunner(this.logger);
      this.timer = setInterval(() => void this.sweep(), interval);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.checks?.close();
  }

  /** One run of both checkers; exposed for tests. */
  async sweep(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      // Each checker on its own: a cluster check run lost to a dead worker thread still leaves the lease checks.
      await this.checkCluster().catch((error: unknown) => this.warn('cluster checks', error));
      const datastore = await this.datastore.findings();
      this.events.emitFindings({ source: 'datastore', findings: datastore.findings });
    } catch (error) {
      this.warn('datastore checks', error);
    } finally {
      this.running = false;
    }
  }

  private async checkCluster(): Promise<void> {
    if (this.changedReports === 0 && this.skippedClusterChecks < MAX_SKIPPED_CLUSTER_CHECKS) {
      this.skippedClusterChecks++;
      return;
    }
    // Reports committed while this check reads are counted again: the read may have missed them.
    const seen = this.changedReports;
    this.checks ??= createClusterChecksRunner(this.logger);
    const started = performance.now();
    const nodesJson = await this.clusterState.findNodesJsonAt();
    const read = performance.now();
    const findings = await this.checks.run(nodesJson);
    const checked = performance.now();
    if (this.stopped) return;
    this.events.emitFindings({ source: 'cluster-checks', findings });
    const ms = (from: number, to: number) => Math.round(to - from);
    this.logger.debug(
      `cluster checks: ${findings.length} findings; read ${ms(started, read)} ms (${nodesJson.length} B), ` +
        `checks ${ms(read, checked)} ms, alert engine ${ms(checked, performance.now())} ms`,
    );
    this.changedReports -= seen;
    this.skippedClusterChecks = 0;
  }

  private warn(what: string, error: unknown): void {
    // A run cut short by shutdown (worker closed, pool ended) is no fault worth a warning.
    if (!this.stopped) this.logger.warn(`consistency sweep failed (${what}): ${(error as Error).message}`);
  }

  /** A full report may change the node's identity even when no row changed; a heartbeat changes nothing. */
  private noteReport({ report, ack }: ReportCommitted): void {
    const { added, removed, changed } = ack.applied;
    if (report.kind === 'full' || added + removed + changed > 0) this.changedReports++;
  }
}
