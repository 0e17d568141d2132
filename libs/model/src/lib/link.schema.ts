import { z } from 'zod';
import { macSchema, ipSchema } from './primitives.schema';

/**
 * What a link is, from `linkinfo.info_kind` (absent for plain NICs and loopback in iproute2 output).
 * Kept open (string) because kernels add kinds; the known ones drive the UI and the analysis.
 */
export const KNOWN_LINK_KINDS = [
  'device',
  'loopback',
  'veth',
  'bridge',
  'vxlan',
  'tun',
  'ipip',
  'gre',
  'macvlan',
  'ipvlan',
  'openvswitch',
  'wireguard',
  'dummy',
  'vlan',
  'bond',
] as const;

export const vxlanInfoSchema = z.object({
  vni: z.number().int().nonnegative(),
  local: ipSchema.optional(),
  /** UDP destination port; the kernel default is 8472 (what Flannel uses), IANA's is 4789 (Calico). */
  port: z.number().int().min(0).max(65535),
  /** Underlay device name, resolved from `link` (ifindex) when the report was built. */
  underlayDev: z.string().optional(),
  learning: z.boolean(),
});

export const tunInfoSchema = z.object({
  /** "tun" or "tap". */
  mode: z.string(),
});

export const ipTunnelInfoSchema = z.object({
  local: ipSchema.optional(),
  remote: ipSchema.optional(),
  ttl: z.number().int().optional(),
  underlayDev: z.string().optional(),
});

export const linkSchema = z.object({
  ifindex: z.number().int().nonnegative(),
  ifname: z.string().min(1).max(64),
  /** info_kind, or "device" / "loopback" when iproute2 gives none. */
  kind: z.string().min(1),
  mtu: z.number().int().nonnegative(),
  operstate: z.string(),
  flags: z.array(z.string()),
  mac: macSchema.optional(),
  /** Bridge (or bond/VRF) this link is enslaved to. */
  master: z.string().optional(),
  /**
   * veth peer / vxlan underlay / vlan parent: `link_index`, and `link_netnsid` when it lives in another namespace.
   * The peer's name is resolved only when it is in the same namespace.
   */
  peerIfindex: z.number().int().nonnegative().optional(),
  peerNetnsId: z.number().int().optional(),
  peerIfname: z.string().optional(),
  vxlan: vxlanInfoSchema.optional(),
  tun: tunInfoSchema.optional(),
  ipTunnel: ipTunnelInfoSchema.optional(),
});
export type Link = z.infer<typeof linkSchema>;
export type VxlanInfo = z.infer<typeof vxlanInfoSchema>;
