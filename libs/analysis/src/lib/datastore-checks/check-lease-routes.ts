import type { FlannelLease, Finding, Route } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { parseCidr } from '../net/ip-address.util';
import { citeLease } from './cite-datastore.util';
import { leaseOwner } from './lease-owner.util';

/** A main-table route (not the default, not blackhole/unreachable/prohibit) covering the whole subnet. */
function routeCovering(node: NodeState, subnet: string): Route | undefined {
  const target = parseCidr(subnet);
  if (!target) return undefined;
  return node.routes.find((r) => {
    if (r.table !== 'main' || !['unicast'].includes(r.type)) return false;
    const dst = parseCidr(r.dst);
    if (!dst || dst.family !== target.family || dst.prefixlen === 0 || dst.prefixlen > target.prefixlen) return false;
    const shift = BigInt(dst.bits - dst.prefixlen);
    return dst.value >> shift === target.value >> shift;
  });
}

/**
 * Every node that holds a lease of a Flannel network must route every other lease's subnet (via flannel.N, the peer's
 * underlay address, or flannel0 for the whole network). Nodes without a lease of that network are not expected to.
 */
export function checkLeaseRoutes(cluster: ClusterState, leases: FlannelLease[]): Finding[] {
  const findings: Finding[] = [];
  const byPrefix = new Map<string, FlannelLease[]>();
  for (const l of leases) byPrefix.set(l.prefix, [...(byPrefix.get(l.prefix) ?? []), l]);
  for (const network of byPrefix.values()) {
    const members = new Set(network.map((l) => leaseOwner(cluster, l)).filter((n): n is NodeState => !!n));
    for (const lease of network) {
      const owner = leaseOwner(cluster, lease);
      for (const node of members) {
        if (node === owner || routeCovering(node, lease.subnet)) continue;
        findings.push({
          code: 'lease-route-missing',
          severity: 'critical',
          node: node.name,
          subject: `${node.name}->${lease.subnet}`,
          message: `${node.name} has no route to ${lease.subnet}, leased to ${lease.node ?? owner?.name ?? lease.publicIp} (${lease.publicIp})`,
          evidence: [citeLease(lease)],
        });
      }
    }
  }
  return findings;
}
