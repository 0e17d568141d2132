import type { Finding } from '@meshlens/model';

/** Main thread to checks worker: one cluster state, the `nodes` JSON text as the database returned it. */
export interface ChecksRequest {
  id: number;
  nodesJson: string;
}

/** Checks worker to main thread: the findings of request `id`, or why there are none. */
export type ChecksResponse = { id: number; findings: Finding[] } | { id: number; error: string };
