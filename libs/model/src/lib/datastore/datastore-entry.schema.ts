import { z } from 'zod';
import { blockAffinitySchema, calicoIpPoolSchema, ipamBlockSchema } from './calico.schema';
import { flannelConfigSchema, flannelLeaseSchema } from './flannel.schema';

export const DATASTORE_SOURCES = ['flannel', 'calico'] as const;
export const datastoreSourceSchema = z.enum(DATASTORE_SOURCES);
export type DatastoreSource = z.infer<typeof datastoreSourceSchema>;

export const DATASTORE_ENTRY_KINDS = [
  'flannel-config',
  'flannel-lease',
  'calico-ip-pool',
  'calico-ipam-block',
  'calico-block-affinity',
  'malformed',
] as const;
export const datastoreEntryKindSchema = z.enum(DATASTORE_ENTRY_KINDS);
export type DatastoreEntryKind = z.infer<typeof datastoreEntryKindSchema>;

/** A key whose value could not be read as what its key says it is (bad JSON, wrong shape). */
export const datastoreProblemSchema = z.object({
  source: datastoreSourceSchema,
  key: z.string(),
  /** What the key should have held. */
  expected: datastoreEntryKindSchema.exclude(['malformed']),
  message: z.string(),
  /** The value as stored, cut to a few hundred characters. */
  excerpt: z.string(),
});
export type DatastoreProblem = z.infer<typeof datastoreProblemSchema>;

/** What one etcd key of Flannel's or Calico's datastore holds, once read. */
export const datastoreEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flannel-config'), value: flannelConfigSchema }),
  z.object({ kind: z.literal('flannel-lease'), value: flannelLeaseSchema }),
  z.object({ kind: z.literal('calico-ip-pool'), value: calicoIpPoolSchema }),
  z.object({ kind: z.literal('calico-ipam-block'), value: ipamBlockSchema }),
  z.object({ kind: z.literal('calico-block-affinity'), value: blockAffinitySchema }),
  z.object({ kind: z.literal('malformed'), value: datastoreProblemSchema }),
]);
export type DatastoreEntry = z.infer<typeof datastoreEntrySchema>;

/** Everything read from the datastore at one instant. */
export const datastoreSnapshotSchema = z.object({
  flannelConfigs: z.array(flannelConfigSchema),
  flannelLeases: z.array(flannelLeaseSchema),
  ipPools: z.array(calicoIpPoolSchema),
  ipamBlocks: z.array(ipamBlockSchema),
  blockAffinities: z.array(blockAffinitySchema),
  problems: z.array(datastoreProblemSchema),
});
export type DatastoreSnapshot = z.infer<typeof datastoreSnapshotSchema>;
