import { createHash } from 'node:crypto';

/** The key of "one alert per rule + node + subject". */
export const alertKey = (ruleId: string, node: string, subject: string): string => `${ruleId}\u0000${node}\u0000${subject}`;

/** 16 hex digits, as Alertmanager prints fingerprints; stable across restarts and replicas. */
export const alertFingerprint = (ruleId: string, node: string, subject: string): string =>
  createHash('sha256').update(alertKey(ruleId, node, subject)).digest('hex').slice(0, 16);
