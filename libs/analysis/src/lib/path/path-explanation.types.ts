import type { Citation } from '../cluster/cluster-state';

export type HopKind =
  | 'source'
  | 'route'
  | 'bridge'
  | 'neighbor'
  | 'fdb'
  | 'encapsulate'
  | 'underlay'
  | 'decapsulate'
  | 'deliver';

export interface Encapsulation {
  type: 'vxlan' | 'ipip' | 'udp';
  outerSrc?: string;
  outerDst: string;
  /** UDP destination port: vxlan (8472 Flannel, 4789 Calico) or Flannel's UDP backend (8285). */
  port?: number;
  vni?: number;
  /** Bytes the encapsulation adds: vxlan 50 (IPv4 underlay) / 70 (IPv6), ipip 20, flannel udp 28. */
  overhead: number;
  /** MTU of the tunnel device: the largest inner packet that leaves without fragmentation. */
  mtu: number;
}

export interface PathHop {
  node: string;
  kind: HopKind;
  description: string;
  dev?: string;
  nextHop?: string;
  encapsulation?: Encapsulation;
  cites: Citation[];
}

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

export interface PathFailure {
  code: PathFailureCode;
  node: string;
  message: string;
}

export interface PathExplanation {
  src: string;
  dst: string;
  status: 'delivered' | 'leaves-cluster' | 'broken';
  srcNode?: string;
  dstNode?: string;
  hops: PathHop[];
  failure?: PathFailure;
  warnings: string[];
}
