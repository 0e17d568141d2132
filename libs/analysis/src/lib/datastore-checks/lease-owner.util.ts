import type { FlannelLease } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';

/** The reporting node whose underlay (or, failing that, any own address) is the lease's PublicIP. */
export function leaseOwner(cluster: ClusterState, lease: Pick<FlannelLease, 'publicIp'>): NodeState | undefined {
  return (
    cluster.nodes.find((n) => n.identity.underlayAddresses.includes(lease.publicIp)) ??
    cluster.nodes.find((n) => n.addresses.some((a) => a.local === lease.publicIp))
  );
}

/** Leases with `node` set to their owner's name where one reports. */
export function attachLeaseOwners(cluster: ClusterState, leases: FlannelLease[]): FlannelLease[] {
  return leases.map((l) => ({ ...l, node: leaseOwner(cluster, l)?.name ?? l.node ?? null }));
}
