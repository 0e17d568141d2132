#!/usr/bin/env node
// `npm start`: builds the API, the web app and the agent, then runs all three on this machine: the API on an
// embedded Postgres when DATABASE_URL is unset, the dashboard, and one agent reading this machine's network state.
// Ctrl-C stops everything (the API stops its embedded Postgres on the way out).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.MESHLENS_DATA_DIR ?? '.data');
const apiPort = Number(process.env.MESHLENS_API_PORT ?? process.env.PORT ?? 3000);
const webPort = Number(process.env.MESHLENS_WEB_PORT ?? 4200);
// The dashboard listens on loopback unless told otherwise: it holds this machine's admin key (see below).
const webHost = process.env.MESHLENS_WEB_HOST ?? '127.0.0.1';
const webIsLocal = ['127.0.0.1', 'localhost', '::1'].includes(webHost);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

const log = (msg) => process.stdout.write(`[meshlens] ${msg}\n`);

/** A secret kept under the data folder (owner-only), made on the first start. */
function storedSecret(name) {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  }
  return { value: readFileSync(file, 'utf8').trim(), file };
}

const agentToken = () => process.env.MESHLENS_AGENT_TOKEN ?? storedSecret('agent-token').value;
const sha256 = (s) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

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
  // Each piece in a process group of its own, stopped as a group: `npx next start` leaves the Next.js server a
  // grandchild that a signal to npx alone would not reach.
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
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
  const signal = (c, sig) => {
    try {
      process.kill(-c.pid, sig);
    } catch {
      // the group is gone already
    }
  };
  for (const c of children) signal(c, 'SIGTERM');
  // The API stops its embedded Postgres on the way out; whatever is still running after that is killed.
  setTimeout(() => {
    for (const c of children) signal(c, 'SIGKILL');
    process.exit(code);
  }, 15000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

build();
const token = agentToken();
// The API is never started open by `npm start`: it listens on every address, so it gets this machine's admin key
// (the API holds only its hash). The local dashboard uses the key itself, so nobody has to log in on this machine;
// a dashboard on another address asks for it on /login instead (docs/security.md).
const apiKey = storedSecret('api-key');
run('api', process.execPath, ['dist/apps/api/main.js'], {
  PORT: String(apiPort),
  MESHLENS_AGENT_TOKENS: [process.env.MESHLENS_AGENT_TOKENS, sha256(token)].filter(Boolean).join(','),
  MESHLENS_API_KEYS: [process.env.MESHLENS_API_KEYS, `admin:${sha256(apiKey.value)}`].filter(Boolean).join(','),
  MESHLENS_DATA_DIR: dataDir,
});
if (!(await waitFor(`${apiUrl}/healthz`, 60_000))) {
  log(`the API did not answer on ${apiUrl}/healthz within 60 s`);
  stop(1);
} else {
  run('web', 'npx', ['next', 'start', 'apps/web', '-p', String(webPort), '-H', webHost], {
    MESHLENS_API_URL: apiUrl,
    ...(webIsLocal && { MESHLENS_API_KEY: apiKey.value }),
  });
  const nodeName = (process.env.MESHLENS_NODE_NAME ?? hostname()).toLowerCase();
  const agentState = join(dataDir, 'agent', nodeName);
  run('agent', process.execPath, ['dist/apps/agent/main.js', '--api', apiUrl, '--node-name', nodeName, '--state-dir', agentState], {
    MESHLENS_AGENT_TOKEN: token,
  });
  const webUrl = `http://${webIsLocal ? '127.0.0.1' : webHost}:${webPort}`;
  await waitFor(`${webUrl}/login`, 60_000);
  log(`dashboard: ${webUrl}/${webIsLocal ? '' : ` (log in with the admin key in ${apiKey.file})`}`);
  log(`API:       ${apiUrl}/api/v1/nodes`);
  log(`API docs:  ${apiUrl}/api/docs (reads and admin calls need the key in ${apiKey.file}: Authorization: Bearer <key>)`);
  log(`agent "${nodeName}" reporting every 5 s; Ctrl-C stops everything`);
}
