import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBirdConfig } from './bird-config';
import { writeCniFiles } from './cni-files';
import { startBird } from './bird-daemon';
import { allEstablished, birdRoutes, waitForSessions } from './bgp-control';
import { buildNode, buildUnderlay, createNamespaces, programRemotes, readVtepMac } from './build-dataplane';
import { calicoRecords, flannelRecords, RR_CLUSTER_ID } from './etcd-records';
import { seedEtcd } from './etcd-seed';
import { freePort, startEtcd, waitForEtcd } from './etcd-server';
import { labDown } from './lab-down';
import { resolveLabOptions, stateFileOf, type LabOptions } from './lab-options';
import { bgpPeersOf, planLab, UNDERLAY_CIDR } from './lab-plan';
import { emptyState, processStartTicks, readState, writeState, type LabEtcd, type LabState } from './lab-state';
import { pingMatrix } from './ping-matrix';
import { assertPortsFree, buildProduct, startStack } from './meshlens-stack';
import { mapLimit, sleep } from './run-command';
import { ensureSbinOnPath, labPreflight } from './preflight';

export class LabError extends Error {
  constructor(
    readonly code: 'PREFLIGHT' | 'ALREADY_UP' | 'NOT_READY',
    message: string,
    readonly details: string[] = [],
  ) {
    super(details.length ? `${message}:\n  - ${details.join('\n  - ')}` : message);
    this.summary = message;
  }

  readonly summary: string;
}

const SESSION_TIMEOUT_MS = 30000;

async function startEtcdFor(state: LabState): Promise<LabEtcd> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const dir = join(state.stateDir, 'etcd');
  const etcd: LabEtcd = {
    endpoint: `http://127.0.0.1:${clientPort}`,
    clientPort,
    peerPort,
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'etcd.log'),
    leases: {},
  };
  state.etcd = etcd;
  state.files.push(dir);
  mkdirSync(dir, { recursive: true });
  writeState(state);
  const pid = startEtcd(etcd);
  etcd.pid = pid;
  state.processes.push({ kind: 'etcd', pid, startTicks: processStartTicks(pid) ?? 0 });
  writeState(state);
  return etcd;
}

async function startBirds(state: LabState): Promise<void> {
  for (const node of state.nodes) {
    const peers = bgpPeersOf(state, node);
    node.bgpProtocols = peers.map((peer) => peer.name);
    const reflector = state.routeReflector && node.index === 1;
    writeFileSync(
      node.birdConfig,
      renderBirdConfig({
        routerId: node.underlayIp,
        block: node.calicoBlock,
        peers,
        logFile: node.birdLog,
        rrClusterId: reflector ? RR_CLUSTER_ID : undefined,
      }),
    );
  }
  writeState(state);
  await mapLimit(state.nodes, 4, async (node) => {
    const pid = await startBird(node);
    node.birdPid = pid;
    state.processes.push({ kind: 'bird', node: node.name, pid, startTicks: processStartTicks(pid) ?? 0 });
  });
  writeState(state);
}

async function waitForBirdRoutes(state: LabState, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = [];
  do {
    missing = [];
    for (const node of state.nodes) {
      const routes = await birdRoutes(node);
      for (const other of state.nodes) {
        if (other === node) continue;
        if (!routes.some((r) => r.dst === other.calicoBlock && r.gateway === other.underlayIp)) {
          missing.push(`${node.name}: ${other.calicoBlock} via ${other.underlayIp} proto bird`);
        }
      }
    }
    if (missing.length === 0) return missing;
    await sleep(250);
  } while (Date.now() < deadline);
  return missing;
}

