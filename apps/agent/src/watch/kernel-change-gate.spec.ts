import pino from 'pino';
import { ScriptedCommandRunner } from '../testing/scripted-command-runner';
import { KernelChangeGate } from './kernel-change-gate';

const NS_PATH = '/run/netns/ag-gate';
const MONITOR = 'ip -n ag-gate monitor all';

function setup() {
  const runner = new ScriptedCommandRunner().identity(NS_PATH, '4:100');
  let clock = 0;
  const gate = new KernelChangeGate(runner, 'ag-gate', pino({ level: 'silent' }), { warmupMs: 500, resyncMs: 60_000, restartDelayMs: 5_000 }, () => clock);
  const advance = (ms: number) => (clock += ms);
  const monitor = () => {
    const w = runner.watches.get(MONITOR);
    if (!w) throw new Error('no monitor started');
    return w;
  };
  /** One cycle: prepare, then a read of each table the gate does not vouch for; returns the tables read. */
  const cycle = async (sources = ['links', 'addresses', 'routes', 'neighbors', 'fdb']) => {
    await gate.prepare();
    const read = sources.filter((s) => !gate.unchanged(s));
    for (const s of read) gate.readDone(gate.readStarted(s), true);
    return read;
  };
  return { runner, gate, advance, monitor, cycle };
}

describe('KernelChangeGate', () => {
  it('should read every table until the monitor has listened for its warm-up when it just started', async () => {
    const { advance, cycle, monitor } = setup();

    expect(await cycle()).toEqual(['links', 'addresses', 'routes', 'neighbors', 'fdb']);
    expect(monitor().stopped).toBe(false);
    advance(100);
    expect(await cycle()).toEqual(['links', 'addresses', 'routes', 'neighbors', 'fdb']);
    advance(1000);
    await cycle();
    advance(5000);
    expect(await cycle()).toEqual(['links']);
  });

  it('should read again only the tables an event names when the kernel reports a change', async () => {
    const { advance, cycle, monitor } = setup();
    await cycle();
    advance(1000);
    await cycle();

    monitor().listener.line('[ROUTE]10.6.0.0/24 via 10.0.0.2 dev e0 onlink');
    expect(await cycle()).toEqual(['links', 'routes']);
    expect(await cycle()).toEqual(['links']);

    monitor().listener.line('[NEIGH]dev p0 lladdr 02:00:00:00:00:0b NOARP');
    monitor().listener.line('    continuation');
    expect(await cycle()).toEqual(['links', 'neighbors', 'fdb']);

    monitor().listener.line('[LINK]2: p0@e0: <BROADCAST,MULTICAST> mtu 1400');
    expect(await cycle()).toEqual(['links', 'addresses', 'routes', 'neighbors', 'fdb']);
  });

  it('should read a table again when an event arrives while it is being read', async () => {
    const { gate, advance, cycle, monitor } = setup();
    await cycle();
    advance(1000);
    await gate.prepare();
    const token = gate.readStarted('routes');
    monitor().listener.line('[ROUTE]10.7.0.0/24 via 10.0.0.2 dev e0');
    gate.readDone(token, true);

    expect(gate.unchanged('routes')).toBe(false);
  });

  it('should read everything again when the monitor reports an error, ends, or the namespace is recreated', async () => {
    const { runner, advance, cycle, monitor } = setup();
    await cycle();
    advance(1000);
    await cycle();

    monitor().listener.error('netlink receive error No buffer space available (105)');
    expect(await cycle()).toHaveLength(5);
    expect(await cycle()).toEqual(['links']);

    monitor().listener.exit('ip monitor ended (exit 1)');
    expect(await cycle()).toHaveLength(5);
    advance(1000);
    expect(await cycle()).toHaveLength(5);
    advance(5000);
    await cycle(); // restarted: warm-up again
    advance(1000);
    await cycle();
    expect(await cycle()).toEqual(['links']);

    runner.identity(NS_PATH, '4:200');
    const old = monitor();
    expect(await cycle()).toHaveLength(5);
    expect(old.stopped).toBe(true);
  });

  it('should read every table again once resyncMs has passed when nothing changed', async () => {
    const { advance, cycle } = setup();
    await cycle();
    advance(1000);
    await cycle();
    advance(59_000);
    expect(await cycle()).toEqual(['links']);
    advance(2_000);
    expect(await cycle()).toHaveLength(5);
  });

  it('should not vouch for a table whose last read failed', async () => {
    const { gate, advance, cycle } = setup();
    await cycle();
    advance(1000);
    await cycle();
    gate.readDone(gate.readStarted('fdb'), false);

    expect(gate.unchanged('fdb')).toBe(false);
    expect(gate.unchanged('routes')).toBe(true);
  });
});
