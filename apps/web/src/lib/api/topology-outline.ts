import { topologyEdgeSchema, topologyNodeSchema, topologySchema } from '@meshlens/model';
import type { z } from 'zod';

/**
 * The topology without the edges' sides (each side cites whole table rows) and the nodes' endpoints: what the
 * overview and the subnet map use. At 1000 nodes the full answer is megabytes of citations; validating only these
 * fields keeps the page's server work small (unknown keys are dropped unread). The mesh reads the full topology.
 */
export const topologyOutlineSchema = topologySchema.extend({
  nodes: topologyNodeSchema.omit({ endpoints: true }).array(),
  edges: topologyEdgeSchema.omit({ sides: true }).array(),
});
export type TopologyOutline = z.infer<typeof topologyOutlineSchema>;
