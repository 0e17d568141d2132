import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3, type IOptions } from 'etcd3';
import type { TestPki } from './test-pki';

/** The etcd binary: MESHLENS_ETCD_BINARY, or `etcd` on PATH (Debian's etcd-server package). */
export const etcdBinary = (): string => process.env['MESHLENS_ETCD_BINARY'] ?? 'etcd';

/** Null when etcd can run here, otherwise why not (tests skip with that reason). */
export function etcdUnavailableReason(): string | null {
  const run = spawnSync(etcdBinary(), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (run.error) return `${etcdBinary()} cannot run (${run.error.message}); install Debian's etcd-server`;
  return run.status === 0 ? null : `${etcdBinary()} --version exited ${run.status}`;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface EtcdTestServer {
  /** http://127.0.0.1:<client port> */
  endpoint: string;
  clientPort: number;
  dataDir: string;
  /** PID of the running etcd, null while stopped. */
  pid(): number | null;
  /** Kills etcd by PID (SIGKILL when it ignores SIGTERM) and waits for it to exit; the data stays. */
  stop(): Promise<void>;
  /** Starts etcd again on the same ports and data dir (revisions survive). */
  start(): Promise<void>;
  /** Compacts the history up to the current revision; returns that revision. */
  compact(): Promise<string>;
  /** Options for an etcd3 client that may talk to this server (certificates included). */
  clientOptions(): IOptions;
  /** Stops etcd and deletes its data dir. */
  destroy(): Promise<void>;
}

/** A single-member etcd on free loopback ports with its own data dir in a temp folder. */
export async function startEtcdTestServer(options: { name?: string; pki?: TestPki } = {}): Promise<EtcdTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshlens-etcd-'));
  const [clientPort, peerPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const { pki } = options;
  const endpoint = `${pki ? 'https' : 'http'}://127.0.0.1:${clientPort}`;
  // With a PKI, clients must present a certificate signed by its CA (--client-cert-auth).
  const tlsFlags = pki
    ? ['--cert-file', pki.serverCertFile, '--key-file', pki.serverKeyFile, '--trusted-ca-file', pki.caFile, '--client-cert-auth']
    : [];
  const adminClient = (): Etcd3 => new Etcd3(adminOptions(endpoint, pki));
  const peer = `http://127.0.0.1:${peerPort}`;
  const name = options.name ?? 'meshlens-test';
  let child: ChildProcess | null = null;
  let log = '';

  const start = async (): Promise<void> => {
    log = '';
    const proc = spawn(
      etcdBinary(),
      [
        '--name', name,
        '--data-dir', join(dataDir, 'data'),
        '--listen-client-urls', endpoint,
        '--advertise-client-urls', endpoint,
        '--listen-peer-urls', peer,
        '--initial-advertise-peer-urls', peer,
        '--initial-cluster', `${name}=${peer}`,
        '--initial-cluster-state', 'new',
        '--logger', 'zap',
        '--log-level', 'warn',
        ...tlsFlags,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
    proc.stderr?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
    child = proc;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`etcd exited with ${proc.exitCode}: ${log}`);
      const client = adminClient();
      try {
        await client.maintenance.status();
        return;
      } catch {
        // not listening yet
      } finally {
        client.close();
      }
      await sleep(50);
    }
    throw new Error(`etcd at ${endpoint} not healthy after 20 s: ${log}`);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    process.kill(proc.pid, 'SIGTERM');
    const timer = setTimeout(() => proc.pid !== undefined && proc.exitCode === null && process.kill(proc.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const compact = async (): Promise<string> => {
    const client = adminClient();
    try {
      const { header } = await client.get('meshlens-compact-probe').exec();
      await client.kv.compact({ revision: header.revision, physical: true });
      return header.revision;
    } finally {
      client.close();
    }
  };

  await start();
  return {
    clientOptions: () => adminOptions(endpoint, pki),
    endpoint,
    clientPort,
    dataDir,
    pid: () => child?.pid ?? null,
    stop,
    start,
    compact,
    destroy: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function adminOptions(endpoint: string, pki: TestPki | undefined): IOptions {
  if (!pki) return { hosts: endpoint };
  const credentials = {
    rootCertificate: readFileSync(pki.caFile),
    certChain: readFileSync(pki.clientCertFile),
    privateKey: readFileSync(pki.clientKeyFile),
  };
  return { hosts: endpoint, credentials };
}
