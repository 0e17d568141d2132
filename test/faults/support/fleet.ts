import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NodeSummary, Route } from '@meshlens/model';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually, freePort, ROOT, startProcess, type RunningProcess } from '../../e2e/support/processes';
import { byRouteKey, type NetnsNode } from './netns-node';

export const API_MAIN = resolve(ROOT, 'dist/apps/api/main.js');
export const AGENT_MAIN = resolve(ROOT, 'dist/apps/agent/main.js');
export const AGENT_TOKEN = 'fault-test-agent-token';

/** The built API on a fixed port, so agents keep their URL across a kill and a restart. */
export class ApiProcess {
  private proc?: RunningProcess;
  private earlier = '';

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const api = new ApiProcess(await freePort(), env);
    await api.start();
    return api;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  async start(): Promise<void> {
    this.proc = startProcess([API_MAIN], {
      PORT: String(this.port),
      HOST: '127.0.0.1',
      MESHLENS_AGENT_TOKENS: AGENT_TOKEN,
      LOG_LEVEL: 'warn',
      ...this.env,
    });
    const proc = this.proc;
    await eventually(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`the API exited: ${proc.output().slice(-3000)}`);
        return (await fetch(`${this.base}/healthz`)).ok || undefined;
      },
      60_000,
      'the API to answer /healthz',
    );
  }

  /** SIGKILL: no shutdown hook runs, in-flight transactions are cut where they stand. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.earlier += proc.output();
    await new Promise<void>((done) => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return done();
      proc.child.once('exit', () => done());
      proc.child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.proc?.stop();
  }

  output(): string {
    return this.earlier + (this.proc?.output() ?? '');
  }

  async json<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** A pino JSON line of the agent's log. */
interface AgentLogLine {
  msg?: string;
  seq?: number;
  epoch?: string;
}

/** The built agent reading one namespace every 0.2 s, logging every acknowledgement (debug). */
export class AgentProcess {
  private readonly proc: RunningProcess;

  constructor(
    readonly node: NetnsNode,
    api: string,
    readonly stateDir: string,
  ) {
    this.proc = startProcess(
      [
        AGENT_MAIN,
        ...['--api', api, '--token', AGENT_TOKEN, '--node-name', node.nodeName, '--netns', node.netns],
        ...['--interval', '0.2', '--collectors', 'links,addresses,routes', '--state-dir', stateDir, '--log-level', 'debug'],
      ],
      {},
    );
  }

  stop(): Promise<void> {
    return this.proc.stop();
  }

  lines(): AgentLogLine[] {
    return this.proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as AgentLogLine);
  }

  /** Highest seq the API acknowledged to this agent (per its own log), with the epoch. */
  lastAcked(): { epoch: string; seq: number } | undefined {
    const acks = this.lines().filter((l) => l.msg === 'report acknowledged' && l.epoch && l.seq);
    return acks.length ? { epoch: acks.at(-1)?.epoch as string, seq: Math.max(...acks.map((l) => l.seq as number)) } : undefined;
  }

  acknowledgedCount(): number {
    return this.lines().filter((l) => l.msg === 'report acknowledged').length;
  }

  /** Log lines saying the API asked for a full report or a report was dropped: what a lost ack would cause. */
  resyncs(): string[] {
    return this.lines()
      .map((l) => l.msg ?? '')
      .filter((m) => /full report|dropping/i.test(m));
  }

  /** Failed sends the agent will retry (API or database away). */
  retries(): number {
    return this.lines().filter((l) => l.msg === 'API unavailable; report stays queued').length;
  }

  /** Reports waiting in the on-disk queue (one file each). */
  queued(): number {
    try {
      return readdirSync(this.stateDir).filter((f) => f.endsWith('.json')).length;
    } catch {
      return 0;
    }
  }

  output(): string {
    return this.proc.output();
  }
}

export const nodeSummary = async (api: ApiProcess, name: string): Promise<NodeSummary | undefined> =>
  (await api.json<NodeSummary[]>('/api/v1/nodes')).find((n) => n.name === name);

// Key order differs (Postgres jsonb sorts keys) and fetch's objects come from another realm: compare sorted JSON.
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );

/** Why the API's routes of the node differ from the namespace's (null when they are equal). */
export async function routesDiffer(api: ApiProcess, node: NetnsNode): Promise<string | null> {
  const stored = byRouteKey(await api.json<Route[]>(`/api/v1/nodes/${node.nodeName}/routes`));
  const real = node.routes();
  const missing = [...real.keys()].filter((k) => !stored.has(k));
  const extra = [...stored.keys()].filter((k) => !real.has(k));
  const changed = [...real.keys()].filter((k) => stored.has(k) && canonical(stored.get(k)) !== canonical(real.get(k)));
  if (!missing.length && !extra.length && !changed.length) return null;
  const example = changed.length ? ` (stored ${JSON.stringify(stored.get(changed[0]))}, kernel ${JSON.stringify(real.get(changed[0]))})` : '';
  return `${node.nodeName}: missing ${missing.join(', ') || '-'}; extra ${extra.join(', ') || '-'}; changed ${changed.join(', ') || '-'}${example}`;
}

/** Waits until every node's stored routes equal its namespace's (the namespaces no longer change by then). */
export async function expectRoutesConverge(api: ApiProcess, nodes: NetnsNode[], timeoutMs = 30_000): Promise<void> {
  let last: (string | null)[] = [];
  await eventually(
    async () => {
      last = await Promise.all(nodes.map((n) => routesDiffer(api, n).catch((e: Error) => `${n.nodeName}: ${e.message}`)));
      return last.every((d) => d === null) || undefined;
    },
    timeoutMs,
    'stored routes to equal the namespaces',
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${last.filter(Boolean).join('\n')}`);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Changes every node's routes every `everyMs` until stopped. */
export function startChurn(nodes: NetnsNode[], everyMs = 100): { stop: () => void; changes: () => number } {
  let changes = 0;
  const timer = setInterval(() => {
    for (const n of nodes) {
      n.churn();
      changes++;
    }
  }, everyMs);
  return { stop: () => clearInterval(timer), changes: () => changes };
}
