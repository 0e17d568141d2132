import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { sleep } from './run-command';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface EtcdStart {
  dataDir: string;
  logFile: string;
  clientPort: number;
  peerPort: number;
}

/** A single-member etcd 3.4 on loopback; detached so it outlives the `up` command. */
export function startEtcd(opts: EtcdStart): number {
  mkdirSync(opts.dataDir, { recursive: true });
  const client = `http://127.0.0.1:${opts.clientPort}`;
  const peer = `http://127.0.0.1:${opts.peerPort}`;
  const log = openSync(opts.logFile, 'a');
  const child = spawn(
    'etcd',
    [
      '--name', 'meshlens-lab',
      '--data-dir', opts.dataDir,
      '--listen-client-urls', client,
      '--advertise-client-urls', client,
      '--listen-peer-urls', peer,
      '--initial-advertise-peer-urls', peer,
      '--initial-cluster', `meshlens-lab=${peer}`,
      '--initial-cluster-state', 'new',
      '--logger', 'zap',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  child.unref();
  if (!child.pid) throw new Error('etcd did not start');
  return child.pid;
}

export async function waitForEtcd(endpoint: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${endpoint}/health`);
      const body = (await res.json()) as { health?: string };
      if (body.health === 'true') return;
      last = JSON.stringify(body);
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw new Error(`etcd at ${endpoint} not healthy after ${timeoutMs} ms: ${last}`);
}
