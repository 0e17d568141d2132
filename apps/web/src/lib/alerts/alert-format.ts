import type { Alert, AlertSeverity, AlertSilence } from '@meshlens/model';

/** Same text on the server and in the browser (no time zone, no clock): hydration needs identical markup. */
export const formatInstant = (iso: string | null | undefined): string =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z` : '';

export const SEVERITY_RANK: Record<AlertSeverity, number> = {
  critical: 0,
  warning: 1,
  info: 2,
};

/** When the alert became what it is: fired (or pending since), or resolved. */
export const alertSince = (alert: Alert): string =>
  alert.state === 'resolved' ? (alert.resolvedAt ?? alert.updatedAt) : (alert.firedAt ?? alert.startsAt);

/** "1 h 5 min", "42 s": how long a fired alert lasted (or has lasted until `to`). */
export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
};

/** How long a resolved alert fired; empty while it is open or when it never fired. */
export const firedFor = (alert: Alert): string =>
  alert.firedAt && alert.resolvedAt ? formatDuration(Date.parse(alert.resolvedAt) - Date.parse(alert.firedAt)) : '';

export const matcherText = (silence: AlertSilence): string =>
  Object.entries(silence.matchers)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** Durations offered by the silence button, shortest first. */
export const SILENCE_DURATIONS = [
  { label: '1 h', seconds: 3_600 },
  { label: '4 h', seconds: 4 * 3_600 },
  { label: '24 h', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
] as const;
