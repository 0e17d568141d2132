import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Alert, AlertListQuery, AlertReceiver } from '@meshlens/model';
import { TransactionRunner } from '../database/transaction-runner';
import { AlertDeliveryRepository, type NewDelivery } from './alert-delivery.repository';
import { AlertDeliveryWorker } from './alert-delivery.worker';
import { AlertRepository } from './alert.repository';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts-config';
import { AlertsGateway } from './alerts.gateway';
import { AlertEngine } from './engine/alert-engine';
import type { AlertChange, EngineAlert } from './engine/alert-engine.types';
import { DEFAULT_ALERT_RULES } from './engine/default-alert-rules';
import { IngestEvents } from './ingest-events';
import { buildWebhookPayload } from './webhook-payload';

const RETRY_PERSIST_MS = 1000;

export function toPublicAlert(engineAlert: EngineAlert): Alert {
  const alert: Partial<EngineAlert> = { ...engineAlert };
  delete alert.notifiedState;
  return alert as Alert;
}

/**
 * Runs the alert engine on committed reports and findings, and makes each change durable (alert, history and
 * outbox rows in one transaction) before it is announced: socket.io event, then the delivery worker.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private engine: AlertEngine | null = null;
  private receivers: AlertReceiver[] = [];
  private readonly queue: AlertChange[] = [];
  private flushing: Promise<void> | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: AlertDeliveryRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: IngestEvents,
    private readonly gateway: AlertsGateway,
    private readonly worker: AlertDeliveryWorker,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    const seeded = await this.alerts.insertMissingRules(DEFAULT_ALERT_RULES, now);
    if (seeded > 0) this.logger.log(`${seeded} default alert rules added`);
    const [rules, silences, alerts, sessions, lastSeen, receivers] = await Promise.all([
      this.alerts.findRules(),
      this.alerts.findActiveSilences(now),
      this.alerts.findAllAlerts(),
      this.alerts.findCurrentSessions(),
      this.alerts.findLastSeen(),
      this.outbox.findReceivers(),
    ]);
    this.receivers = receivers;
    this.engine = new AlertEngine({
      clock: { now: () => Date.now() },
      timers: {
        set: (fn, ms) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            fn();
          }, ms);
          this.timers.add(t);
          return t;
        },
        clear: (t) => {
          clearTimeout(t as NodeJS.Timeout);
          this.timers.delete(t as NodeJS.Timeout);
        },
      },
      newId: randomUUID,
      onChange: (change) => this.enqueue(change),
    });
    this.engine.load({ rules, silences, alerts, sessions, lastSeen });
    this.unsubscribe.push(
      this.events.onReport(({ report }) => this.engine?.observeReport(report)),
      this.events.onFindings(({ source, findings }) => this.engine?.observeFindings(source, findings)),
    );
    this.worker.start();
    this.logger.log(`alert engine: ${rules.length} rules, ${alerts.filter((a) => a.state !== 'resolved').length} open alerts, ${sessions.length} BGP sessions`);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    this.engine?.stop();
    for (const t of this.timers) clearTimeout(t);
    await this.settled();
  }

  get running(): AlertEngine {
    if (!this.engine) throw new Error('the alert engine has not started');
    return this.engine;
  }

  /** Resolves once every change made so far is committed. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  setReceivers(receivers: AlertReceiver[]): void {
    this.receivers = receivers;
  }

  async listAlerts(query: AlertListQuery): Promise<Alert[]> {
    await this.settled();
    return (await this.alerts.findAlerts(query)).map(toPublicAlert);
  }

  queueLength(): number {
    return this.queue.length;
  }

  private enqueue(change: AlertChange): void {
    this.queue.push(change);
    if (!this.flushing) this.flushing = this.flush().finally(() => (this.flushing = null));
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      const pokes = new Set<string>();
      try {
        await this.transactions.run(async (tx) => {
          for (const change of batch) {
            await this.alerts.saveAlert(tx, change.alert, change.history);
            const deliveries = this.deliveriesOf(change);
            await this.outbox.insertDeliveries(tx, deliveries, new Date());
            for (const d of deliveries) pokes.add(d.receiverId);
          }
        });
      } catch (error) {
        this.logger.error(`could not store ${batch.length} alert changes, retrying: ${(error as Error).message}`);
        this.queue.unshift(...batch);
        await new Promise((r) => setTimeout(r, RETRY_PERSIST_MS));
        continue;
      }
      this.worker.poke(pokes);
      for (const change of batch) this.gateway.publish(change.notify, toPublicAlert(change.alert));
    }
  }

  private deliveriesOf(change: AlertChange): NewDelivery[] {
    const event = change.notify;
    if (!event) return [];
    const alert = toPublicAlert(change.alert);
    return this.receivers
      .filter((r) => r.enabled)
      .map((r) => ({ alertId: alert.id, receiverId: r.id, event, payload: buildWebhookPayload(r, event, alert, this.config.MESHLENS_EXTERNAL_URL) }));
  }
}
