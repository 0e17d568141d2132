import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AlertDeliveryRepository } from './alert-delivery.repository';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts-config';
import { postJson } from './post-json';

const CLAIM_LIMIT = 20;

export interface DeliveryStats {
  delivered: number;
  failedAttempts: number;
}

/**
 * Drains the outbox: one loop per receiver, in order, so a receiver that is down (retried with exponential
 * backoff) never holds back another receiver or ingestion. Rows are claimed with a lease (`lockedUntil`), so a
 * restarted API picks up what was not delivered.
 */
@Injectable()
export class AlertDeliveryWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(AlertDeliveryWorker.name);
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  readonly stats = new Map<string, DeliveryStats>();

  constructor(
    private readonly outbox: AlertDeliveryRepository,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  start(): void {
    if (this.sweepTimer) return;
    this.stopped = false;
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.MESHLENS_ALERT_SWEEP_MS);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** New deliveries were committed for these receivers: send them now. */
  poke(receiverIds: Iterable<string>): void {
    for (const id of receiverIds) this.runReceiver(id);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops sweeping and waits for the attempts under way (this replica no longer owns delivery, or stops). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await Promise.allSettled([...this.running.values()]);
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      this.poke(await this.outbox.findReceiverIdsWithDueDeliveries(new Date()));
    } catch (error) {
      if (!this.stopped) this.logger.warn(`outbox sweep failed: ${(error as Error).message}`);
    }
  }

  private runReceiver(id: string): void {
    if (this.stopped) return;
    if (this.running.has(id)) {
      this.again.add(id);
      return;
    }
    const run = this.drain(id)
      .catch((error) => this.logger.warn(`delivery to receiver ${id} failed: ${(error as Error).message}`))
      .finally(() => {
        this.running.delete(id);
        if (this.again.delete(id)) this.runReceiver(id);
      });
    this.running.set(id, run);
  }

  private async drain(receiverId: string): Promise<void> {
    const timeout = this.config.MESHLENS_ALERT_WEBHOOK_TIMEOUT_MS;
    while (!this.stopped) {
      const due = await this.outbox.claimDue(receiverId, new Date(), timeout * (CLAIM_LIMIT + 1), CLAIM_LIMIT);
      if (due.length === 0) return;
      for (const [i, delivery] of due.entries()) {
        const result = await postJson(delivery.url, delivery.payload, timeout);
        const stats = this.statsOf(receiverId);
        if (result.ok) {
          stats.delivered++;
          await this.outbox.markDelivered(delivery.id, new Date());
          continue;
        }
        stats.failedAttempts++;
        const attempts = delivery.attempts + 1;
        const waitMs = Math.min(this.config.MESHLENS_ALERT_RETRY_MAX_MS, this.config.MESHLENS_ALERT_RETRY_BASE_MS * 2 ** (attempts - 1));
        this.logger.warn(`webhook ${delivery.url} failed (${result.error}), attempt ${attempts}; next in ${waitMs} ms`);
        await this.outbox.markFailed(delivery.id, result.error ?? 'failed', new Date(Date.now() + waitMs));
        await this.outbox.release(due.slice(i + 1).map((d) => d.id));
        return;
      }
    }
  }

  private statsOf(receiverId: string): DeliveryStats {
    let s = this.stats.get(receiverId);
    if (!s) this.stats.set(receiverId, (s = { delivered: 0, failedAttempts: 0 }));
    return s;
  }
}
