// Builds api, agent (the lab test runs one per node) and web once before the browser tests (Nx restores them from
// its cache when nothing changed), then provides the test Postgres. Global setups run one after another in jest's main process, so this build never
// overlaps a running test. MESHLENS_SKIP_BUILD=1 uses dist/ and apps/web/.next as they are.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from '../../../tools/db/jest-global-setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup() {
  if (process.env.MESHLENS_SKIP_BUILD !== '1' && existsSync('/usr/bin/chromium')) {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'agent', 'web', '--output-style=static'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (build.status !== 0) {
      throw new Error(`building api and web failed:\n${build.stdout.slice(-6000)}\n${build.stderr.slice(-4000)}`);
    }
  }
  await startTestPostgres();
}
