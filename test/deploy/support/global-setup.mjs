// Builds the API once for the replica and shutdown tests (Nx caches it), then provides the test Postgres.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from '../../../tools/db/jest-global-setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup() {
  // tools/run-tests.mjs built every app already when it says so.
  if (process.env.MESHLENS_SKIP_BUILD === '1') return startTestPostgres();
  const build = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`building the api failed:\n${build.stdout}\n${build.stderr}`);
  await startTestPostgres();
}
