import type { Finding } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { nodeOwningAddress } from '../cluster/node-facts.util';

const cite = (node: NodeState, s: NodeState['bgpSessions'][number]) => ({ node: node.name, table: 'bgpSessions' as const, key: s.name, row: s });

/**
 * The BGP graph must be complete: a full node-to-node mesh (n(n-1)/2 sessions), or, when some nodes act as route
 * reflectors (they peer with every other BGP node while the others peer only with them), every node with each
 * reflector. Every expected session must be Established on both sides.
 */
export function checkBgpMesh(cluster: ClusterState): Finding[] {
  const speakers = cluster.nodes.filter((n) => n.bgpSessions.length > 0);
  if (speakers.length < 2) return [];
  const peersOf = new Map<string, Set<string>>();
  for (const node of speakers) {
    const peers = new Set<string>();
    for (const s of node.bgpSessions) {
      const peer = s.neighborAddress ? nodeOwningAddress(cluster, s.neighborAddress)?.node : undefined;
      if (peer && peer !== node) peers.add(peer.name);
    }
    peersOf.set(node.name, peers);
  }
  const others = speakers.length - 1;
  const reflectors = speakers.filter((n) => peersOf.get(n.name)!.size === others && speakers.some((m) => m !== n && peersOf.get(m.name)!.size < others));
  const expected = (a: string, b: string): boolean =>
    reflectors.length === 0 || reflectors.some((r) => r.name === a || r.name === b);

  const findings: Finding[] = [];
  for (const a of speakers) {
    for (const b of speakers) {
      if (a === b || !expected(a.name, b.name) || peersOf.get(a.name)!.has(b.name)) continue;
      findings.push({
        code: 'bgp-session-missing',
        severity: 'critical',
        node: a.name,
        subject: `${a.name}->${b.name}`,
        message: `${a.name} has no BGP session to ${b.name} (${reflectors.length ? `route reflector ${reflectors.map((r) => r.name).join(', ')}` : 'full mesh'} expected)`,
        evidence: a.bgpSessions.map((s) => cite(a, s)),
      });
    }
    for (const s of a.bgpSessions) {
      if (s.bgpState === 'Established') continue;
      findings.push({
        code: 'bgp-session-not-established',
        severity: 'critical',
        node: a.name,
        subject: `${a.name}:${s.name}`,
        message: `${a.name}'s session ${s.name}${s.neighborAddress ? ` to ${s.neighborAddress}` : ''} is ${s.bgpState}${s.lastError ? ` (${s.lastError})` : ''}`,
        evidence: [cite(a, s)],
      });
    }
  }
  return findings;
}
