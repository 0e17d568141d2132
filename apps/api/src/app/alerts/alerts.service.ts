import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Alert, AlertListQuery, AlertReceiver } from '@meshlens/model';
import { TransactionRunner } from '../database/transaction-runner';
import { AlertDeliveryRepository, type NewDelivery } from './alert-delivery.repository';
import { AlertDeliveryWorker } from './alert-delivery.worker';
import { AlertRepository } from './alert.repository';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts-config';
import { ALERT_OWNERSHIP, type AlertCommand, type AlertCommandResult, type AlertOwnership } from './alert-ownership';
import { AlertsGateway } from './alerts.gateway';
import { AlertEngine } from './engine/alert-engine';
import type { AlertChange, EngineAlert, TrackedSession } from './engine/alert-engine.types';
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
  // Leadership changes are applied one after the other: an engine is fully loaded before it can be stopped.
  private transition: Promise<void> = Promise.resolve();
  private backlog: Array<() => void> | null = null;
  private leader = false;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: AlertDeliveryRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: IngestEvents,
    private readonly gateway: AlertsGateway,
    private readonly worker: AlertDeliveryWorker,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
    // Several replicas: only the one holding leadership runs the engine's timers and the delivery worker.
    @Optional() @Inject(ALERT_OWNERSHIP) private readonly ownership?: AlertOwnership,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.alerts.insertMissingRules(DEFAULT_ALERT_RULES, new Date());
    if (seeded > 0) this.logger.log(`${seeded} default alert rules added`);
    this.unsubscribe.push(
      this.events.onReport(({ report }) => this.observe(() => this.engine?.observeReport(report))),
      this.events.onFindings(({ source, findings }) => this.observe(() => this.engine?.observeFindings(source, findings))),
    );
    if (!this.ownership) return this.becomeOwner();
    this.ownership.handleCommands((command) => this.execute(command));
    await this.ownership.watchLeadership((leader) => this.lead(leader));
    await this.transition;
  }

  private lead(leader: boolean): Promise<void> {
    this.leader = leader;
    this.transition = this.transition
      .then(() => (leader ? this.becomeOwner() : this.resign()))
      .catch((error: Error) => {
        this.logger.error(`alert engine ${leader ? 'start' : 'stop'} failed: ${error.message}`);
        // Still the owner but the engine did not load (database blip): try again rather than own nothing.
        if (leader) setTimeout(() => this.leader && !this.engine && void this.lead(true), RETRY_PERSIST_MS).unref();
      });
    return this.transition;
  }

  /** This replica now owns alerting: the engine starts from what the database holds, as after a restart. */
  private async becomeOwner(): Promise<void> {
    if (this.engine) return;
    // What is committed while the engine loads is observed after the load: reading the database before such a
    // report committed would otherwise miss it for good (replaying one the load already saw changes nothing).
    this.backlog = [];
    try {
      await this.loadEngine();
    } finally {
      const backlog = this.backlog;
      this.backlog = null;
      for (const observe of backlog) observe();
    }
  }

  private observe(fn: () => void): void {
    if (this.backlog) this.backlog.push(fn);
    else fn();
  }

  private async loadEngine(): Promise<void> {
    const now = new Date();
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
    this.worker.start();
    this.logger.log(`alert engine: ${rules.length} rules, ${alerts.filter((a) => a.state !== 'resolved').length} open alerts, ${sessions.length} BGP sessions`);
  }

  /** Another replica owns alerting now (or this one stops): no timer of this engine may fire any more. */
  private async resign(): Promise<void> {
    if (!this.engine) return;
    this.engine.stop();
    this.engine = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.settled();
    await this.worker.stop();
    this.logger.log('alert engine stopped: this replica no longer owns alerting');
  }

  async onApplicationShutdown(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.transition;
    this.engine?.stop();
    for (const t of this.timers) clearTimeout(t);
    await this.settled();
  }

  /** True while this replica runs the engine (always, for a single replica). */
  get owner(): boolean {
    return this.engine !== null;
  }

  /**
   * BGP sessions, open alerts and last reports as /metrics shows them: the engine's live view on the replica that owns
   * alerting; on the others, what the owner stored (alert changes land a moment after the owner makes them), so a
   * scrape of any replica shows the cluster.
   */
  async metricsView(): Promise<{ owner: boolean; sessions: TrackedSession[]; alerts: EngineAlert[]; lastSeen: Array<{ node: string; at: number }> }> {
    if (this.engine) {
      return { owner: true, sessions: this.engine.sessionsView(), alerts: this.engine.alerts(), lastSeen: this.engine.lastSeenView() };
    }
    const [alerts, sessions, lastSeen] = await Promise.all([this.alerts.findAllAlerts(), this.alerts.findCurrentSessions(), this.alerts.findLastSeen()]);
    return { owner: false, sessions, alerts, lastSeen };
  }

  /** Runs an operator's change on the engine, wherever it runs. */
  async command(command: AlertCommand): Promise<AlertCommandResult> {
    if (this.engine || !this.ownership) return this.execute(command);
    return this.ownership.callOwner(command);
  }

  private async execute(command: AlertCommand): Promise<AlertCommandResult> {
    const engine = this.engine;
    if (!engine) throw new Error('this replica does not run the alert engine');
    let result: AlertCommandResult = null;
    switch (command.type) {
      case 'ack':
        result = engine.book.ack(command.id, command.by) ?? null;
        break;
      case 'find':
        result = engine.book.byId(command.id) ?? null;
        break;
      case 'add-silence':
        engine.addSilence(command.silence);
        break;
      case 'remove-silence':
        engine.book.removeSilence(command.id);
        break;
      case 'reload-rules':
        engine.setRules(await this.alerts.findRules());
        break;
      case 'reload-receivers':
        this.receivers = await this.outbox.findReceivers();
        break;
    }
    await this.settled();
    return result;
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
