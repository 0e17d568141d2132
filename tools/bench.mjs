#!/usr/bin/env node
// `npm run bench` runs every benchmark suite; `npm run bench -- <suite>` one (agent, ingest, history, alerts, web).
// Each suite prints one JSON object on its own line whose keys name the figure and its unit.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUITES = ['agent', 'ingest', 'history', 'alerts', 'web'];
const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !SUITES.includes(s));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const suite of asked.length ? asked : SUITES) {
  const file = join(root, 'bench', `${suite}.bench.ts`);
  if (!existsSync(file)) {
    console.log(JSON.stringify({ suite, implemented: false }));
    continue;
  }
  // --silent keeps jest's console capture quiet; suites write their JSON with process.stdout.write.
  const res = spawnSync('npx', ['jest', '-c', 'bench/jest.config.cts', '--runInBand', '--silent', `bench/${suite}.bench.ts`], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, NX_DAEMON: 'false', MESHLENS_BENCH: '1' },
  });
  if (res.status !== 0) {
    failed = true;
    process.stderr.write(res.stderr);
    console.error(`bench suite ${suite} failed`);
  }
}
process.exit(failed ? 1 : 0);
