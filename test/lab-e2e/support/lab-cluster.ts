import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../tools/db/test-database.cjs';
// test/lab and test/e2e are test projects without an import path: their helpers are imported, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  FLANNEL_HOSTGW_PREFIX,
  FLANNEL_VXLAN_PREFIX,
  labDown,
  labUp,
  type LabState,
} from '../../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ROOT, startApi, startProcess, type RunningProcess } from '../../e2e/support/processes';

export interface LabCluster {
  lab: LabState;
  /** Wall time of labUp as this test measured it. */
  labUpMs: number;
  base: string;
  api: RunningProcess;
  agents: Map<string, RunningProcess>;
  stateDir: string;
  /** Every process's output, for failure messages. */
  output: () => string;
}

/** What has started so far: filled in as each piece comes up, so a failed start can still be stopped. */
export interface ClusterParts {
  lab?: LabState;
  stateDir?: string;
  db?: TestDatabase;
  api?: RunningProcess;
  agents?: Map<string, RunningProcess>;
}

export interface ClusterOptions {
  nodes: number;
  prefix: string;
  stateDir: string;
  /** Agent --interval and --bgp-interval, seconds. */
  intervalSeconds: number;
}

/** The lab, then the built API on a fresh database watching the lab's etcd, then one built agent per node. */
export async function startCluster(
  options: ClusterOptions,
  parts: ClusterParts,
): Promise<LabCluster> {
  const stateDir = resolve(ROOT, options.stateDir);
  parts.stateDir = stateDir;
  const started = Date.now();
  const lab = await labUp({
    nodes: options.nodes,
    prefix: options.prefix,
    stateDir,
  });
  const labUpMs = Date.now() - started;
  parts.lab = lab;
  if (!lab.etcd) throw new Error('labUp returned no etcd');

  const db = await createTestDatabase();
  parts.db = db;
  const token = randomBytes(16).toString('hex');
  const { base, process: api } = await startApi({
    DATABASE_URL: db.url,
    MESHLENS_AGENT_TOKENS: token,
    MESHLENS_ETCD_ENDPOINTS: lab.etcd.endpoint,
    MESHLENS_FLANNEL_PREFIX: `${FLANNEL_VXLAN_PREFIX},${FLANNEL_HOSTGW_PREFIX}`,
    MESHLENS_CALICO_PREFIX: '/calico',
  });
  parts.api = api;

  const agents = startLabAgents(lab, { api: base, token, stateDir, intervalSeconds: options.intervalSeconds });
  parts.agents = agents;
  const output = () =>
    [
      `--- api\n${api.output().slice(-4000)}`,
      ...[...agents].map(
        ([name, a]) => `--- agent ${name}\n${a.output().slice(-4000)}`,
      ),
    ].join('\n');
  return { lab, labUpMs, base, api, agents, stateDir, output };
}

/** One built agent per lab node (--netns, --bird-socket, --cni-dir of that node), reporting to `api`. */
export function startLabAgents(
  lab: LabState,
  options: { api: string; token: string; stateDir: string; intervalSeconds: number },
): Map<string, RunningProcess> {
  const agents = new Map<string, RunningProcess>();
  for (const node of lab.nodes) {
    const args = [
      'dist/apps/agent/main.js',
      ...['--api', options.api, '--node-name', node.name, '--netns', node.netns, '--bird-socket', node.birdSocket],
      ...['--cni-dir', node.cniDir ?? resolve(node.dir, 'cni', 'net.d')],
      ...['--interval', String(options.intervalSeconds), '--bgp-interval', String(options.intervalSeconds)],
      ...['--state-dir', resolve(agentDirOf(options.stateDir), node.name)],
    ];
    agents.set(node.name, startProcess(args, { MESHLENS_AGENT_TOKEN: options.token }));
  }
  return agents;
}

/** The agents' queue folders sit beside the lab's state folder: labDown removes only what the lab made. */
const agentDirOf = (stateDir: string) => `${stateDir}-agents`;

/** Stops what started, in reverse; labDown even when the rest failed. */
export async function stopCluster(parts: ClusterParts): Promise<void> {
  const errors: unknown[] = [];
  const attempt = async (step: () => Promise<unknown> | undefined) => {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  };
  await Promise.all(
    [...(parts.agents?.values() ?? [])].map((a) => attempt(() => a.stop())),
  );
  await attempt(() => parts.api?.stop());
  await attempt(() => parts.db?.drop());
  const stateDir = parts.stateDir;
  if (stateDir) {
    await attempt(() => labDown({ stateDir }));
    await attempt(() =>
      rm(agentDirOf(stateDir), { recursive: true, force: true }),
    );
  }
  if (errors.length)
    throw new AggregateError(errors, 'stopping the lab cluster failed');
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
