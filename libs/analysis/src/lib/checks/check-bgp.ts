import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { ClusterIndex } from '../cluster/cluster-index';
import { FindingCollector, type FindingKind, type FindingSlot } from './finding-collector';

const SESSION_MISSING: FindingKind = { code: 'bgp-session-missing', severity: 'critical' };
const SESSION_NOT_ESTABLISHED: FindingKind = { code: 'bgp-session-not-established', severity: 'critical' };

const cite = (node: NodeState, s: NodeState['bgpSessions'][number]) => ({ node: node.name, table: 'bgpSessions' as const, key: s.name, row: s });

// Offered from a function of its own: closures over the peer inside the loop make V8 allocate a context for every
// pair of speakers, finding or not.
const offerSessionMissing = (collector: FindingCollector, a: NodeState, b: string, reflectors: NodeState[]) =>
  collector.offer(SESSION_MISSING, a.name, () => b, () => ({
    subject: `${a.name}->${b}`,
    message: `${a.name} has no BGP session to ${b} (${reflectors.length ? `route reflector ${reflectors.map((r) => r.name).join(', ')}` : 'full mesh'} expected)`,
    evidence: a.bgpSessions.map((s) => cite(a, s)),
  }));

/**
 * The BGP graph must be complete: a full node-to-node mesh (n(n-1)/2 sessions), or, when some nodes act as route
 * reflectors (they peer with every other BGP node while the others peer only with them), every node with each
 * reflector. Every expected session must be Established on both sides.
 */
export function checkBgpMesh(cluster: ClusterState, index = new ClusterIndex(cluster), collector = new FindingCollector()): FindingSlot[] {
  const speakers = cluster.nodes.filter((n) => n.bgpSessions.length > 0);
  if (speakers.length < 2) return [];
  const peersOf = new Map<string, Set<string>>();
  for (const node of speakers) {
    const peers = new Set<string>();
    for (const s of node.bgpSessions) {
      const peer = s.neighborAddress ? index.owner(s.neighborAddress)?.node : undefined;
      if (peer && peer !== node) peers.add(peer.name);
    }
    peersOf.set(node.name, peers);
  }
  const others = speakers.length - 1;
  const reflectors = speakers.filter((n) => peersOf.get(n.name)!.size === others && speakers.some((m) => m !== n && peersOf.get(m.name)!.size < others));
  const expected = (a: string, b: string): boolean =>
    reflectors.length === 0 || reflectors.some((r) => r.name === a || r.name === b);

  const findings: FindingSlot[] = [];
  for (const a of speakers) {
    for (const b of speakers) {
      if (a === b || !expected(a.name, b.name) || peersOf.get(a.name)!.has(b.name)) continue;
      const slot = offerSessionMissing(collector, a, b.name, reflectors);
      if (slot) findings.push(slot);
    }
    for (const s of a.bgpSessions) {
      if (s.bgpState === 'Established') continue;
      const slot = collector.offer(
        SESSION_NOT_ESTABLISHED,
        a.name,
        () => `${s.name} ${s.bgpState}`,
        () => ({
          subject: `${a.name}:${s.name}`,
          message: `${a.name}'s session ${s.name}${s.neighborAddress ? ` to ${s.neighborAddress}` : ''} is ${s.bgpState}${s.lastError ? ` (${s.lastError})` : ''}`,
          evidence: [cite(a, s)],
        }),
      );
      if (slot) findings.push(slot);
    }
  }
  return findings;
}
