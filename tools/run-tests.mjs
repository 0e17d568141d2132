#!/usr/bin/env node
// Runs every jest project of the workspace (units, integration against real Postgres/etcd/BIRD, end-to-end and
// browser tests) in one jest invocation and closes with one plain summary line "tests: N passed, N failed, N skipped"
// that CI reads. Extra arguments are passed to jest (e.g. `npm test -- libs/netparse`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

// End-to-end, browser and lab tests run the built apps: build them once, before any test project starts
// (Nx caches the result, so the projects' own global setups find nothing left to do).
if (process.env.MESHLENS_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'agent', 'web', '--output-style=static'], {
    stdio: 'inherit',
    env: nxEnv,
  });
  if (build.status !== 0) {
    console.error('building api, agent and web failed: see above');
    process.exit(build.status ?? 1);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'meshlens-tests-'));
const out = join(dir, 'results.json');
const args = ['jest', '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: nxEnv });

let summary = null;
try {
  summary = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  // jest died before writing results: the exit code says enough.
}
rmSync(dir, { recursive: true, force: true });

if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  const failedSuites = summary.numFailedTestSuites;
  console.log(
    `\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped` +
      (failedSuites ? ` (${failedSuites} suites failed to run or failed)` : ''),
  );
  if (summary.numTotalTests === 0) {
    console.error('no test ran');
    process.exit(1);
  }
}
process.exit(run.status ?? 1);
