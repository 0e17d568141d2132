import { Injectable } from '@nestjs/common';
import type { AlertHistoryEntry, AlertListQuery, AlertRule, AlertSilence, BgpSession } from '@meshlens/model';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Db } from '../database/transaction-runner';
import type { AlertHistoryItem, EngineAlert, NotifiedState, TrackedSession } from './engine/alert-engine.types';

type AlertRow = Prisma.AlertGetPayload<object>;
type RuleRow = Prisma.AlertRuleGetPayload<object>;
type SilenceRow = Prisma.AlertSilenceGetPayload<object>;

const json = (v: unknown): Prisma.InputJsonValue => (v ?? null) as Prisma.InputJsonValue;
const date = (s: string | null): Date | null => (s ? new Date(s) : null);
const isoOrNull = (d: Date | null): string | null => d?.toISOString() ?? null;

/** Alerts, their history, rules and silences. */
@Injectable()
export class AlertRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findAllAlerts(): Promise<EngineAlert[]> {
    return (await this.prisma.alert.findMany()).map(toEngineAlert);
  }

  async findAlerts(query: AlertListQuery): Promise<EngineAlert[]> {
    const rows = await this.prisma.alert.findMany({
      where: { state: query.state, node: query.node, ruleId: query.ruleId },
      orderBy: { updatedAt: 'desc' },
      take: query.limit,
    });
    return rows.map(toEngineAlert);
  }

  async findAlertById(id: string): Promise<EngineAlert | null> {
    const row = await this.prisma.alert.findUnique({ where: { id } });
    return row ? toEngineAlert(row) : null;
  }

  async findHistoryByAlertId(alertId: string): Promise<AlertHistoryEntry[]> {
    const rows = await this.prisma.alertHistory.findMany({ where: { alertId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ alertId: r.alertId, type: r.type as AlertHistoryEntry['type'], at: r.at.toISOString(), detail: r.detail }));
  }

  async saveAlert(db: Db, alert: EngineAlert, history: AlertHistoryItem[]): Promise<void> {
    const data = {
      fingerprint: alert.fingerprint,
      ruleId: alert.ruleId,
      ruleName: alert.ruleName,
      kind: alert.kind,
      severity: alert.severity,
      node: alert.node,
      subject: alert.subject,
      state: alert.state,
      labels: json(alert.labels),
      annotations: json(alert.annotations),
      evidence: json(alert.evidence),
      flapCount: alert.flapCount,
      startsAt: new Date(alert.startsAt),
      firedAt: date(alert.firedAt),
      resolvedAt: date(alert.resolvedAt),
      updatedAt: new Date(alert.updatedAt),
      ackedAt: date(alert.ackedAt),
      ackedBy: alert.ackedBy,
      silencedBy: alert.silencedBy,
      notifiedState: alert.notifiedState,
    };
    await db.alert.upsert({ where: { id: alert.id }, create: { id: alert.id, ...data }, update: data });
    if (history.length > 0) {
      await db.alertHistory.createMany({ data: history.map((h) => ({ alertId: alert.id, type: h.type, at: new Date(h.at), detail: json(h.detail) })) });
    }
  }

  async findRules(): Promise<AlertRule[]> {
    return (await this.prisma.alertRule.findMany({ orderBy: { id: 'asc' } })).map(toRule);
  }

  /** Inserts rules that do not exist yet; an existing rule (maybe edited by an operator) is left alone. */
  async insertMissingRules(rules: readonly AlertRule[], at: Date): Promise<number> {
    const result = await this.prisma.alertRule.createMany({ data: rules.map((r) => ruleData(r, at)), skipDuplicates: true });
    return result.count;
  }

  async createRule(rule: AlertRule, at: Date): Promise<AlertRule> {
    return toRule(await this.prisma.alertRule.create({ data: ruleData(rule, at) }));
  }

  async updateRule(rule: AlertRule, at: Date): Promise<AlertRule> {
    const data: Partial<ReturnType<typeof ruleData>> = ruleData(rule, at);
    delete data.createdAt;
    return toRule(await this.prisma.alertRule.update({ where: { id: rule.id }, data }));
  }

  async deleteRule(id: string): Promise<boolean> {
    return (await this.prisma.alertRule.deleteMany({ where: { id } })).count > 0;
  }

  async findActiveSilences(now: Date): Promise<AlertSilence[]> {
    return (await this.prisma.alertSilence.findMany({ where: { endsAt: { gt: now } }, orderBy: { endsAt: 'asc' } })).map(toSilence);
  }

  async createSilence(silence: AlertSilence): Promise<AlertSilence> {
    const row = await this.prisma.alertSilence.create({
      data: { ...silence, matchers: json(silence.matchers), startsAt: new Date(silence.startsAt), endsAt: new Date(silence.endsAt) },
    });
    return toSilence(row);
  }

  /** Ends a silence now (kept as history). */
  async expireSilence(id: string, at: Date): Promise<boolean> {
    return (await this.prisma.alertSilence.updateMany({ where: { id, endsAt: { gt: at } }, data: { endsAt: at } })).count > 0;
  }

  /** Current BGP sessions of every node, and whether each was ever Established (read once at start). */
  async findCurrentSessions(): Promise<TrackedSession[]> {
    const rows = await this.prisma.$queryRaw<Array<{ node: string; name: string; bgpState: string; data: BgpSession; wasEstablished: boolean }>>`
      SELECT n."name" AS node, b."name", b."bgpState", b."data",
             EXISTS (SELECT 1 FROM "BgpSession" h
                     WHERE h."nodeId" = b."nodeId" AND h."key" = b."key" AND h."bgpState" = 'Established') AS "wasEstablished"
      FROM "BgpSession" b JOIN "Node" n ON n."id" = b."nodeId"
      WHERE b."validTo" IS NULL`;
    return rows.map((r) => ({ node: r.node, name: r.name, bgpState: r.bgpState, wasEstablished: r.wasEstablished, row: r.data }));
  }

  async findLastSeen(): Promise<Array<{ node: string; at: number }>> {
    const rows = await this.prisma.node.findMany({ select: { name: true, lastSeen: true } });
    return rows.map((r) => ({ node: r.name, at: r.lastSeen.getTime() }));
  }
}

