import { z } from 'zod';
import { findingSchema } from '../finding.schema';
import { isoTimeSchema } from '../primitives.schema';
import { blockAffinitySchema, calicoIpPoolSchema, ipamBlockSchema } from './calico.schema';
import { datastoreProblemSchema, datastoreSourceSchema } from './datastore-entry.schema';
import { flannelConfigSchema, flannelLeaseSchema } from './flannel.schema';

/** One watched prefix: where its list+watch stands. */
export const datastoreWatchStatusSchema = z.object({
  source: datastoreSourceSchema,
  prefix: z.string(),
  state: z.enum(['starting', 'listing', 'watching', 'disconnected', 'stopped']),
  /** Last etcd revision applied (int64 as text). */
  revision: z.string().nullable(),
  /** Full re-lists after the first (a compacted revision, a watch cancelled by etcd). */
  relists: z.number().int(),
  lastError: z.string().nullable(),
  lastChangeAt: isoTimeSchema.nullable(),
});
export type DatastoreWatchStatus = z.infer<typeof datastoreWatchStatusSchema>;

export const datastoreStatusSchema = z.object({
  /** False when no etcd endpoint is configured (MESHLENS_ETCD_ENDPOINTS): the lists below are then empty. */
  configured: z.boolean(),
  endpoints: z.array(z.string()),
  watches: z.array(datastoreWatchStatusSchema),
});
export type DatastoreStatus = z.infer<typeof datastoreStatusSchema>;

export const addressUsageSchema = z.object({
  blocks: z.number().int(),
  /** Addresses inside the pool (or inside the node's blocks). */
  addresses: z.number(),
  allocated: z.number().int(),
  /** allocated / addresses, 0..1. */
  utilisation: z.number(),
});
export type AddressUsage = z.infer<typeof addressUsageSchema>;

export const flannelNetworkSchema = z.object({
  prefix: z.string(),
  config: flannelConfigSchema.nullable(),
  leases: z.array(flannelLeaseSchema),
  /** IPv4 leases against the subnets SubnetMin..SubnetMax can hold; absent while the config is unknown. */
  usage: z
    .object({ leases: z.number().int(), capacity: z.number().int(), utilisation: z.number() })
    .optional(),
});
export type FlannelNetwork = z.infer<typeof flannelNetworkSchema>;

/** GET /api/v1/subnets */
export const subnetsResponseSchema = z.object({
  status: datastoreStatusSchema,
  networks: z.array(flannelNetworkSchema),
  findings: z.array(findingSchema),
  problems: z.array(datastoreProblemSchema),
});
export type SubnetsResponse = z.infer<typeof subnetsResponseSchema>;

export const ipPoolUsageSchema = calicoIpPoolSchema.extend({ usage: addressUsageSchema });
export type IpPoolUsage = z.infer<typeof ipPoolUsageSchema>;

/** GET /api/v1/ippools */
export const ipPoolsResponseSchema = z.object({
  status: datastoreStatusSchema,
  pools: z.array(ipPoolUsageSchema),
  findings: z.array(findingSchema),
  problems: z.array(datastoreProblemSchema),
});
export type IpPoolsResponse = z.infer<typeof ipPoolsResponseSchema>;

export const nodeUsageSchema = addressUsageSchema.extend({ node: z.string() });
export type NodeUsage = z.infer<typeof nodeUsageSchema>;

/** GET /api/v1/ipam/blocks */
export const ipamBlocksResponseSchema = z.object({
  status: datastoreStatusSchema,
  blocks: z.array(ipamBlockSchema),
  affinities: z.array(blockAffinitySchema),
  nodes: z.array(nodeUsageSchema),
  findings: z.array(findingSchema),
  problems: z.array(datastoreProblemSchema),
});
export type IpamBlocksResponse = z.infer<typeof ipamBlocksResponseSchema>;

/** GET /api/v1/datastore/findings */
export const datastoreFindingsResponseSchema = z.object({
  status: datastoreStatusSchema,
  findings: z.array(findingSchema),
});
export type DatastoreFindingsResponse = z.infer<typeof datastoreFindingsResponseSchema>;
