import { z } from 'zod';

/** The alerting part of the environment (read by AlertsModule itself, beside the API's own config). */
export const alertsConfigSchema = z.object({
  /** Base URL of meshlens as operators reach it: Alertmanager's externalURL and each alert's generatorURL. */
  MESHLENS_EXTERNAL_URL: z.string().default(''),
  /** First retry of a failed webhook after this many ms, doubling up to MESHLENS_ALERT_RETRY_MAX_MS. */
  MESHLENS_ALERT_RETRY_BASE_MS: z.coerce.number().int().positive().default(1000),
  MESHLENS_ALERT_RETRY_MAX_MS: z.coerce.number().int().positive().default(60_000),
  MESHLENS_ALERT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How often the delivery worker looks for retries that came due (new deliveries are sent at once). */
  MESHLENS_ALERT_SWEEP_MS: z.coerce.number().int().positive().default(1000),
});
export type AlertsConfig = z.infer<typeof alertsConfigSchema>;

export const ALERTS_CONFIG = Symbol('ALERTS_CONFIG');

export function loadAlertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  const result = alertsConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new Error(`invalid alerting configuration:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
}
