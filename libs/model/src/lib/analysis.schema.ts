import { z } from 'zod';
import { citationSchema } from './finding.schema';
import { ipSchema, isoTimeSchema } from './primitives.schema';

export const encapsulationSchema = z.object({
  type: z.enum(['vxlan', 'ipip', 'udp']),
  outerSrc: z.string().optional(),
  outerDst: z.string(),
  /** UDP destination port: vxlan (8472 Flannel, 4789 Calico) or Flannel's UDP backend (8285). */
  port: z.number().int().optional(),
  vni: z.number().int().optional(),
  /** Bytes the encapsulation adds: vxlan 50 (IPv4 underlay) / 70 (IPv6), ipip 20, flannel udp 28. */
  overhead: z.number().int(),
  /** MTU of the tunnel device: the largest inner packet that leaves without fragmentation. */
  mtu: z.number().int(),
});
export type Encapsulation = z.infer<typeof encapsulationSchema>;

export const HOP_KINDS = ['source', 'route', 'bridge', 'neighbor', 'fdb', 'encapsulate', 'underlay', 'decapsulate', 'deliver'] as const;
export type HopKind = (typeof HOP_KINDS)[number];

export const pathHopSchema = z.object({
  node: z.string(),
  kind: z.enum(HOP_KINDS),
  description: z.string(),
  dev: z.string().optional(),
  nextHop: z.string().optional(),
  encapsulation: encapsulationSchema.optional(),
  cites: z.array(citationSchema),
});
export type PathHop = z.infer<typeof pathHopSchema>;

export const PATH_FAILURES = [
  'unknown-source',
  'no-route',
  'blackhole',
  'unreachable',
  'prohibit',
  'gateway-not-onlink',
  'neighbor-missing',
  'neighbor-failed',
  'fdb-missing',
  'vtep-unknown',
  'vtep-mac-mismatch',
  'decap-missing',
  'mtu-exceeds-tunnel',
  'loop',
] as const;
export type PathFailureCode = (typeof PATH_FAILURES)[number];

export const pathFailureSchema = z.object({ code: z.enum(PATH_FAILURES), node: z.string(), message: z.string() });
export type PathFailure = z.infer<typeof pathFailureSchema>;

export const pathExplanationSchema = z.object({
  src: z.string(),
  dst: z.string(),
  status: z.enum(['delivered', 'leaves-cluster', 'broken']),
  srcNode: z.string().optional(),
  dstNode: z.string().optional(),
  hops: z.array(pathHopSchema),
  failure: pathFailureSchema.optional(),
  warnings: z.array(z.string()),
});
export type PathExplanation = z.infer<typeof pathExplanationSchema>;

export const edgeSideSchema = z.object({
  node: z.string(),
  /** BGP protocol name, device, or route destination. */
  via: z.string(),
  state: z.string().optional(),
  cites: z.array(citationSchema),
});
export type EdgeSide = z.infer<typeof edgeSideSchema>;

export const topologyEdgeSchema = z.object({
  kind: z.enum(['bgp', 'vxlan', 'ipip', 'host-gw', 'udp']),
  a: z.string(),
  b: z.string(),
  /** bgp: "up" when every side is Established; others: "up" when both sides point at each other. */
  state: z.enum(['up', 'down', 'one-sided']),
  sides: z.array(edgeSideSchema),
});
export type TopologyEdge = z.infer<typeof topologyEdgeSchema>;
export type EdgeKind = TopologyEdge['kind'];

export const endpointSchema = z.object({
  node: z.string(),
  dev: z.string(),
  ips: z.array(z.string()),
  mac: z.string().optional(),
  kind: z.enum(['calico', 'bridge-port']),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const topologyNodeSchema = z.object({
  name: z.string(),
  underlayAddresses: z.array(z.string()),
  modes: z.array(z.string()),
  podSubnets: z.array(z.string()),
  /** Peers of this node's BGP sessions that no reporting node owns (route reflectors outside, ToR switches). */
  externalPeers: z.array(z.string()),
  endpoints: z.array(endpointSchema),
});
export type TopologyNode = z.infer<typeof topologyNodeSchema>;

export const topologySchema = z.object({
  nodes: z.array(topologyNodeSchema),
  edges: z.array(topologyEdgeSchema),
});
export type Topology = z.infer<typeof topologySchema>;

/** `?at=` on read endpoints: the state as it was at that instant (default: now). */
export const atQuerySchema = z.object({ at: isoTimeSchema.optional() });
export type AtQuery = z.infer<typeof atQuerySchema>;

export const pathQuerySchema = z.object({ src: ipSchema, dst: ipSchema, at: isoTimeSchema.optional() });
export type PathQuery = z.infer<typeof pathQuerySchema>;
