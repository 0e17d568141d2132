import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BgpSession, DeltaReport, FullReport, NodeReport } from '@meshlens/model';
import { runCli } from './run-cli';

const skipReason =
  process.getuid?.() !== 0
    ? 'needs root to create network namespaces'
    : spawnSync('bird', ['--version']).error
      ? 'needs the Debian package bird (BIRD 1.6)'
      : '';
const describeBird = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`BGP trigger integration test skipped: ${skipReason}`);

const A = `ag-bg-a-${process.pid}`;
const B = `ag-bg-b-${process.pid}`;
const sh = (...args: string[]) => execFileSync(args[0], args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** BIRD 1.6 config of one side of an iBGP session named the way Calico names mesh peers. */
const birdConfig = (self: string, peer: string) => `
router id ${self};
protocol device { scan time 1; }
protocol direct { interface "eth0"; }
protocol bgp Mesh_${peer.replace(/\./g, '_')} {
  local ${self} as 64512;
  neighbor ${peer} as 64512;
  import all;
  export all;
  hold time 6;
  connect retry time 1;
  error wait time 1, 2;
}
`;

async function waitFor<T>(what: string, find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeBird('agent BGP loop against real BIRD', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ag-bgp-'));
    for (const ns of [A, B]) {
      spawnSync('ip', ['netns', 'del', ns]);
      sh('ip', 'netns', 'add', ns);
      sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
    }
    sh('ip', '-n', A, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', B);
    sh('ip', '-n', A, 'addr', 'add', '10.0.0.1/24', 'dev', 'eth0');
    sh('ip', '-n', B, 'addr', 'add', '10.0.0.2/24', 'dev', 'eth0');
    sh('ip', '-n', A, 'link', 'set', 'eth0', 'up');
    sh('ip', '-n', B, 'link', 'set', 'eth0', 'up');
    for (const [ns, self, peer, name] of [[A, '10.0.0.1', '10.0.0.2', 'a'], [B, '10.0.0.2', '10.0.0.1', 'b']]) {
      writeFileSync(join(dir, `${name}.conf`), birdConfig(self, peer));
      sh('ip', 'netns', 'exec', ns, 'bird', '-c', join(dir, `${name}.conf`), '-s', join(dir, `${name}.ctl`), '-P', join(dir, `${name}.pid`));
    }
  });

  afterAll(() => {
    for (const name of ['a', 'b']) {
      try {
        process.kill(Number(readFileSync(join(dir, `${name}.pid`), 'utf8')), 'SIGTERM');
      } catch {
        // BIRD already gone
      }
    }
    for (const ns of [A, B]) spawnSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should report a session leaving Established at once when the peer disables it, not at the next interval', async () => {
    const reports: NodeReport[] = [];
    let buffer = '';
    let stop: (v?: unknown) => void = () => undefined;
    const stopSignal = new Promise((resolve) => (stop = resolve));
    const done = runCli(
      ['--dry-run', '--netns', A, '--node-name', 'node-a', '--bird-socket', join(dir, 'a.ctl'), '--cni-dir', dir,
        '--interval', '3600', '--bgp-interval', '0.2', '--log-level', 'silent'],
      {
        stdout: (t) => {
          buffer += t;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) if (line) reports.push(JSON.parse(line) as NodeReport);
        },
        stderr: () => undefined,
        env: {},
        stopSignal,
      },
    );
    const sessionIn = (r: NodeReport): BgpSession | undefined =>
      (r.kind === 'full' ? r.tables.bgpSessions : r.changes.bgpSessions?.upsert ?? []).find((s) => s.name === 'Mesh_10_0_0_2');
    try {
      await waitFor('the session to be Established', () => reports.find((r) => sessionIn(r)?.bgpState === 'Established'));
      expect((reports[0] as FullReport).kind).toBe('full');
      const before = reports.length;
      sh('birdc', '-s', join(dir, 'b.ctl'), 'disable', 'Mesh_10_0_0_1');
      const down = await waitFor('the session to leave Established', () =>
        reports.slice(before).find((r) => sessionIn(r) && sessionIn(r)?.bgpState !== 'Established'),
      );

      // With a one-hour interval, only the BGP loop can have sent it: a delta with the BGP change alone.
      expect(down.kind).toBe('delta');
      expect(Object.keys((down as DeltaReport).changes)).toEqual(['bgpSessions']);
      expect(sessionIn(down)).toMatchObject({ neighborAddress: '10.0.0.2', state: expect.not.stringMatching(/^up$/) });
      expect(down.bgp).toMatchObject({ status: 'ok' });
    } finally {
      stop();
      expect(await done).toBe(0);
    }
  }, 90_000);
});
