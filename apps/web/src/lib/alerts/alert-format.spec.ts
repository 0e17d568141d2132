import type { Alert, AlertSilence } from '@meshlens/model';
import { alertSince, firedFor, formatDuration, formatInstant, matcherText } from './alert-format';

const base: Alert = {
  id: 'a1',
  fingerprint: '0123456789abcdef',
  ruleId: 'bgp-session-down',
  ruleName: 'bgp-session-down',
  kind: 'bgp-session-down',
  severity: 'critical',
  node: 'node-2',
  subject: 'Mesh_172_31_250_11',
  state: 'firing',
  labels: {},
  annotations: {},
  evidence: null,
  flapCount: 0,
  startsAt: '2026-11-24T15:00:00.000Z',
  firedAt: '2026-11-24T15:00:01.000Z',
  resolvedAt: null,
  updatedAt: '2026-11-24T15:00:01.000Z',
  ackedAt: null,
  ackedBy: null,
  silencedBy: null,
};

describe('alert formatting', () => {
  it('should print an instant in UTC without the time zone of the machine when formatting', () => {
    expect(formatInstant('2026-11-24T15:00:01.123Z')).toBe('2026-11-24 15:00:01Z');
    expect(formatInstant(null)).toBe('');
  });

  it('should date a firing alert by when it fired and a resolved one by when it resolved', () => {
    expect(alertSince(base)).toBe(base.firedAt);
    expect(alertSince({ ...base, state: 'pending', firedAt: null })).toBe(base.startsAt);
    const resolved = {
      ...base,
      state: 'resolved' as const,
      resolvedAt: '2026-11-24T16:05:01.000Z',
    };
    expect(alertSince(resolved)).toBe(resolved.resolvedAt);
    expect(firedFor(resolved)).toBe('1 h 5 min');
    expect(firedFor(base)).toBe('');
  });

  it('should round durations to the largest sensible unit', () => {
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(5 * 60_000 + 10_000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(-1)).toBe('');
  });

  it('should list only the matchers a silence sets', () => {
    const silence: AlertSilence = {
      id: 's1',
      matchers: { ruleId: 'bgp-session-down', node: 'node-*' },
      comment: '',
      createdBy: 'dashboard',
      startsAt: base.startsAt,
      endsAt: base.firedAt ?? '',
    };
    expect(matcherText(silence)).toBe('ruleId=bgp-session-down node=node-*');
  });
});
