import pino from 'pino';
import { BgpReader } from './bgp-reader';
import { createCollectors } from './collector-factory';
import { SnapshotCollector } from './snapshot-collector';
import { labNodeFixture, labNodeRunner } from '../testing/scripted-command-runner';
import { NodeExec } from '../runner/node-exec';
import type { CollectGate } from '../watch/collect-gate';

const log = pino({ level: 'silent' });
const noBird: BgpReader = { read: async (socket) => ({ status: { socket, status: 'missing' }, sessions: [] }) };
const options = { netns: 'ag-x', cniDir: '/etc/cni/net.d', birdSockets: ['/run/bird.ctl'] };
const rowCount = (file: string) => (JSON.parse(labNodeFixture(file)) as unknown[]).length;

const collectorFor = (runner = labNodeRunner('ag-x'), readBgp = noBird) =>
  new SnapshotCollector(createCollectors(options, new NodeExec(runner, 'ag-x', 1000), readBgp), log, 'ag-x');

describe('SnapshotCollector', () => {
  it('should read every table inside the namespace when all commands succeed', async () => {
    const runner = labNodeRunner('ag-x');
    const snapshot = await new SnapshotCollector(
      createCollectors(options, new NodeExec(runner, 'ag-x', 1000), noBird),
      log,
      'ag-x',
    ).collect();

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.tables.links?.map((l) => l.ifindex)).toEqual(
      (JSON.parse(labNodeFixture('ip-link.json')) as { ifindex: number }[]).map((l) => l.ifindex),
    );
    expect(snapshot.tables.routes).toHaveLength(rowCount('ip-route-v4.json') + rowCount('ip-route-v6.json'));
    expect(snapshot.tables.neighbors).toHaveLength(rowCount('ip-neigh.json'));
    expect(snapshot.tables.fdb).toHaveLength(rowCount('bridge-fdb.json'));
    expect(snapshot.counters?.map((c) => c.ifname)).toEqual(snapshot.tables.links?.map((l) => l.ifname));
    expect(snapshot.tables.cniConfigs?.map((c) => c.file)).toEqual(['/etc/cni/net.d/10-flannel.conflist']);
    expect(snapshot.identity).toMatchObject({ hostname: 'lab-node', kernel: '6.1.0-lab', netns: 'ag-x' });
    expect(snapshot.identity.modes).toContain('flannel-vxlan');
    expect(snapshot.identity.underlayAddresses).toContain('192.168.50.11');
    expect(runner.calls.filter((c) => c[0] === 'ip' || c[0] === 'bridge').every((c) => c[1] === '-n' && c[2] === 'ag-x')).toBe(true);
  });

  it('should withhold only the routes table and report an error when ip route fails', async () => {
    const runner = labNodeRunner('ag-x').command('ip -n ag-x -j -6 route show table all', {
      stdout: '',
      stderr: 'RTNETLINK answers: Operation not permitted',
      exitCode: 2,
      timedOut: false,
    });
    const snapshot = await collectorFor(runner).collect();

    expect(snapshot.tables.routes).toBeUndefined();
    expect(snapshot.errors).toEqual([{ source: 'routes', message: expect.stringContaining('Operation not permitted') }]);
    expect(snapshot.tables.links?.length).toBeGreaterThan(0);
    expect(snapshot.tables.fdb?.length).toBeGreaterThan(0);
  });

  it('should withhold the links table and counters when ip link prints garbage', async () => {
    const runner = labNodeRunner('ag-x').command('ip -n ag-x -j -d -s link show', '[{"ifindex": 1, "ifn');
    const snapshot = await collectorFor(runner).collect();

    expect(snapshot.tables.links).toBeUndefined();
    expect(snapshot.counters).toBeUndefined();
    expect(snapshot.errors.map((e) => e.source)).toEqual(['links']);
    expect(snapshot.tables.addresses?.length).toBeGreaterThan(0);
  });

  it('should derive the identity from the last good routes when the routes read fails later', async () => {
    let fail = false;
    const v4 = labNodeFixture('ip-route-v4.json');
    const runner = labNodeRunner('ag-x').command('ip -n ag-x -4 -j route show table all', () =>
      fail ? { stdout: '', stderr: 'timed out', exitCode: null, timedOut: true } : v4,
    );
    const collector = collectorFor(runner);
    const first = await collector.collect();
    fail = true;
    const second = await collector.collect();

    expect(second.tables.routes).toBeUndefined();
    expect(second.identity.underlayAddresses).toEqual(first.identity.underlayAddresses);
  });

  it('should report an empty CNI table when the CNI folder does not exist', async () => {
    const snapshot = await new SnapshotCollector(
      createCollectors({ ...options, cniDir: '/nowhere' }, new NodeExec(labNodeRunner('ag-x'), 'ag-x', 1000), noBird),
      log,
    ).collect();

    expect(snapshot.tables.cniConfigs).toEqual([]);
    expect(snapshot.errors).toEqual([]);
  });

  it('should withhold BGP sessions and report an error when BIRD is unreachable', async () => {
    const deadBird: BgpReader = {
      read: async (socket) => ({ status: { socket, status: 'unreachable', error: 'connect ECONNREFUSED' }, sessions: [] }),
    };
    const snapshot = await collectorFor(labNodeRunner('ag-x'), deadBird).collect();

    expect(snapshot.tables.bgpSessions).toBeUndefined();
    expect(snapshot.bgp).toMatchObject({ status: 'unreachable' });
    expect(snapshot.errors.map((e) => e.source)).toEqual(['bgpSessions']);
  });

  it('should run only the BGP collector and keep the last identity when asked for BGP alone', async () => {
    const runner = labNodeRunner('ag-x');
    const collector = collectorFor(runner);
    const first = await collector.collect();
    const callsBefore = runner.calls.length;
    const bgpOnly = await collector.collect(new Set(['bgpSessions']));

    expect(runner.calls.length).toBe(callsBefore);
    expect(Object.keys(bgpOnly.tables)).toEqual([]);
    expect(bgpOnly.identity).toEqual(first.identity);
  });

  it('should drop a route whose destination would not cast to cidr and name it in a validation error', async () => {
    const v4 = JSON.parse(labNodeFixture('ip-route-v4.json')) as Record<string, unknown>[];
    const runner = labNodeRunner('ag-x').command(
      'ip -n ag-x -4 -j route show table all',
      JSON.stringify([...v4, { dst: '10.0.0.0/40', dev: 'eth0', flags: [] }]),
    );
    const snapshot = await collectorFor(runner).collect();

    expect(snapshot.tables.routes).toHaveLength(rowCount('ip-route-v4.json') + rowCount('ip-route-v6.json'));
    expect(snapshot.errors).toEqual([{ source: 'validation', message: expect.stringContaining('10.0.0.0/40') }]);
  });

  it('should run only the configured collectors plus identity when the options name some', async () => {
    const runner = labNodeRunner('ag-x');
    const snapshot = await new SnapshotCollector(
      createCollectors({ ...options, collectors: ['links'] }, new NodeExec(runner, 'ag-x', 1000), noBird),
      log,
    ).collect();

    expect(Object.keys(snapshot.tables)).toEqual(['links']);
    expect(runner.calls.map((c) => c.slice(3).join(' '))).toEqual(['-j -d -s link show']);
    expect(snapshot.identity.hostname).toBe('lab-node');
  });
  it('should skip the tables the gate vouches for and tell it which reads failed when a gate is given', async () => {
    const runner = labNodeRunner('ag-x').command('ip -n ag-x -j neigh show', { stdout: '', stderr: 'boom', exitCode: 1, timedOut: false });
    const done: Array<[string, boolean]> = [];
    const gate: CollectGate = {
      prepare: async () => undefined,
      unchanged: (source) => source === 'routes',
      readStarted: (source) => ({ source, changes: 0, startedAt: 0 }),
      readDone: (token, ok) => void done.push([token.source, ok]),
      close: () => undefined,
    };
    const snapshot = await new SnapshotCollector(createCollectors(options, new NodeExec(runner, 'ag-x', 1000), noBird), log, 'ag-x', gate).collect();

    // Absent, not empty: the composer leaves an unread table out of the delta.
    expect(snapshot.tables.routes).toBeUndefined();
    expect(runner.calls.some((c) => c.includes('route'))).toBe(false);
    expect(snapshot.tables.links).toBeDefined();
    expect(done).toContainEqual(['neighbors', false]);
    expect(done).toContainEqual(['addresses', true]);
    expect(done.map(([s]) => s)).not.toContain('routes');
  });
});