function toEngineAlert(r: AlertRow): EngineAlert {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    kind: r.kind as EngineAlert['kind'],
    severity: r.severity as EngineAlert['severity'],
    node: r.node,
    subject: r.subject,
    state: r.state as EngineAlert['state'],
    labels: r.labels as Record<string, string>,
    annotations: r.annotations as Record<string, string>,
    evidence: r.evidence,
    flapCount: r.flapCount,
    startsAt: r.startsAt.toISOString(),
    firedAt: isoOrNull(r.firedAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    updatedAt: r.updatedAt.toISOString(),
    ackedAt: isoOrNull(r.ackedAt),
    ackedBy: r.ackedBy,
    silencedBy: r.silencedBy,
    notifiedState: r.notifiedState as NotifiedState | null,
  };
}

const ruleData = (r: AlertRule, at: Date) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  enabled: r.enabled,
  severity: r.severity,
  forSeconds: r.forSeconds,
  scope: json(r.scope),
  params: json(r.params),
  builtin: r.builtin,
  createdAt: at,
  updatedAt: at,
});

const toRule = (r: RuleRow): AlertRule => ({
  id: r.id,
  name: r.name,
  kind: r.kind as AlertRule['kind'],
  enabled: r.enabled,
  severity: r.severity as AlertRule['severity'],
  forSeconds: r.forSeconds,
  scope: r.scope as AlertRule['scope'],
  params: r.params as AlertRule['params'],
  builtin: r.builtin,
});

const toSilence = (r: SilenceRow): AlertSilence => ({
  id: r.id,
  matchers: r.matchers as AlertSilence['matchers'],
  comment: r.comment,
  createdBy: r.createdBy,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
});
