import type { DatastoreProblem, DatastoreSnapshot, Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { checkBlockBlackholes, checkPoolOverlap } from './check-calico-ipam';
import { checkLeaseExpiry } from './check-lease-expiry';
import { checkLeaseRoutes } from './check-lease-routes';
import { checkLeaseVtepAddresses, checkLeaseVtepMacs } from './check-lease-vteps';
import { citeProblem } from './cite-datastore.util';
import { attachLeaseOwners } from './lease-owner.util';

export const problemFindings = (problems: DatastoreProblem[]): Finding[] =>
  problems.map((p) => ({
    code: 'datastore-value-malformed',
    severity: 'warning',
    subject: `etcd:${p.key}`,
    message: `${p.key} should hold a ${p.expected} but ${p.message}`,
    evidence: [citeProblem(p)],
  }));

export interface DatastoreCheckOptions {
  now: Date;
  calicoPrefix?: string;
  expiringWithinMs?: number;
}

/** The datastore held against the nodes' tables, and against itself; most severe first. */
export function runDatastoreChecks(snapshot: DatastoreSnapshot, cluster: ClusterState, options: DatastoreCheckOptions): Finding[] {
  const rank = { critical: 0, warning: 1, info: 2 };
  const leases = attachLeaseOwners(cluster, snapshot.flannelLeases);
  return [
    ...checkLeaseRoutes(cluster, leases),
    ...checkLeaseVtepMacs(cluster, leases),
    ...checkLeaseVtepAddresses(cluster, leases),
    ...checkLeaseExpiry(leases, options.now, options.expiringWithinMs),
    ...checkBlockBlackholes(cluster, snapshot.blockAffinities, options.calicoPrefix),
    ...checkPoolOverlap(snapshot.ipPools, options.calicoPrefix),
    ...problemFindings(snapshot.problems),
  ].sort((a, b) => rank[a.severity] - rank[b.severity]);
}
