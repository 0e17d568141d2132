import type { AlertRule, AlertSilence, BgpSession, Finding, FindingCode, NodeReport } from '@meshlens/model';
import { AlertBook } from './alert-book';
import type { EngineAlert, EngineDeps, EngineSnapshot, TimerHandle, TrackedSession } from './alert-engine.types';
import { DEFAULT_FLAP_COUNT, DEFAULT_FLAP_WINDOW_SECONDS, DEFAULT_INTERVAL_SECONDS, DEFAULT_SILENT_INTERVALS } from './default-alert-rules';
import { globMatch } from './glob-match.util';

const ESTABLISHED = 'Established';
const AGENT_SUBJECT = 'agent';
// Transitions older than this are never needed by any flapping window (the schema caps windows at a day).
const MAX_TRANSITIONS_KEPT = 1000;

/**
 * Turns what is ingested (agent reports, consistency findings) into alert conditions, the moment it arrives.
 * Time only enters through `for` durations, flap windows, silence expiry and agent silence, all as timers.
 * Pure: no database, no network; the caller persists and delivers the changes it reports.
 */
export class AlertEngine {
  readonly book: AlertBook;
  private rules: AlertRule[] = [];
  private readonly sessions = new Map<string, Map<string, TrackedSession>>();
  private readonly transitions = new Map<string, number[]>();
  private readonly lastSeen = new Map<string, number>();
  private readonly findings = new Map<string, Finding[]>();
  private readonly silentTimers = new Map<string, TimerHandle>();
  private readonly flapTimers = new Map<string, TimerHandle>();

  constructor(private readonly deps: EngineDeps) {
    this.book = new AlertBook(deps);
  }

  load(snapshot: EngineSnapshot): void {
    this.rules = snapshot.rules;
    for (const s of snapshot.sessions) this.sessionsOf(s.node).set(s.name, { ...s });
    this.book.load(snapshot.alerts, snapshot.silences, snapshot.rules);
    // Agents could not report while the API was down: their silence counts from now.
    const now = this.deps.clock.now();
    for (const { node, at } of snapshot.lastSeen) this.lastSeen.set(node, Math.max(at, now));
    this.reevaluate(now);
  }

  setRules(rules: AlertRule[]): void {
    this.rules = rules;
    this.reevaluate(this.deps.clock.now());
  }

  /** A report was committed: the agent is alive, and its BGP sessions may have changed. */
  observeReport(report: NodeReport, at = this.deps.clock.now()): void {
    const node = report.nodeName;
    this.heartbeat(node, at);
    const current = this.sessionsOf(node);
    const updates: Array<{ name: string; row: BgpSession | null }> = [];
    if (report.kind === 'full') {
      const names = new Set(report.tables.bgpSessions.map((s) => s.name));
      for (const row of report.tables.bgpSessions) updates.push({ name: row.name, row });
      for (const name of current.keys()) if (!names.has(name)) updates.push({ name, row: null });
    } else {
      for (const row of report.changes.bgpSessions?.upsert ?? []) updates.push({ name: row.name, row });
      for (const name of report.changes.bgpSessions?.remove ?? []) updates.push({ name, row: null });
    }
    for (const { name, row } of updates) this.applySession(node, name, row, at);
  }

  /** The complete current findings of one source (a checker run); findings that are gone resolve. */
  observeFindings(source: string, findings: Finding[], at = this.deps.clock.now()): void {
    this.findings.set(source, findings);
    this.evaluateFindings(source, at);
  }

  sessionsView(): TrackedSession[] {
    return [...this.sessions.values()].flatMap((m) => [...m.values()]);
  }

  lastSeenView(): Array<{ node: string; at: number }> {
    return [...this.lastSeen].map(([node, at]) => ({ node, at }));
  }

  alerts(): EngineAlert[] {
    return this.book.all();
  }

  addSilence(silence: AlertSilence): void {
    this.book.addSilence(silence);
  }

  stop(): void {
    for (const t of [...this.silentTimers.values(), ...this.flapTimers.values()]) this.deps.timers.clear(t);
    this.silentTimers.clear();
    this.flapTimers.clear();
    this.book.stop();
  }

  private sessionsOf(node: string): Map<string, TrackedSession> {
    let map = this.sessions.get(node);
    if (!map) this.sessions.set(node, (map = new Map()));
    return map;
  }

  private applySession(node: string, name: string, row: BgpSession | null, at: number): void {
    const map = this.sessionsOf(node);
    const prev = map.get(name);
    const wasUp = prev?.bgpState === ESTABLISHED;
    const isUp = row?.bgpState === ESTABLISHED;
    if (row) map.set(name, { node, name, bgpState: row.bgpState, wasEstablished: (prev?.wasEstablished ?? false) || isUp, row });
    else map.delete(name);
    if (prev && row && wasUp !== isUp) this.recordTransition(node, name, at);
    this.evaluateSession(node, name, prev?.row ?? null, at);
  }

