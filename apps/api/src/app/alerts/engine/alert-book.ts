import type { AlertRule, AlertSilence } from '@meshlens/model';
import { alertFingerprint, alertKey } from './alert-fingerprint.util';
import type { AlertHistoryItem, EngineAlert, EngineDeps, NotifiedState, TimerHandle } from './alert-engine.types';
import { globMatch } from './glob-match.util';

export interface ConditionContext {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  evidence: unknown;
  /** Flapping rules count transitions themselves; others count reopenings. */
  flapCount?: number;
}

/**
 * The lifecycle of alerts, one per rule + node + subject: pending -> firing -> resolved, reopened (flapCount + 1)
 * when the condition comes back. Decides what receivers must be told: a firing alert once, its resolution once,
 * nothing while a silence matches or (for a session that is down) while the same session's flapping alert fires.
 */
export class AlertBook {
  private readonly alerts = new Map<string, EngineAlert>();
  private readonly silences = new Map<string, AlertSilence>();
  private readonly forTimers = new Map<string, TimerHandle>();
  private readonly silenceTimers = new Map<string, TimerHandle>();

  constructor(private readonly deps: EngineDeps) {}

  load(alerts: EngineAlert[], silences: AlertSilence[], rules: AlertRule[]): void {
    for (const a of alerts) this.alerts.set(alertKey(a.ruleId, a.node, a.subject), { ...a });
    for (const s of silences) this.addSilence(s, false);
    const now = this.deps.clock.now();
    for (const a of this.alerts.values()) {
      const rule = rules.find((r) => r.id === a.ruleId);
      if (a.state === 'pending' && rule) this.scheduleFire(a, Date.parse(a.startsAt) + rule.forSeconds * 1000 - now);
    }
    this.reconcileAll();
  }

  all(): EngineAlert[] {
    return [...this.alerts.values()];
  }

  /** Every alert, live: for a caller that only reads, or that changes alerts only through this book while iterating. */
  values(): IterableIterator<EngineAlert> {
    return this.alerts.values();
  }

  get(ruleId: string, node: string, subject: string): EngineAlert | undefined {
    return this.alerts.get(alertKey(ruleId, node, subject));
  }

  byId(id: string): EngineAlert | undefined {
    return [...this.alerts.values()].find((a) => a.id === id);
  }

  /** The condition of `rule` for (node, subject) holds (`active`) or not, as seen at `at`. */
  setCondition(rule: AlertRule, node: string, subject: string, active: boolean, context: ConditionContext | null, at: number): void {
    const key = alertKey(rule.id, node, subject);
    const alert = this.alerts.get(key);
    if (!active) {
      if (!alert || alert.state === 'resolved') return;
      this.clearFire(key);
      alert.state = 'resolved';
      alert.resolvedAt = iso(at);
      alert.updatedAt = iso(at);
      if (context) alert.evidence = context.evidence;
      this.emit(alert, [{ type: 'resolved', at: iso(at), detail: context?.evidence ?? null }]);
      return;
    }
    if (!context) throw new Error(`setCondition(${rule.id}): an active condition needs its context`);
    if (alert && alert.state !== 'resolved') {
      if (context.flapCount === undefined || context.flapCount === alert.flapCount) return;
      alert.flapCount = context.flapCount;
      alert.evidence = context.evidence;
      alert.updatedAt = iso(at);
      this.emit(alert, [{ type: 'flap', at: iso(at), detail: { flapCount: alert.flapCount } }]);
      return;
    }
    const history: AlertHistoryItem[] = [];
    const next: EngineAlert = alert ?? this.create(rule, node, subject, at);
    if (alert) {
      next.flapCount += 1;
      history.push({ type: 'flap', at: iso(at), detail: { flapCount: next.flapCount } });
    }
    Object.assign(next, {
      ruleName: rule.name,
      severity: rule.severity,
      state: 'pending',
      labels: context.labels,
      annotations: context.annotations,
      evidence: context.evidence,
      startsAt: iso(at),
      firedAt: null,
      resolvedAt: null,
      updatedAt: iso(at),
      ackedAt: null,
      ackedBy: null,
    } satisfies Partial<EngineAlert>);
    if (context.flapCount !== undefined) next.flapCount = context.flapCount;
    this.alerts.set(key, next);
    history.push({ type: 'pending', at: iso(at), detail: context.evidence });
    if (rule.forSeconds <= 0) {
      next.state = 'firing';
      next.firedAt = iso(at);
      history.push({ type: 'firing', at: iso(at), detail: null });
    } else {
      this.scheduleFire(next, rule.forSeconds * 1000);
    }
    this.emit(next, history);
  }

  ack(id: string, by: string): EngineAlert | undefined {
    const alert = this.byId(id);
    if (!alert) return undefined;
    const at = iso(this.deps.clock.now());
    alert.ackedAt = at;
    alert.ackedBy = by;
    alert.updatedAt = at;
    this.emit(alert, [{ type: 'ack', at, detail: { by } }]);
    return alert;
  }

