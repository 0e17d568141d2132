import type { AlertRule, BgpSession, DeltaReport, FullReport, NodeIdentity } from '@meshlens/model';
import { DEFAULT_ALERT_RULES } from '../engine/default-alert-rules';

export const ruleOf = (id: string, patch: Partial<AlertRule> = {}): AlertRule => {
  const rule = DEFAULT_ALERT_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no default rule ${id}`);
  return { ...rule, ...patch };
};

/** A Calico mesh session as the agent reads it from BIRD 1.6 (lab node-1 towards node-2). */
export const establishedSession: BgpSession = {
  name: 'Mesh_172_31_250_12',
  state: 'up',
  bgpState: 'Established',
  since: '12:00:00',
  info: 'Established',
  neighborAddress: '172.31.250.12',
  neighborAs: 64512,
  localAs: 64512,
};

/** The same session right after the peer ran `disable` (BIRD prints the Cease it received). */
export const droppedSession: BgpSession = {
  ...establishedSession,
  state: 'start',
  bgpState: 'Active',
  info: 'Active        Received: Administrative shutdown',
  lastError: 'Received: Administrative shutdown',
};

const identity = (nodeName: string): NodeIdentity =>
  ({ hostname: nodeName, kernel: '6.1.0', underlayAddresses: ['172.31.250.11'], modes: [], agentVersion: '0.1.0' });

export const fullReport = (nodeName: string, sessions: BgpSession[], seq = 1): FullReport => ({
  kind: 'full',
  nodeName,
  seq,
  epoch: 'e1',
  collectedAt: '2026-11-24T12:00:00.000Z',
  identity: identity(nodeName),
  counters: [],
  errors: [],
  tables: { links: [], addresses: [], routes: [], neighbors: [], fdb: [], bgpSessions: sessions, cniConfigs: [] },
});

export const sessionDelta = (nodeName: string, seq: number, upsert: BgpSession[], remove: string[] = []): DeltaReport => ({
  kind: 'delta',
  nodeName,
  seq,
  baseSeq: seq - 1,
  epoch: 'e1',
  collectedAt: '2026-11-24T12:00:00.000Z',
  identity: identity(nodeName),
  counters: [],
  errors: [],
  changes: { bgpSessions: { upsert, remove } },
});
