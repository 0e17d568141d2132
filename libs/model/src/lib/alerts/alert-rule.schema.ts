import { z } from 'zod';
import { findingCodeSchema } from '../finding.schema';

/** What a rule watches. Each kind is evaluated on the event that can change it, never by polling tables. */
export const ALERT_RULE_KINDS = ['bgp-session-down', 'bgp-session-flapping', 'agent-silent', 'lease-expiry', 'finding'] as const;
export const alertRuleKindSchema = z.enum(ALERT_RULE_KINDS);
export type AlertRuleKind = z.infer<typeof alertRuleKindSchema>;

export const alertSeveritySchema = z.enum(['critical', 'warning', 'info']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/**
 * Which targets a rule applies to; every list that is given must match. Patterns are exact names or globs with
 * `*` (`node-*`, `Mesh_*`). `labels` match the alert's labels exactly (node, session, code, ...).
 */
export const alertRuleScopeSchema = z.object({
  nodes: z.array(z.string().min(1).max(253)).max(100).optional(),
  sessions: z.array(z.string().min(1).max(128)).max(100).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type AlertRuleScope = z.infer<typeof alertRuleScopeSchema>;

export const alertRuleParamsSchema = z.object({
  /** bgp-session-flapping: transitions (either direction) within `flapWindowSeconds` that make a flap. */
  flapCount: z.number().int().min(2).max(1000).optional(),
  flapWindowSeconds: z.number().int().min(1).max(86_400).optional(),
  /** agent-silent: reports missed before the agent counts as silent, and the agent's report interval. */
  silentIntervals: z.number().int().min(1).max(1000).optional(),
  intervalSeconds: z.number().positive().max(3600).optional(),
  /** finding / lease-expiry: finding codes that count (default: every code for `finding`). */
  findingCodes: z.array(findingCodeSchema).optional(),
});
export type AlertRuleParams = z.infer<typeof alertRuleParamsSchema>;

export const alertRuleSchema = z.object({
  /** Stable identity; built-in rules use their kind (`bgp-session-down`). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and "-"'),
  name: z.string().min(1).max(200),
  kind: alertRuleKindSchema,
  enabled: z.boolean(),
  severity: alertSeveritySchema,
  /** How long the condition must hold before the alert fires (0 = at once, Prometheus' `for`). */
  forSeconds: z.number().min(0).max(86_400),
  scope: alertRuleScopeSchema,
  params: alertRuleParamsSchema,
  builtin: z.boolean(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const createAlertRuleSchema = alertRuleSchema.omit({ builtin: true }).extend({
  enabled: z.boolean().default(true),
  severity: alertSeveritySchema.default('warning'),
  forSeconds: z.number().min(0).max(86_400).default(0),
  scope: alertRuleScopeSchema.default({}),
  params: alertRuleParamsSchema.default({}),
});
export type CreateAlertRule = z.infer<typeof createAlertRuleSchema>;

export const updateAlertRuleSchema = createAlertRuleSchema.omit({ id: true, kind: true }).partial();
export type UpdateAlertRule = z.infer<typeof updateAlertRuleSchema>;
