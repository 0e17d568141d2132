import { Inject, Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { ClusterService } from '../cluster/cluster.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { findMigrationsDir } from '../database/database-connection';
import { readMigrations } from '../database/migration-runner';
import { DatastoreService } from '../datastore/datastore.service';
import { HealthRepository } from './health.repository';
import { missingMigrations, runCheck, summariseReadiness, type Readiness, type ReadinessCheck } from './readiness';
import { ShutdownState } from './shutdown-state';

// Kubernetes' default probe timeout is 1 s: answer within it even when a dependency hangs.
const CHECK_TIMEOUT_MS = 800;
const SKIPPED: ReadinessCheck = { status: 'skipped' };

export interface Health {
  status: 'ok';
}

@Injectable()
export class HealthService {
  private readonly migrationFolders: string[];

  constructor(
    private readonly repository: HealthRepository,
    private readonly datastore: DatastoreService,
    private readonly cluster: ClusterService,
    private readonly alerts: AlertsService,
    private readonly shutdown: ShutdownState,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    // The folders shipped with this build: what "migrations applied" means for this replica's code.
    this.migrationFolders = readMigrations(findMigrationsDir(config.MESHLENS_MIGRATIONS_DIR)).map((m) => m.name);
  }

  async check(): Promise<Health> {
    await this.repository.ping();
    return { status: 'ok' };
  }

  async readiness(): Promise<Readiness> {
    const [database, migrations, etcd, redis] = await Promise.all([
      runCheck(async () => void (await this.repository.ping()), CHECK_TIMEOUT_MS),
      runCheck(() => this.checkMigrations(), CHECK_TIMEOUT_MS),
      this.datastore.status().configured ? runCheck(async () => this.checkEtcd(), CHECK_TIMEOUT_MS) : SKIPPED,
      this.cluster.redisConfigured ? runCheck(async () => void (await this.cluster.pingRedis()), CHECK_TIMEOUT_MS) : SKIPPED,
    ]);
    const since = this.shutdown.startedAt;
    const shutdown: ReadinessCheck = since ? { status: 'failed', detail: `shutting down since ${since.toISOString()}` } : { status: 'ok' };
    // The engine runs (not only the lock is held): ownership as the alerts see it.
    return summariseReadiness({ database, migrations, etcd, redis, shutdown }, this.alerts.owner);
  }

  private async checkMigrations(): Promise<string> {
    const missing = missingMigrations(this.migrationFolders, await this.repository.findFinishedMigrationNames());
    if (missing.length > 0) throw new Error(`not applied: ${missing.join(', ')}`);
    return `${this.migrationFolders.length} applied`;
  }

  /**
   * Connected when every watched prefix is watching. Not "listing": a watcher says so before its first request,
   * also while etcd does not answer at all (and during a re-list after compaction, which is short).
   */
  private checkEtcd(): string {
    const watches = this.datastore.status().watches;
    const down = watches.filter((w) => w.state !== 'watching');
    if (down.length > 0) {
      throw new Error(down.map((w) => `${w.source} ${w.prefix}: ${w.state}${w.lastError ? ` (${w.lastError})` : ''}`).join('; '));
    }
    return `${watches.length} prefixes watched`;
  }
}
