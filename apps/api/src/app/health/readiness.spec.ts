import { missingMigrations, runCheck, summariseReadiness } from './readiness';

describe('readiness', () => {
  const ok = { status: 'ok' as const };

  it('should be ready when every check passed or was skipped', () => {
    const r = summariseReadiness({ database: ok, migrations: ok, etcd: { status: 'skipped' }, redis: { status: 'skipped' }, shutdown: ok }, true);

    expect(r).toEqual(expect.objectContaining({ status: 'ready', alertOwner: true }));
  });

  it('should not be ready when one check failed', () => {
    const r = summariseReadiness({ database: ok, migrations: ok, etcd: { status: 'failed', detail: 'disconnected' }, redis: ok, shutdown: ok }, false);

    expect(r.status).toBe('not-ready');
  });

  it('should list the migration folders the database has not finished, in folder order', () => {
    expect(missingMigrations(['20261101_init', '20261120_alerts', '20261124_history'], ['20261101_init'])).toEqual(['20261120_alerts', '20261124_history']);
  });

  it('should fail a check that throws with its message', async () => {
    await expect(runCheck(async () => Promise.reject(new Error('ECONNREFUSED')), 1000)).resolves.toEqual({ status: 'failed', detail: 'ECONNREFUSED' });
  });

  it('should fail a check that does not answer within its deadline', async () => {
    await expect(runCheck(() => new Promise<never>(() => undefined), 20)).resolves.toEqual({ status: 'failed', detail: 'no answer within 20 ms' });
  });

  it('should keep the detail of a check that passed', async () => {
    await expect(runCheck(async () => '3 applied', 1000)).resolves.toEqual({ status: 'ok', detail: '3 applied' });
  });
});