async function build(state: LabState, log: (line: string) => void): Promise<void> {
  const pods = state.nodes.flatMap((node) => node.pods.map((pod) => pod.netns));
  const wanted = [state.underlayNetns, ...state.nodes.map((n) => n.netns), ...pods];
  const taken = wanted.filter((name) => existsSync(`/run/netns/${name}`));
  if (taken.length) {
    // Not ours to delete: they were made by another lab (or a crashed one) with the same prefix.
    throw new LabError('ALREADY_UP', `namespaces with prefix ${state.prefix} exist but are not in ${state.stateFile}`, taken);
  }
  state.namespaces = wanted;
  state.files.push(...state.nodes.map((n) => n.dir));
  writeState(state);
  state.nodes.forEach((node) => mkdirSync(node.dir, { recursive: true }));

  // Started first (spawning is quick), so it boots while the namespaces are built; health is awaited later.
  const etcd = await startEtcdFor(state);
  await createNamespaces(state.namespaces);
  await buildUnderlay(state.underlayNetns, state.nodes);
  await mapLimit(state.nodes, 4, buildNode);
  for (const node of state.nodes) node.vtepMac = await readVtepMac(node);
  await mapLimit(state.nodes, 4, (node) =>
    programRemotes(
      node,
      state.nodes.filter((other) => other !== node).map((other) => ({ ...other, vtepMac: other.vtepMac ?? '' })),
    ),
  );
  writeState(state);
  log(`namespaces and devices ready (${state.namespaces.length} namespaces)`);

  await startBirds(state);
  log(`BIRD running on ${state.nodes.length} nodes`);

  await waitForEtcd(etcd.endpoint);
  for (const node of state.nodes) Object.assign(node, writeCniFiles(node, etcd.endpoint));
  etcd.leases = await seedEtcd(etcd.endpoint, [...flannelRecords(state), ...calicoRecords(state)]);
  writeState(state);
  log(`etcd ${etcd.endpoint} seeded with Flannel leases and Calico resources`);

  const sessions = await waitForSessions(state, allEstablished, SESSION_TIMEOUT_MS);
  if (!sessions.ok) {
    const bad = sessions.snapshot.flatMap((n) =>
      n.error ? [`${n.node}: ${n.error}`] : n.sessions.filter((s) => !s.info.startsWith('Established')).map((s) => `${n.node} ${s.name}: ${s.state} ${s.info}`),
    );
    throw new LabError('NOT_READY', 'BGP sessions did not reach Established', bad);
  }
  const missingRoutes = await waitForBirdRoutes(state, SESSION_TIMEOUT_MS);
  if (missingRoutes.length) throw new LabError('NOT_READY', 'BIRD did not install every pod block', missingRoutes);
  log(`BGP established, pod blocks installed with proto bird`);

  const pings = await pingMatrix(state);
  const failed = pings.filter((p) => !p.ok);
  if (failed.length) {
    throw new LabError('NOT_READY', 'pods cannot reach each other', failed.map((p) => `${p.kind} ${p.from} -> ${p.to} (${p.toIp})`));
  }
  log(`ping matrix: ${pings.length}/${pings.length} cross-node pod pings answered`);
}

/** Builds the lab from nothing; throws LabError('ALREADY_UP') when its state file exists. */
export async function labUp(options: LabOptions = {}): Promise<LabState> {
  const opts = resolveLabOptions(options);
  ensureSbinOnPath();
  const problems = labPreflight();
  if (problems.length) throw new LabError('PREFLIGHT', 'the lab cannot run here', problems);
  const existing = readState(stateFileOf(opts.stateDir));
  if (existing) {
    throw new LabError('ALREADY_UP', `the lab is already up in ${opts.stateDir} (${existing.nodes.length} nodes, since ${existing.createdAt})`);
  }
  if (opts.meshlens) {
    // Before any namespace exists: a taken port or a broken build leaves nothing to clean up.
    await assertPortsFree(opts.meshlens);
    if (opts.meshlens.build ?? true) buildProduct(opts.log);
  }
  const started = Date.now();
  const plan = planLab({ ...opts, stateDir: opts.stateDir });
  const state = emptyState(plan, opts.podsPerNode, UNDERLAY_CIDR);
  try {
    await build(state, opts.log);
    if (opts.meshlens) await startStack(state, opts.meshlens, opts.log);
  } catch (error) {
    if (!opts.keepOnFailure) await labDown({ stateDir: opts.stateDir });
    throw error;
  }
  state.ready = true;
  state.upSeconds = Math.round((Date.now() - started) / 100) / 10;
  writeState(state);
  return state;
}