  private recordTransition(node: string, name: string, at: number): void {
    const key = `${node}\u0000${name}`;
    const list = this.transitions.get(key) ?? [];
    list.push(at);
    if (list.length > MAX_TRANSITIONS_KEPT) list.shift();
    this.transitions.set(key, list);
  }

  private evaluateSession(node: string, name: string, previous: BgpSession | null, at: number): void {
    const tracked = this.sessions.get(node)?.get(name);
    // Flapping first: a flap that starts now inhibits this very transition's notification.
    const ordered = [...this.rules].sort((a, b) => Number(b.kind === 'bgp-session-flapping') - Number(a.kind === 'bgp-session-flapping'));
    for (const rule of ordered) {
      if (rule.kind === 'bgp-session-down') {
        const down = !!tracked && tracked.wasEstablished && tracked.bgpState !== ESTABLISHED;
        const active = down && this.applies(rule, node, name);
        this.book.setCondition(rule, node, name, active, this.sessionContext(rule, node, name, tracked, previous), at);
      } else if (rule.kind === 'bgp-session-flapping') {
        this.evaluateFlapping(rule, node, name, at);
      }
    }
  }

  private evaluateFlapping(rule: AlertRule, node: string, name: string, at: number): void {
    const windowMs = (rule.params.flapWindowSeconds ?? DEFAULT_FLAP_WINDOW_SECONDS) * 1000;
    const threshold = rule.params.flapCount ?? DEFAULT_FLAP_COUNT;
    const recent = (this.transitions.get(`${node}\u0000${name}`) ?? []).filter((t) => t > at - windowMs);
    const active = recent.length >= threshold && this.applies(rule, node, name);
    const timerKey = `${rule.id}\u0000${node}\u0000${name}`;
    const old = this.flapTimers.get(timerKey);
    if (old !== undefined) this.deps.timers.clear(old);
    this.flapTimers.delete(timerKey);
    if (active) {
      // Re-check when the transition that keeps the count at the threshold leaves the window.
      const dropsAt = recent[recent.length - threshold] + windowMs;
      this.flapTimers.set(
        timerKey,
        this.deps.timers.set(() => this.evaluateFlapping(rule, node, name, this.deps.clock.now()), Math.max(1, dropsAt - at + 1)),
      );
    }
    const tracked = this.sessions.get(node)?.get(name);
    const context = {
      labels: { ...this.baseLabels(rule, node), session: name },
      annotations: {
        summary: `BGP session ${name} on ${node} is flapping`,
        description: `${recent.length} state changes in the last ${windowMs / 1000} s (threshold ${threshold}); now ${tracked?.bgpState ?? 'gone'}`,
      },
      evidence: { transitions: recent.map((t) => new Date(t).toISOString()), session: tracked?.row ?? null },
      flapCount: recent.length,
    };
    this.book.setCondition(rule, node, name, active, context, at);
  }

  private sessionContext(rule: AlertRule, node: string, name: string, tracked: TrackedSession | undefined, previous: BgpSession | null) {
    const row = tracked?.row;
    const why = row ? [row.bgpState, row.info ?? row.lastError].filter(Boolean).join(': ') : 'session no longer reported';
    return {
      labels: { ...this.baseLabels(rule, node), session: name, ...(row?.neighborAddress && { neighbor: row.neighborAddress }) },
      annotations: {
        summary: `BGP session ${name} on ${node} is not Established`,
        description: `${name} on ${node}: ${why}`,
      },
      evidence: { session: row ?? null, previous },
    };
  }

  private heartbeat(node: string, at: number): void {
    this.lastSeen.set(node, at);
    for (const rule of this.rules) if (rule.kind === 'agent-silent') this.armSilence(rule, node, at);
  }

