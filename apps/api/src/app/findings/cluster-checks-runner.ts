import type { Finding } from '@meshlens/model';

/** Runs the cluster checks on `ClusterState['nodes']` as the database's JSON text; one run at a time. */
export interface ClusterChecksRunner {
  run(nodesJson: string): Promise<Finding[]>;
  /** Ends the runner's thread, if any; a run in flight fails. */
  close(): Promise<void>;
}
