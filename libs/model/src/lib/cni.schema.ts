import { z } from 'zod';

/** One CNI network configuration file (.conf/.conflist) as the agent found it. */
export const cniConfigSchema = z.object({
  file: z.string(),
  name: z.string().optional(),
  cniVersion: z.string().optional(),
  /** Plugin types in chain order, e.g. ["flannel", "portmap"] or ["calico", "bandwidth", "portmap"]. */
  plugins: z.array(z.string()),
  /** Main plugin: flannel, calico, bridge, ... */
  plugin: z.string().optional(),
  /** Backend or mode when the file says it (flannel delegate, calico ipam type...). */
  mode: z.string().optional(),
  error: z.string().optional(),
});
export type CniConfig = z.infer<typeof cniConfigSchema>;
