import { z } from 'zod';
import { isoTimeSchema } from '../primitives.schema';
import { alertRuleKindSchema, alertSeveritySchema } from './alert-rule.schema';

/** pending: condition holds, `for` not yet over; firing: notified; resolved: condition cleared (kept as history). */
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export const alertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof alertStateSchema>;

/** One alert per rule + node + subject (BGP session name, finding subject, or "agent") while it is open. */
export const alertSchema = z.object({
  id: z.string(),
  /** 16 hex digits of sha256(rule, node, subject): the same for every occurrence, like Alertmanager's. */
  fingerprint: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: alertRuleKindSchema,
  severity: alertSeveritySchema,
  node: z.string(),
  subject: z.string(),
  state: alertStateSchema,
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  /** What was seen when the alert last changed: the session row, the finding with its citations, ... */
  evidence: z.unknown(),
  /** Times the condition cleared and came back while the alert was open. */
  flapCount: z.number().int().nonnegative(),
  startsAt: isoTimeSchema,
  firedAt: isoTimeSchema.nullable(),
  resolvedAt: isoTimeSchema.nullable(),
  updatedAt: isoTimeSchema,
  ackedAt: isoTimeSchema.nullable(),
  ackedBy: z.string().nullable(),
  /** Id of the silence that keeps notifications back, while one matches. */
  silencedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const ALERT_EVENT_TYPES = ['pending', 'firing', 'resolved', 'flap', 'ack', 'silenced', 'unsilenced'] as const;
export const alertEventTypeSchema = z.enum(ALERT_EVENT_TYPES);
export type AlertEventType = z.infer<typeof alertEventTypeSchema>;

/** One line of an alert's history. */
export const alertHistoryEntrySchema = z.object({
  alertId: z.string(),
  type: alertEventTypeSchema,
  at: isoTimeSchema,
  detail: z.unknown(),
});
export type AlertHistoryEntry = z.infer<typeof alertHistoryEntrySchema>;

export const alertListQuerySchema = z.object({
  state: alertStateSchema.optional(),
  node: z.string().min(1).max(253).optional(),
  ruleId: z.string().min(1).max(63).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });
export type AlertList = z.infer<typeof alertListSchema>;

export const alertDetailSchema = z.object({ alert: alertSchema, history: z.array(alertHistoryEntrySchema) });
export type AlertDetail = z.infer<typeof alertDetailSchema>;

export const ackAlertSchema = z.object({ by: z.string().min(1).max(200).default('api') });
export type AckAlert = z.infer<typeof ackAlertSchema>;
