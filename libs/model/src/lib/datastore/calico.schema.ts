import { z } from 'zod';
import { cidrSchema } from '../primitives.schema';

/** A projectcalico.org/v3 IPPool (`/calico/resources/v3/projectcalico.org/ippools/<name>`), Calico's defaults applied. */
export const calicoIpPoolSchema = z.object({
  name: z.string(),
  cidr: cidrSchema,
  /** Defaults: 26 for IPv4, 122 for IPv6. */
  blockSize: z.number().int(),
  /** Never, Always or CrossSubnet (Calico's spellings; unknown values are kept as written). */
  ipipMode: z.string(),
  vxlanMode: z.string(),
  natOutgoing: z.boolean(),
  disabled: z.boolean(),
  nodeSelector: z.string(),
});
export type CalicoIpPool = z.infer<typeof calicoIpPoolSchema>;

/** An IPAM allocation block (`/calico/ipam/v2/assignment/ipv4/block/<a.b.c.d-NN>`), summarised. */
export const ipamBlockSchema = z.object({
  cidr: cidrSchema,
  /** As stored: "host:<node>" (or another affinity type), null for an unaffine block. */
  affinity: z.string().nullable(),
  /** Node of a "host:" affinity. */
  node: z.string().nullable(),
  /** Addresses in the block (2^(bits - prefix length)). */
  size: z.number().int(),
  /** Addresses handed out (non-null slots of `allocations`). */
  allocated: z.number().int(),
  /** Allocations whose attributes name another node than the affine one (borrowed addresses). */
  borrowed: z.number().int(),
  strictAffinity: z.boolean(),
  deleted: z.boolean(),
  sequenceNumber: z.number().int().nullable(),
});
export type IpamBlock = z.infer<typeof ipamBlockSchema>;

/** `/calico/ipam/v2/host/<node>/ipv4/block/<a.b.c.d-NN>`: the node claims the block. */
export const blockAffinitySchema = z.object({
  node: z.string(),
  cidr: cidrSchema,
  /** confirmed, pending or pendingDeletion. */
  state: z.string(),
  deleted: z.boolean(),
});
export type BlockAffinity = z.infer<typeof blockAffinitySchema>;
