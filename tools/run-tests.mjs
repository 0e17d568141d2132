#!/usr/bin/env node
// Runs every jest project of the workspace (units, integration against real Postgres/etcd/BIRD, end-to-end and
// browser tests) in one jest invocation and closes with one plain summary line "tests: N passed, N failed, N skipped"
// that CI reads. Extra arguments are passed to jest (e.g. `npm test -- libs/netparse`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

// A run that hangs (a daemon that never answers, a handle that keeps jest alive) must end with the names of the
// test files it was stuck in, not run into CI's own time limit with nothing said: MESHLENS_TEST_DEADLINE_MIN
// (default 40; the whole suite takes about 10 minutes on 2 cores) stops it.
const deadlineMin = Number(process.env.MESHLENS_TEST_DEADLINE_MIN ?? 40);
if (!Number.isFinite(deadlineMin) || deadlineMin <= 0) {
  console.error(`MESHLENS_TEST_DEADLINE_MIN must be a positive number of minutes, got "${process.env.MESHLENS_TEST_DEADLINE_MIN}"`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'meshlens-tests-'));
const out = join(dir, 'results.json');
const progress = join(dir, 'running.txt');
// --forceExit: a handle left open after the last file (a socket of a test's client) must not hold the run open.
const args = ['jest', '--json', `--outputFile=${out}`, '--forceExit', ...process.argv.slice(2)];
// jest.config.ts adds tools/jest-progress-reporter.cjs when MESHLENS_TEST_PROGRESS_FILE is set (a --reporters flag
// would swallow the test path patterns after it). Its own process group, so the deadline stops jest with its workers and whatever they started.
const child = spawn('npx', args, { stdio: 'inherit', env: { ...nxEnv, MESHLENS_TEST_PROGRESS_FILE: progress }, detached: true });
let timedOut = false;
const deadline = setTimeout(() => {
  timedOut = true;
  const lines = existsSync(progress) ? readFileSync(progress, 'utf8').split('\n').filter(Boolean) : [];
  const stuck = lines
    .map((line) => {
      const [since, ...name] = line.split(' ');
      return `  ${name.join(' ')} (for ${Math.round((Date.now() - Number(since)) / 1000)} s)`;
    })
    .join('\n');
  console.error(`\ntests: stopped at the ${deadlineMin}-minute deadline (MESHLENS_TEST_DEADLINE_MIN); test files still running:\n${stuck || '(none recorded)'}`);
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000).unref();
}, deadlineMin * 60_000);
const forward = (signal) => () => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
const run = await new Promise((resolve) => child.on('exit', (status, signal) => resolve({ status, signal })));
clearTimeout(deadline);

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
process.exit(timedOut ? 1 : (run.status ?? 1));
