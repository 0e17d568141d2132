import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Interface counters as the kernel keeps them (monotonic until a reset or a device re-creation). */
export const countersSchema = z.object({
  ifname: z.string().min(1),
  rxBytes: count,
  rxPackets: count,
  rxErrors: count,
  rxDropped: count,
  txBytes: count,
  txPackets: count,
  txErrors: count,
  txDropped: count,
});
export type Counters = z.infer<typeof countersSchema>;
