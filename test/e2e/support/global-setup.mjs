// Builds the API and the agent once for every end-to-end test file, then provides the test Postgres.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from '../../../tools/db/jest-global-setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup() {
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'agent', '--output-style=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`building api and agent failed:\n${build.stdout}\n${build.stderr}`);
  }
  await startTestPostgres();
}
