import type { BlockAffinity, CalicoIpPool, Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { cidrsOverlap, networkOf } from '../net/ip-address.util';
import { citeAffinity, citePool } from './cite-datastore.util';

const isCalicoNode = (modes: string[]): boolean => modes.some((m) => m.startsWith('calico-'));

/**
 * A node that owns a block (confirmed affinity) installs `blackhole <block> proto bird`, so addresses of the block
 * that no local pod holds are dropped instead of leaking to the default route. Checked on reporting Calico nodes.
 */
export function checkBlockBlackholes(cluster: ClusterState, affinities: BlockAffinity[], calicoPrefix?: string): Finding[] {
  const findings: Finding[] = [];
  for (const a of affinities) {
    if (a.state !== 'confirmed' || a.deleted) continue;
    const node = cluster.nodes.find((n) => n.name === a.node);
    if (!node || !isCalicoNode(node.identity.modes)) continue;
    const block = networkOf(a.cidr) ?? a.cidr;
    const found = node.routes.some((r) => r.type === 'blackhole' && (networkOf(r.dst) ?? r.dst) === block);
    if (found) continue;
    findings.push({
      code: 'block-blackhole-missing',
      severity: 'warning',
      node: node.name,
      subject: `${node.name}:blackhole:${block}`,
      message: `${node.name} owns block ${block} but has no blackhole route for it`,
      evidence: [citeAffinity(a, calicoPrefix)],
    });
  }
  return findings;
}

/** Overlapping pools make Calico hand out the same addresses from two pools. */
export function checkPoolOverlap(pools: CalicoIpPool[], calicoPrefix?: string): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const [a, b] = [pools[i], pools[j]];
      if (!cidrsOverlap(a.cidr, b.cidr)) continue;
      findings.push({
        code: 'ip-pool-overlap',
        severity: 'warning',
        subject: `ippools:${[a.name, b.name].sort().join('|')}`,
        message: `IP pools ${a.name} (${a.cidr}) and ${b.name} (${b.cidr}) overlap`,
        evidence: [citePool(a, calicoPrefix), citePool(b, calicoPrefix)],
      });
    }
  }
  return findings;
}
