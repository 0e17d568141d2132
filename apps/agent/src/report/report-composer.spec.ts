import { DeltaReport, FullReport, nodeReportSchema, routeKey } from '@meshlens/model';
import { baseCounters, baseRoute, baseSession, baseSnapshot, routeTo, withTables } from '../testing/snapshot.builder';
import { ReportComposer } from './report-composer';

const composer = () => new ReportComposer('node-1', 'epoch-a');

describe('ReportComposer', () => {
  it('should send a full report with seq 1 first and deltas based on the previous seq after', () => {
    const c = composer();
    const first = c.compose(baseSnapshot());
    const second = c.compose(baseSnapshot()) as DeltaReport;

    expect(first).toMatchObject({ kind: 'full', seq: 1, epoch: 'epoch-a', nodeName: 'node-1' });
    expect((first as FullReport).tables.routes).toHaveLength(2);
    expect(second).toMatchObject({ kind: 'delta', seq: 2, baseSeq: 1, changes: {} });
    expect(nodeReportSchema.safeParse(second).success).toBe(true);
  });

  it('should keep a heartbeat under 1 KB when nothing changed', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const heartbeat = c.compose(baseSnapshot());

    expect(Buffer.byteLength(JSON.stringify(heartbeat))).toBeLessThan(1024);
    expect(heartbeat.counters).toEqual([]);
  });

  it('should upsert added and changed rows and remove vanished ones by natural key when routes change', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const changedDefault = routeTo('0.0.0.0/0', { gateway: '192.168.50.254', dev: 'eth0', flags: [] });
    const added = routeTo('10.244.3.0/24', { gateway: '10.244.3.0' });
    const delta = c.compose(withTables({ routes: [changedDefault, added] })) as DeltaReport;

    expect(delta.changes.routes?.upsert).toEqual([changedDefault, added]);
    expect(delta.changes.routes?.remove).toEqual([routeKey(baseRoute)]);
    expect(Object.keys(delta.changes)).toEqual(['routes']);
  });

  it('should ignore key order when comparing rows', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const reordered = Object.fromEntries(Object.entries(baseRoute).reverse()) as typeof baseRoute;
    const delta = c.compose(withTables({ routes: [reordered, routeTo('0.0.0.0/0', { gateway: '192.168.50.1', dev: 'eth0', flags: [] })] }));

    expect((delta as DeltaReport).changes).toEqual({});
  });

  it('should leave a table out of the delta and keep its rows when its collector failed', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const failed = c.compose(
      withTables({ routes: undefined }, { errors: [{ source: 'routes', message: 'ip route failed' }] }),
    ) as DeltaReport;
    const recovered = c.compose(baseSnapshot()) as DeltaReport;

    expect(failed.changes.routes).toBeUndefined();
    expect(failed.errors).toEqual([{ source: 'routes', message: 'ip route failed' }]);
    expect(recovered.changes).toEqual({});
  });

  it('should repeat the last known rows of a failed table when a full report is requested', () => {
    const c = composer();
    c.compose(baseSnapshot());
    c.requestFull();
    const full = c.compose(withTables({ routes: undefined })) as FullReport;

    expect(full.kind).toBe('full');
    expect(full.tables.routes).toEqual(baseSnapshot().tables.routes);
  });

  it('should not count ticking BGP timers as a change when nothing else about the session changed', () => {
    const c = composer();
    c.compose(withTables({ bgpSessions: [baseSession] }));
    const ticked = c.compose(withTables({ bgpSessions: [{ ...baseSession, holdTimer: '150/240' }] })) as DeltaReport;
    const down = { ...baseSession, bgpState: 'Active', info: 'Active Socket: Connection refused', holdTimer: '0/240' };
    const changed = c.compose(withTables({ bgpSessions: [down] })) as DeltaReport;

    expect(ticked.changes).toEqual({});
    expect(changed.changes.bgpSessions?.upsert).toEqual([down]);
  });

  it('should send counters only of interfaces whose counters moved when composing a delta', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const delta = c.compose(baseSnapshot({ counters: [baseCounters('lo'), baseCounters('eth0', 5000)] }));

    expect(delta.counters).toEqual([baseCounters('eth0', 5000)]);
  });

  it('should fold every change so far into one full report with the next seq when collapsing', () => {
    const c = composer();
    c.compose(baseSnapshot());
    const added = routeTo('10.244.3.0/24', { gateway: '10.244.3.0' });
    c.compose(withTables({ routes: [...(baseSnapshot().tables.routes ?? []), added] }));
    c.compose(withTables({ routes: undefined }));
    const full = c.composeBaselineFull();
    const next = c.compose(withTables({ routes: [...(baseSnapshot().tables.routes ?? []), added] })) as DeltaReport;

    expect(full).toMatchObject({ kind: 'full', seq: 4 });
    expect(full.tables.routes).toContainEqual(added);
    expect(full.counters).toHaveLength(2);
    expect(next).toMatchObject({ seq: 5, baseSeq: 4, changes: {} });
  });

  it('should refuse to compose a report that does not match the model and keep its sequence', () => {
    const c = composer();
    expect(() => c.compose(withTables({ routes: [{ ...baseRoute, dst: 'default' }] }))).toThrow(/does not match the model/);
    expect(c.lastSeq).toBe(0);
  });
});
