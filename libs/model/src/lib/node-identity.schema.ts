import { z } from 'zod';
import { ipSchema } from './primitives.schema';

export const NETWORK_MODES = [
  'flannel-vxlan',
  'flannel-udp',
  'flannel-host-gw',
  'calico-bgp',
  'calico-ipip',
  'calico-vxlan',
] as const;
export const networkModeSchema = z.enum(NETWORK_MODES);
export type NetworkMode = z.infer<typeof networkModeSchema>;

export const nodeIdentitySchema = z.object({
  hostname: z.string(),
  kernel: z.string().optional(),
  /** Addresses of the device carrying the default route (or the first global-scope ones). */
  underlayAddresses: z.array(ipSchema),
  modes: z.array(networkModeSchema),
  agentVersion: z.string(),
  netns: z.string().optional(),
});
export type NodeIdentity = z.infer<typeof nodeIdentitySchema>;
