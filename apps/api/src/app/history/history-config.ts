import { z } from 'zod';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** "90s", "15m", "1h", "30d": a duration in milliseconds, checked at start so a typo fails then, not at 3 a.m. */
const durationSchema = z
  .string()
  .trim()
  .regex(/^\d+(s|m|h|d)$/, 'expected a duration like 90s, 15m, 1h or 30d')
  .transform((s) => Number(s.slice(0, -1)) * UNIT_MS[s.slice(-1)])
  .pipe(z.number().positive('a duration must be more than zero'));

export const historyConfigSchema = z
  .object({
    /** Closed rows of the node tables older than this are deleted (current rows never are). */
    MESHLENS_HISTORY_RETENTION: durationSchema.prefault('30d'),
    MESHLENS_COUNTER_RAW_RETENTION: durationSchema.prefault('1h'),
    MESHLENS_COUNTER_1M_RETENTION: durationSchema.prefault('7d'),
    MESHLENS_COUNTER_1H_RETENTION: durationSchema.prefault('90d'),
    /** How often the maintenance job runs; 0 (or "off") disables it on this replica. */
    MESHLENS_HISTORY_MAINTENANCE_INTERVAL: z
      .union([z.literal('off'), z.literal('0'), durationSchema])
      .prefault('5m'),
    /** Rows per DELETE: small enough that a batch never holds locks long enough to stall ingest. */
    MESHLENS_HISTORY_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(100)
      .max(100_000)
      .default(5000),
  })
  .superRefine((c, ctx) => {
    if (c.MESHLENS_COUNTER_1M_RETENTION < c.MESHLENS_COUNTER_RAW_RETENTION)
      ctx.addIssue({
        code: 'custom',
        path: ['MESHLENS_COUNTER_1M_RETENTION'],
        message: 'must be at least MESHLENS_COUNTER_RAW_RETENTION',
      });
    if (c.MESHLENS_COUNTER_1H_RETENTION < c.MESHLENS_COUNTER_1M_RETENTION)
      ctx.addIssue({
        code: 'custom',
        path: ['MESHLENS_COUNTER_1H_RETENTION'],
        message: 'must be at least MESHLENS_COUNTER_1M_RETENTION',
      });
  })
  .transform(
    (c): HistoryConfig => ({
      retentionMs: c.MESHLENS_HISTORY_RETENTION,
      counterRawRetentionMs: c.MESHLENS_COUNTER_RAW_RETENTION,
      counterMinuteRetentionMs: c.MESHLENS_COUNTER_1M_RETENTION,
      counterHourRetentionMs: c.MESHLENS_COUNTER_1H_RETENTION,
      maintenanceIntervalMs:
        typeof c.MESHLENS_HISTORY_MAINTENANCE_INTERVAL === 'number'
          ? c.MESHLENS_HISTORY_MAINTENANCE_INTERVAL
          : 0,
      batchSize: c.MESHLENS_HISTORY_BATCH_SIZE,
    }),
  );

export interface HistoryConfig {
  retentionMs: number;
  counterRawRetentionMs: number;
  counterMinuteRetentionMs: number;
  counterHourRetentionMs: number;
  /** 0: the maintenance job does not run on this replica. */
  maintenanceIntervalMs: number;
  batchSize: number;
}

export const HISTORY_CONFIG = Symbol('HISTORY_CONFIG');

/** Reads and validates the history settings; throws one error listing every bad variable. */
export function loadHistoryConfig(
  env: NodeJS.ProcessEnv = process.env,
): HistoryConfig {
  const result = historyConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (i) => `  ${i.path.join('.')}: ${i.message}`,
  );
  throw new Error(`invalid history configuration:\n${lines.join('\n')}`);
}
