import { FINDING_CODES, type AlertRule, type FindingCode } from '@meshlens/model';

const LEASE_CODES: FindingCode[] = ['lease-expired', 'lease-expiring'];

/** Shipped rules, seeded once into the database (an operator's edits are never overwritten). */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'bgp-session-down',
    name: 'BGP session not Established',
    kind: 'bgp-session-down',
    enabled: true,
    severity: 'critical',
    forSeconds: 0,
    scope: {},
    params: {},
    builtin: true,
  },
  {
    id: 'bgp-session-flapping',
    name: 'BGP session flapping',
    kind: 'bgp-session-flapping',
    enabled: true,
    severity: 'warning',
    forSeconds: 0,
    scope: {},
    params: { flapCount: 4, flapWindowSeconds: 300 },
    builtin: true,
  },
  {
    id: 'agent-silent',
    name: 'Agent silent',
    kind: 'agent-silent',
    enabled: true,
    severity: 'critical',
    forSeconds: 0,
    scope: {},
    // The agent's default full-collection interval is 5 s.
    params: { silentIntervals: 3, intervalSeconds: 5 },
    builtin: true,
  },
  {
    id: 'flannel-lease-expiry',
    name: 'Flannel lease expired or expiring',
    kind: 'lease-expiry',
    enabled: true,
    severity: 'critical',
    forSeconds: 0,
    scope: {},
    params: { findingCodes: LEASE_CODES },
    builtin: true,
  },
  {
    id: 'consistency-finding',
    name: 'Consistency finding',
    kind: 'finding',
    enabled: true,
    severity: 'warning',
    forSeconds: 0,
    scope: {},
    // A session out of Established already alerts through the BGP rule: one problem, one alert.
    params: { findingCodes: FINDING_CODES.filter((c) => !LEASE_CODES.includes(c) && c !== 'bgp-session-not-established') },
    builtin: true,
  },
];

export const DEFAULT_FLAP_COUNT = 4;
export const DEFAULT_FLAP_WINDOW_SECONDS = 300;
export const DEFAULT_SILENT_INTERVALS = 3;
export const DEFAULT_INTERVAL_SECONDS = 5;
