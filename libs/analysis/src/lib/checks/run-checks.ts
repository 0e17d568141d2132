import type { Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { ClusterIndex } from '../cluster/cluster-index';
import { checkBgpMesh } from './check-bgp';
import { checkNextHopsOnLink, checkPodCidrOverlap, checkPodSubnetRoutes } from './check-routes';
import { checkMtu, checkVtepEntries, checkVxlanForwarding } from './check-tunnels';
import { checkAsymmetricPaths } from './check-asymmetry';
import { FindingCollector, slotToFinding } from './finding-collector';
import { DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE } from './max-findings-per-node-and-code.constant';

export interface RunChecksOptions {
  /**
   * Detailed findings listed per finding code and node; the rest of them become one summary finding of that code
   * and node, subject `<node>:<code>:more` (`<code>:more` for findings of no node).
   */
  maxPerNodeAndCode?: number;
}

/** Every consistency check over the whole cluster, most severe first. */
export function runChecks(
  cluster: ClusterState,
  { maxPerNodeAndCode = DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE }: RunChecksOptions = {},
): Finding[] {
  const rank = { critical: 0, warning: 1, info: 2 };
  // One index for the whole run: each node's routes are parsed and indexed once, not once per question.
  const index = new ClusterIndex(cluster);
  const collector = new FindingCollector(maxPerNodeAndCode);
  return [
    ...checkPodSubnetRoutes(cluster, index, collector),
    ...checkNextHopsOnLink(cluster, index, collector),
    ...checkPodCidrOverlap(cluster, index, collector),
    ...checkVtepEntries(cluster, index, collector),
    ...checkVxlanForwarding(cluster, index, collector),
    ...checkMtu(cluster, index, collector),
    ...checkBgpMesh(cluster, index, collector),
    ...checkAsymmetricPaths(cluster, index, collector),
  ]
    .sort((a, b) => rank[a.severity] - rank[b.severity])
    .map(slotToFinding);
}
