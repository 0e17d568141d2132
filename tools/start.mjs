#!/usr/bin/env node
// `npm start`: builds the API, the web app and the agent, then runs all three on this machine: the API on an
// embedded Postgres when DATABASE_URL is unset, the dashboard, and one agent reading this machine's network state.
// Ctrl-C stops everything (the API stops its embedded Postgres on the way out).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.MESHLENS_DATA_DIR ?? '.data');
const apiPort = Number(process.env.MESHLENS_API_PORT ?? process.env.PORT ?? 3000);
const webPort = Number(process.env.MESHLENS_WEB_PORT ?? 4200);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

const log = (msg) => process.stdout.write(`[meshlens] ${msg}\n`);

function agentToken() {
  if (process.env.MESHLENS_AGENT_TOKEN) return process.env.MESHLENS_AGENT_TOKEN;
  const file = join(dataDir, 'agent-token');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(24).toString('hex') + '\n', { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function build() {
  if (process.env.MESHLENS_SKIP_BUILD === '1') return;
  log('building api, agent and web (cached after the first run)...');
  const res = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'agent', 'web', '--output-style=stream'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    log('build failed: see the output above');
    process.exit(res.status ?? 1);
  }
}

const children = [];
function run(name, cmd, args, extraEnv) {
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping the rest`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

build();
const token = agentToken();
run('api', process.execPath, ['dist/apps/api/main.js'], {
  PORT: String(apiPort),
  MESHLENS_AGENT_TOKENS: [process.env.MESHLENS_AGENT_TOKENS, token].filter(Boolean).join(','),
  MESHLENS_DATA_DIR: dataDir,
});
if (!(await waitFor(`${apiUrl}/healthz`, 60_000))) {
  log(`the API did not answer on ${apiUrl}/healthz within 60 s`);
  stop(1);
} else {
  run('web', 'npx', ['next', 'start', 'apps/web', '-p', String(webPort)], { MESHLENS_API_URL: apiUrl });
  const nodeName = (process.env.MESHLENS_NODE_NAME ?? hostname()).toLowerCase();
  run('agent', process.execPath, ['dist/apps/agent/main.js', '--api', apiUrl, '--node-name', nodeName], {
    MESHLENS_AGENT_TOKEN: token,
  });
  await waitFor(`http://127.0.0.1:${webPort}/`, 60_000);
  log(`dashboard: http://127.0.0.1:${webPort}/`);
  log(`API:       ${apiUrl}/api/v1/nodes`);
  log(`API docs:  ${apiUrl}/api/docs`);
  log(`agent "${nodeName}" reporting every 5 s; Ctrl-C stops everything`);
}
