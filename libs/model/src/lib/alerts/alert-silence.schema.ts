import { z } from 'zod';
import { isoTimeSchema } from '../primitives.schema';

/** Keeps notifications of matching alerts back until `endsAt`; alerts still change state and keep history. */
export const alertSilenceSchema = z.object({
  id: z.string(),
  /** Every given matcher must equal the alert's field (exact, or a glob with `*`). */
  matchers: z.object({
    ruleId: z.string().optional(),
    node: z.string().optional(),
    subject: z.string().optional(),
  }),
  comment: z.string(),
  createdBy: z.string(),
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema,
});
export type AlertSilence = z.infer<typeof alertSilenceSchema>;

export const createAlertSilenceSchema = z
  .object({
    matchers: alertSilenceSchema.shape.matchers,
    comment: z.string().max(1000).default(''),
    createdBy: z.string().min(1).max(200).default('api'),
    endsAt: isoTimeSchema.optional(),
    durationSeconds: z.number().positive().max(366 * 86_400).optional(),
  })
  .refine((s) => !!s.endsAt !== (s.durationSeconds !== undefined), 'give exactly one of endsAt and durationSeconds')
  .refine((s) => Object.values(s.matchers).some((m) => m !== undefined), 'a silence needs at least one matcher');
export type CreateAlertSilence = z.infer<typeof createAlertSilenceSchema>;

export const alertSilenceListSchema = z.object({ silences: z.array(alertSilenceSchema) });
export type AlertSilenceList = z.infer<typeof alertSilenceListSchema>;
