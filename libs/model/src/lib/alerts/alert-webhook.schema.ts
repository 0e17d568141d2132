import { z } from 'zod';
import { alertSchema } from './alert.schema';

/** `alertmanager`: Alertmanager's webhook JSON (version "4"), so existing receivers work; `json`: our Alert as is. */
export const webhookFormatSchema = z.enum(['alertmanager', 'json']);
export type WebhookFormat = z.infer<typeof webhookFormatSchema>;

export const alertReceiverSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }),
  format: webhookFormatSchema,
  enabled: z.boolean(),
});
export type AlertReceiver = z.infer<typeof alertReceiverSchema>;

export const createAlertReceiverSchema = alertReceiverSchema.omit({ id: true }).extend({
  format: webhookFormatSchema.default('alertmanager'),
  enabled: z.boolean().default(true),
});
export type CreateAlertReceiver = z.infer<typeof createAlertReceiverSchema>;

export const alertReceiverListSchema = z.object({ receivers: z.array(alertReceiverSchema) });

const labelSetSchema = z.record(z.string(), z.string());

/** One alert inside Alertmanager's webhook payload. `endsAt` is Go's zero time while the alert fires. */
export const alertmanagerWebhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSetSchema,
  annotations: labelSetSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  generatorURL: z.string(),
  fingerprint: z.string(),
});
export type AlertmanagerWebhookAlert = z.infer<typeof alertmanagerWebhookAlertSchema>;

/** Alertmanager's webhook_config body, version "4" (the only version Alertmanager has sent since 0.7). */
export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelSetSchema,
  commonLabels: labelSetSchema,
  commonAnnotations: labelSetSchema,
  externalURL: z.string(),
  alerts: z.array(alertmanagerWebhookAlertSchema),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/** The plain format: what happened and the alert with its evidence. */
export const plainAlertWebhookSchema = z.object({
  event: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  alert: alertSchema,
});
export type PlainAlertWebhook = z.infer<typeof plainAlertWebhookSchema>;