  private armSilence(rule: AlertRule, node: string, at: number): void {
    const key = `${rule.id}\u0000${node}`;
    const old = this.silentTimers.get(key);
    if (old !== undefined) this.deps.timers.clear(old);
    this.silentTimers.delete(key);
    const applies = this.applies(rule, node, AGENT_SUBJECT);
    const lastSeen = this.lastSeen.get(node) ?? at;
    this.book.setCondition(rule, node, AGENT_SUBJECT, false, { labels: {}, annotations: {}, evidence: { lastReportAt: new Date(lastSeen).toISOString() } }, at);
    if (!applies) return;
    const silentMs = (rule.params.silentIntervals ?? DEFAULT_SILENT_INTERVALS) * (rule.params.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000;
    const fire = () => {
      this.silentTimers.delete(key);
      const now = this.deps.clock.now();
      this.book.setCondition(
        rule,
        node,
        AGENT_SUBJECT,
        true,
        {
          labels: this.baseLabels(rule, node),
          annotations: {
            summary: `Agent on ${node} is silent`,
            description: `no report from ${node} since ${new Date(lastSeen).toISOString()} (${Math.round((now - lastSeen) / 1000)} s)`,
          },
          evidence: { lastReportAt: new Date(lastSeen).toISOString(), silentForMs: now - lastSeen },
        },
        now,
      );
    };
    this.silentTimers.set(key, this.deps.timers.set(fire, Math.max(0, lastSeen + silentMs - at)));
  }

  private evaluateFindings(source: string, at: number): void {
    const findings = this.findings.get(source) ?? [];
    for (const rule of this.rules) {
      if (rule.kind !== 'finding' && rule.kind !== 'lease-expiry') continue;
      const codes = rule.params.findingCodes;
      const wanted = new Map<string, Finding>();
      for (const f of findings) {
        if (codes && !codes.includes(f.code as FindingCode)) continue;
        const node = f.node ?? 'cluster';
        const subject = `${f.code}:${f.subject}`;
        if (this.applies(rule, node, subject, { code: f.code, source })) wanted.set(`${node}\u0000${subject}`, f);
      }
      for (const alert of this.book.values()) {
        if (alert.ruleId !== rule.id || alert.labels['source'] !== source || alert.state === 'resolved') continue;
        if (!wanted.has(`${alert.node}\u0000${alert.subject}`)) this.book.setCondition(rule, alert.node, alert.subject, false, null, at);
      }
      for (const [, f] of wanted) {
        const node = f.node ?? 'cluster';
        // A finding whose alert is already open changes nothing (setCondition returns at once for an open alert
        // without a flap count): skip building its labels. On a broken 1000-node cluster nearly all of 50k findings
        // are the same from one sweep to the next, and this runs on the event loop that serves ingest.
        const open = this.book.get(rule.id, node, `${f.code}:${f.subject}`);
        if (open && open.state !== 'resolved') continue;
        const context = {
          labels: { ...this.baseLabels(rule, node), code: f.code, subject: f.subject, source, finding_severity: f.severity },
          annotations: { summary: f.message, description: `${f.code} (${f.subject}): ${f.message}` },
          evidence: f,
        };
        this.book.setCondition(rule, node, `${f.code}:${f.subject}`, true, context, at);
      }
    }
  }

  /** After a rule change or a restart: every known target is evaluated again (a no-op where nothing differs). */
  private reevaluate(at: number): void {
    const ruleIds = new Set(this.rules.filter((r) => r.enabled).map((r) => r.id));
    for (const alert of this.book.all()) {
      if (alert.state !== 'resolved' && !ruleIds.has(alert.ruleId)) {
        const rule = this.rules.find((r) => r.id === alert.ruleId) ?? { ...orphanRule, id: alert.ruleId, kind: alert.kind };
        this.book.setCondition(rule, alert.node, alert.subject, false, null, at);
      }
    }
    for (const [node, map] of this.sessions) for (const name of [...map.keys()]) this.evaluateSession(node, name, null, at);
    for (const node of this.lastSeen.keys()) {
      for (const rule of this.rules) if (rule.kind === 'agent-silent') this.armSilence(rule, node, at);
    }
    for (const source of this.findings.keys()) this.evaluateFindings(source, at);
  }

  private applies(rule: AlertRule, node: string, subject: string, extra: Record<string, string> = {}): boolean {
    if (!rule.enabled) return false;
    const { nodes, sessions, labels } = rule.scope;
    if (nodes?.length && !nodes.some((p) => globMatch(p, node))) return false;
    const isBgp = rule.kind === 'bgp-session-down' || rule.kind === 'bgp-session-flapping';
    if (isBgp && sessions?.length && !sessions.some((p) => globMatch(p, subject))) return false;
    // Most rules match on no label: no need to build the labels a target has (called once per finding per sweep).
    if (!labels || Object.keys(labels).length === 0) return true;
    const have: Record<string, string> = { node, subject, rule: rule.id, ...(isBgp && { session: subject }), ...extra };
    return Object.entries(labels).every(([k, v]) => have[k] !== undefined && globMatch(v, have[k]));
  }

  private baseLabels(rule: AlertRule, node: string): Record<string, string> {
    return { alertname: rule.id, rule: rule.id, severity: rule.severity, node };
  }
}

const orphanRule: AlertRule = {
  id: '',
  name: 'deleted rule',
  kind: 'finding',
  enabled: false,
  severity: 'info',
  forSeconds: 0,
  scope: {},
  params: {},
  builtin: false,
};
