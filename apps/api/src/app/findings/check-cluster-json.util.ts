import { runChecks, type ClusterState } from '@meshlens/analysis';
import type { Finding } from '@meshlens/model';

/** The cluster checks on `ClusterState['nodes']` as JSON text: what the worker thread and the in-process runner both do. */
export function checkClusterJson(nodesJson: string): Finding[] {
  return runChecks({ nodes: JSON.parse(nodesJson) as ClusterState['nodes'] });
}
