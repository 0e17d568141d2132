import type { Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { checkBgpMesh } from './check-bgp';
import { checkNextHopsOnLink, checkPodCidrOverlap, checkPodSubnetRoutes } from './check-routes';
import { checkMtu, checkVtepEntries, checkVxlanForwarding } from './check-tunnels';
import { checkAsymmetricPaths } from './check-asymmetry';

/** Every consistency check over the whole cluster, most severe first. */
export function runChecks(cluster: ClusterState): Finding[] {
  const rank = { critical: 0, warning: 1, info: 2 };
  return [
    ...checkPodSubnetRoutes(cluster),
    ...checkNextHopsOnLink(cluster),
    ...checkPodCidrOverlap(cluster),
    ...checkVtepEntries(cluster),
    ...checkVxlanForwarding(cluster),
    ...checkMtu(cluster),
    ...checkBgpMesh(cluster),
    ...checkAsymmetricPaths(cluster),
  ].sort((a, b) => rank[a.severity] - rank[b.severity]);
}
