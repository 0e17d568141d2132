import { z } from 'zod';

/** A table row a conclusion rests on, so the operator can check it against the node. */
export const citationSchema = z.object({
  node: z.string(),
  table: z.enum([
    'links',
    'addresses',
    'routes',
    'neighbors',
    'fdb',
    'bgpSessions',
    'leases',
    'ipamBlocks',
    'ipPools',
    // Datastore rows: node is the node the row belongs to, or "etcd" when it belongs to none; key is the etcd key.
    'blockAffinities',
    'flannelConfigs',
    'datastoreKeys',
  ]),
  key: z.string(),
  row: z.unknown(),
});
export type Citation = z.infer<typeof citationSchema>;

export const FINDING_CODES = [
  'route-to-pod-subnet-missing',
  'route-to-pod-subnet-blackholed',
  'vtep-mac-mismatch',
  'vxlan-neighbor-missing',
  'vxlan-fdb-missing',
  'fdb-dst-unknown',
  'host-gw-next-hop-not-onlink',
  'bgp-session-missing',
  'bgp-session-not-established',
  'pod-cidr-overlap',
  'mtu-exceeds-underlay',
  'pod-mtu-exceeds-tunnel',
  'asymmetric-path',
  // Datastore (etcd) held against the nodes' tables.
  'lease-vtep-mac-mismatch',
  'lease-route-missing',
  'lease-vtep-address-mismatch',
  'lease-expired',
  'lease-expiring',
  'block-blackhole-missing',
  'ip-pool-overlap',
  'datastore-value-malformed',
] as const;
export const findingCodeSchema = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof findingCodeSchema>;

/** One consistency problem across the cluster, with the rows that show it. */
export const findingSchema = z.object({
  code: findingCodeSchema,
  severity: z.enum(['critical', 'warning', 'info']),
  /** Node the problem is seen on (the one that would drop or misroute the packet). */
  node: z.string().optional(),
  /** Stable identity of the problem for alert de-duplication, e.g. "node-1->node-3:10.244.3.0/24". */
  subject: z.string(),
  message: z.string(),
  evidence: z.array(citationSchema),
});
export type Finding = z.infer<typeof findingSchema>;
