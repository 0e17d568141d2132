import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FullReport, nodeReportSchema } from '@meshlens/model';
import type { BgpReader } from '../collectors/bgp-reader';
import { freePort } from '../testing/free-port';
import { labNodeRunner } from '../testing/scripted-command-runner';
import { runCli } from './run-cli';

const noBird: BgpReader = { read: async (socket) => ({ status: { socket, status: 'missing' }, sessions: [] }) };

const run = async (argv: string[], env: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [...argv, '--log-level', 'silent'],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env },
    { runner: labNodeRunner(), bgpReader: noBird },
  );
  return { code, stdout, stderr };
};

describe('runCli', () => {
  it('should print one valid full report on stdout when run with --once --dry-run', async () => {
    const { code, stdout } = await run(['--once', '--dry-run', '--node-name', 'lab-node']);
    const report = nodeReportSchema.parse(JSON.parse(stdout)) as FullReport;

    expect(code).toBe(0);
    expect(report).toMatchObject({ kind: 'full', seq: 1, nodeName: 'lab-node', errors: [] });
    expect(report.tables.links.map((l) => l.ifname)).toContain('flannel.1');
    expect(report.identity.modes).toEqual(['flannel-vxlan']);
  });

  it('should exit with code 2 and name the option when an option is invalid', async () => {
    const { code, stdout, stderr } = await run(['--once', '--dry-run', '--interval', '-1']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--interval');
  });

  it('should exit with code 1 and keep the report queued when --once cannot reach the API', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ag-cli-'));
    try {
      const { code } = await run(['--once', '--api', `http://127.0.0.1:${await freePort()}`, '--token', 't', '--state-dir', stateDir]);

      expect(code).toBe(1);
      expect(readdirSync(stateDir).filter((f) => /\.full\.1\./.test(f))).toHaveLength(1);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
