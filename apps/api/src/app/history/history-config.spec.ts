import { loadHistoryConfig } from './history-config';

describe('loadHistoryConfig', () => {
  it('should use 30d retention, 1h raw, 7d 1-minute and 90d 1-hour rollups when nothing is set', () => {
    expect(loadHistoryConfig({})).toEqual({
      retentionMs: 30 * 86_400_000,
      counterRawRetentionMs: 3_600_000,
      counterMinuteRetentionMs: 7 * 86_400_000,
      counterHourRetentionMs: 90 * 86_400_000,
      maintenanceIntervalMs: 300_000,
      batchSize: 5000,
    });
  });

  it('should name every bad variable when durations are malformed or out of order', () => {
    expect(() =>
      loadHistoryConfig({
        MESHLENS_HISTORY_RETENTION: '30 days',
        MESHLENS_COUNTER_1M_RETENTION: '30m',
      }),
    ).toThrow(
      /MESHLENS_HISTORY_RETENTION: expected a duration[\s\S]*MESHLENS_COUNTER_1M_RETENTION: must be at least/,
    );
  });

  it('should disable the job when the interval is off', () => {
    expect(
      loadHistoryConfig({ MESHLENS_HISTORY_MAINTENANCE_INTERVAL: 'off' })
        .maintenanceIntervalMs,
    ).toBe(0);
  });
});
