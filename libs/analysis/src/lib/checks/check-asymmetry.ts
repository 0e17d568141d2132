import type { ClusterState } from '../cluster/cluster-state';
import { ClusterIndex } from '../cluster/cluster-index';
import { formatIp, parseCidr } from '../net/ip-address.util';
import { explainPath } from '../path/explain-path';
import { FindingCollector, type FindingKind, type FindingSlot } from './finding-collector';

const ASYMMETRIC_PATH: FindingKind = { code: 'asymmetric-path', severity: 'warning' };

/** Above this many nodes the pairwise walk (n² explanations) is left to explicit path queries. */
export const ASYMMETRY_MAX_NODES = 200;

const firstHost = (cidr: string): string | null => {
  const c = parseCidr(cidr);
  return c ? formatIp({ ...c, value: c.value + 2n }) : null;
};

const commonBits = (a: string, b: string): number => {
  const [x, y] = [parseCidr(a), parseCidr(b)];
  if (!x || !y || x.family !== y.family) return -1;
  let n = 0;
  while (n < x.bits && ((x.value >> BigInt(x.bits - 1 - n)) & 1n) === ((y.value >> BigInt(y.bits - 1 - n)) & 1n)) n++;
  return n;
};

/**
 * Traffic between two nodes should take the same kind of path both ways: one direction through a tunnel and the
 * other in the clear (or through another tunnel) points at half-applied configuration and breaks stateful filters.
 */
export function checkAsymmetricPaths(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  if (cluster.nodes.length > ASYMMETRY_MAX_NODES) return [];
  const probes = cluster.nodes
    .map((n) => ({ node: n, subnets: index.podSubnets(n) }))
    .filter((p) => p.subnets.length > 0);
  const findings: FindingSlot[] = [];
  for (let i = 0; i < probes.length; i++) {
    for (let j = i + 1; j < probes.length; j++) {
      for (const sa of probes[i].subnets) {
        // The other node's subnet of the same range: same kind, and the most leading bits in common.
        const sb = probes[j].subnets
          .filter((s) => s.source === sa.source)
          .sort((x, y) => commonBits(y.cidr, sa.cidr) - commonBits(x.cidr, sa.cidr))[0];
        const [a, b] = [sa.cidr, sb?.cidr].map((c) => (c ? firstHost(c) : null));
        if (!a || !b || !sb) continue;
        // Walk node to node (the subnets' gateway side), since a probe address need not hold a pod.
        const there = explainPath(cluster, probes[i].node.identity.underlayAddresses[0] ?? '', b, index);
        const back = explainPath(cluster, probes[j].node.identity.underlayAddresses[0] ?? '', a, index);
        const kind = (p: typeof there) => p.hops.find((h) => h.kind === 'encapsulate')?.encapsulation?.type ?? 'plain';
        // Broken or leaking directions are reported by the route checks; asymmetry is about two working paths.
        if (there.status !== 'delivered' || back.status !== 'delivered' || kind(there) === kind(back)) continue;
        const slot = collector.offer(
          ASYMMETRIC_PATH,
          probes[i].node.name,
          () => `${probes[j].node.name} ${sb.cidr}`,
          () => ({
            subject: `${probes[i].node.name}<->${probes[j].node.name}:${sa.cidr}`,
            message: `${probes[i].node.name} reaches ${sb.cidr} with ${kind(there)}, but ${probes[j].node.name} answers ${sa.cidr} with ${kind(back)}`,
            evidence: [sa.citation, sb.citation, ...there.hops.flatMap((h) => h.cites), ...back.hops.flatMap((h) => h.cites)].slice(0, 12),
          }),
        );
        if (slot) findings.push(slot);
      }
    }
  }
  return findings;
}
