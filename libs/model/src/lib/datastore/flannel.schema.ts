import { z } from 'zod';
import { cidrSchema, ipSchema, isoTimeSchema, macSchema } from '../primitives.schema';

/** Flannel's `<prefix>/config`: the network one flanneld serves, with flanneld's defaults applied. */
export const flannelConfigSchema = z.object({
  /** etcd prefix the config was read under (flanneld's -etcd-prefix). */
  prefix: z.string(),
  /** IPv4 network; null when the config enables IPv6 only. */
  network: cidrSchema.nullable(),
  subnetLen: z.number().int(),
  subnetMin: ipSchema.optional(),
  subnetMax: ipSchema.optional(),
  ipv6Network: cidrSchema.optional(),
  ipv6SubnetLen: z.number().int().optional(),
  enableIPv4: z.boolean(),
  enableIPv6: z.boolean(),
  backend: z.object({
    /** vxlan, host-gw, udp, wireguard, ... (flanneld defaults to udp when Backend is absent). */
    type: z.string(),
    vni: z.number().int().optional(),
    port: z.number().int().optional(),
  }),
});
export type FlannelConfig = z.infer<typeof flannelConfigSchema>;

/** One `<prefix>/subnets/<a.b.c.d-NN>` key: a node's subnet lease. */
export const flannelLeaseSchema = z.object({
  prefix: z.string(),
  key: z.string(),
  subnet: cidrSchema,
  /** Dual stack keys append `&<v6 subnet>`. */
  ipv6Subnet: cidrSchema.nullable(),
  publicIp: ipSchema,
  publicIpv6: ipSchema.nullable(),
  /** Absent in leases written without a backend (flannel's own registry test); null then. */
  backendType: z.string().nullable(),
  vni: z.number().int().nullable(),
  vtepMac: macSchema.nullable(),
  ipv6VtepMac: macSchema.nullable(),
  /** etcd lease ID (int64) in decimal; null when the key has no lease. Never a JS number: it would round. */
  etcdLeaseId: z.string().regex(/^\d+$/).nullable(),
  /** When etcd drops the key unless flanneld renews it; null while unknown. */
  expiresAt: isoTimeSchema.nullable(),
  /** Node whose underlay address is publicIp, when one reports. */
  node: z.string().nullable(),
});
export type FlannelLease = z.infer<typeof flannelLeaseSchema>;