  listSilences(): AlertSilence[] {
    return [...this.silences.values()];
  }

  addSilence(silence: AlertSilence, reconcile = true): void {
    const ms = Date.parse(silence.endsAt) - this.deps.clock.now();
    if (ms <= 0) return;
    this.silences.set(silence.id, silence);
    this.silenceTimers.set(silence.id, this.deps.timers.set(() => this.removeSilence(silence.id), ms));
    if (reconcile) this.reconcileAll();
  }

  removeSilence(id: string): boolean {
    const had = this.silences.delete(id);
    const timer = this.silenceTimers.get(id);
    if (timer !== undefined) this.deps.timers.clear(timer);
    this.silenceTimers.delete(id);
    if (had) this.reconcileAll();
    return had;
  }

  /** Sends what is owed (a silence or an inhibition ended) and records silences starting or ending. */
  reconcileAll(): void {
    for (const alert of this.alerts.values()) this.emit(alert, [], true);
  }

  stop(): void {
    for (const t of [...this.forTimers.values(), ...this.silenceTimers.values()]) this.deps.timers.clear(t);
    this.forTimers.clear();
    this.silenceTimers.clear();
  }

  private create(rule: AlertRule, node: string, subject: string, at: number): EngineAlert {
    return {
      id: this.deps.newId(),
      fingerprint: alertFingerprint(rule.id, node, subject),
      ruleId: rule.id,
      ruleName: rule.name,
      kind: rule.kind,
      severity: rule.severity,
      node,
      subject,
      state: 'pending',
      labels: {},
      annotations: {},
      evidence: null,
      flapCount: 0,
      startsAt: iso(at),
      firedAt: null,
      resolvedAt: null,
      updatedAt: iso(at),
      ackedAt: null,
      ackedBy: null,
      silencedBy: null,
      notifiedState: null,
    };
  }

  private scheduleFire(alert: EngineAlert, ms: number): void {
    const key = alertKey(alert.ruleId, alert.node, alert.subject);
    this.clearFire(key);
    this.forTimers.set(
      key,
      this.deps.timers.set(() => {
        this.forTimers.delete(key);
        if (alert.state !== 'pending') return;
        const at = iso(this.deps.clock.now());
        alert.state = 'firing';
        alert.firedAt = at;
        alert.updatedAt = at;
        this.emit(alert, [{ type: 'firing', at, detail: null }]);
      }, Math.max(0, ms)),
    );
  }

  private clearFire(key: string): void {
    const timer = this.forTimers.get(key);
    if (timer === undefined) return;
    this.deps.timers.clear(timer);
    this.forTimers.delete(key);
  }

  /** Works out silence and what to notify, then hands the change on; `quiet` skips changes that say nothing new. */
  private emit(alert: EngineAlert, history: AlertHistoryItem[], quiet = false): void {
    const at = iso(this.deps.clock.now());
    const silence = this.matchingSilence(alert);
    const silencedBy = silence?.id ?? null;
    if (silencedBy !== alert.silencedBy) {
      history.push({ type: silencedBy ? 'silenced' : 'unsilenced', at, detail: { silenceId: silencedBy ?? alert.silencedBy } });
      alert.silencedBy = silencedBy;
    }
    const notify = silencedBy || this.inhibited(alert) ? null : owed(alert);
    if (notify) alert.notifiedState = notify;
    if (quiet && history.length === 0 && !notify) return;
    this.deps.onChange({ alert: { ...alert }, history, notify });
    if (alert.kind === 'bgp-session-flapping') {
      for (const other of this.alerts.values()) {
        if (other.kind === 'bgp-session-down' && other.node === alert.node && other.subject === alert.subject) this.emit(other, [], true);
      }
    }
  }

  private matchingSilence(alert: EngineAlert): AlertSilence | undefined {
    if (alert.state === 'resolved' && alert.notifiedState !== 'firing') return undefined;
    const fields = { ruleId: alert.ruleId, node: alert.node, subject: alert.subject };
    return [...this.silences.values()].find((s) =>
      (Object.keys(s.matchers) as Array<keyof typeof fields>).every((k) => s.matchers[k] === undefined || globMatch(s.matchers[k] as string, fields[k])),
    );
  }

  /** A down session whose flapping alert fires is told once by that alert, not at every transition. */
  private inhibited(alert: EngineAlert): boolean {
    if (alert.kind !== 'bgp-session-down') return false;
    return [...this.alerts.values()].some(
      (a) => a.kind === 'bgp-session-flapping' && a.state === 'firing' && a.node === alert.node && a.subject === alert.subject,
    );
  }
}

function owed(alert: EngineAlert): NotifiedState | null {
  if (alert.state === 'firing' && alert.notifiedState !== 'firing') return 'firing';
  if (alert.state === 'resolved' && alert.notifiedState === 'firing') return 'resolved';
  return null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
