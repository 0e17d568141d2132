import type { Finding, NodeSummary } from '@meshlens/model';
import type { BgpTally } from './mesh/mesh-graph';
import { isStale } from './relative-time';

export type HealthTone = 'good' | 'warn' | 'bad';

export interface FindingTally {
  critical: number;
  warning: number;
  info: number;
}

/** A node row of the overview: the summary plus what the topology and the checks say about it. */
export interface NodeRow extends NodeSummary {
  peers?: BgpTally;
  findings?: FindingTally;
  health?: NodeHealth;
}

export interface NodeHealth {
  tone: HealthTone;
  label: string;
  /** Every reason, worst first: the badge's tooltip. */
  reasons: string[];
}

export const tallyFindings = (findings: readonly Finding[]): Map<string, FindingTally> => {
  const byNode = new Map<string, FindingTally>();
  for (const f of findings) {
    if (!f.node) continue;
    const t = byNode.get(f.node) ?? { critical: 0, warning: 0, info: 0 };
    t[f.severity] += 1;
    byNode.set(f.node, t);
  }
  return byNode;
};

/** One word an operator can scan down a column for, with the reasons behind it. */
export const nodeHealth = (node: NodeSummary, now: number, peers?: BgpTally, findings?: FindingTally): NodeHealth => {
  const bad: string[] = [];
  const warn: string[] = [];
  if (node.bgp && node.bgp.status !== 'ok' && node.bgp.status !== 'missing') {
    bad.push(`BIRD ${node.bgp.status}${node.bgp.error ? `: ${node.bgp.error}` : ''}`);
  }
  if (peers && peers.up < peers.expected)
    bad.push(`${peers.expected - peers.up} of ${peers.expected} BGP peers not up`);
  if (findings?.critical) bad.push(`${findings.critical} critical finding${findings.critical === 1 ? '' : 's'}`);
  if (isStale(node.lastSeen, now)) warn.push('no report for more than 30 s');
  for (const e of node.collectorErrors ?? []) warn.push(`collector ${e.source} failed: ${e.message}`);
  if (findings?.warning) warn.push(`${findings.warning} warning${findings.warning === 1 ? '' : 's'}`);
  if (bad.length) return { tone: 'bad', label: 'failing', reasons: [...bad, ...warn] };
  if (warn.length) return { tone: 'warn', label: isStale(node.lastSeen, now) ? 'stale' : 'degraded', reasons: warn };
  return { tone: 'good', label: 'healthy', reasons: [] };
};
