import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LabNodePlan, LabPlan } from './lab-plan';
import type { LabStack } from './meshlens-stack';

export interface LabProcess {
  kind: 'bird' | 'etcd' | 'api' | 'web' | 'agent';
  node?: string;
  pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22): tells our process from a reused PID. */
  startTicks: number;
  /** stdout and stderr of the API, the dashboard and the agents. */
  logFile?: string;
}

export interface LabEtcd {
  endpoint: string;
  clientPort: number;
  peerPort: number;
  dataDir: string;
  logFile: string;
  pid?: number;
  /** etcd lease IDs are 64-bit: kept as decimal strings, never as JS numbers. */
  leases: Record<string, string>;
}

export interface LabNode extends LabNodePlan {
  /** MAC of flannel.1 as the kernel chose it (flanneld also lets the kernel pick). */
  vtepMac?: string;
  birdPid?: number;
  bgpProtocols: string[];
  /** Folder holding 10-calico.conflist and 10-flannel.conflist (the node's /etc/cni/net.d). */
  cniDir?: string;
  /** The node's /run/flannel/subnet.env. */
  flannelSubnetEnv?: string;
}

export interface LabState {
  version: 1;
  prefix: string;
  stateDir: string;
  stateFile: string;
  createdAt: string;
  ready: boolean;
  upSeconds?: number;
  routeReflector: boolean;
  podsPerNode: number;
  underlayNetns: string;
  underlayCidr: string;
  nodes: LabNode[];
  etcd?: LabEtcd;
  /** The API, dashboard and agents, when `up` started them. */
  stack?: LabStack;
  /** Everything `down` removes: only what `up` made. */
  namespaces: string[];
  processes: LabProcess[];
  files: string[];
}

export function emptyState(plan: LabPlan, podsPerNode: number, underlayCidr: string): LabState {
  return {
    version: 1,
    prefix: plan.prefix,
    stateDir: plan.stateDir,
    stateFile: plan.stateFile,
    createdAt: new Date().toISOString(),
    ready: false,
    routeReflector: plan.routeReflector,
    podsPerNode,
    underlayNetns: plan.underlayNetns,
    underlayCidr,
    nodes: plan.nodes.map((node) => ({ ...node, bgpProtocols: [] })),
    namespaces: [],
    processes: [],
    files: [],
  };
}

export function readState(stateFile: string): LabState | null {
  if (!existsSync(stateFile)) return null;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as LabState;
}

/** Written before each resource is made, so an interrupted `up` still leaves `down` a complete list. */
export function writeState(state: LabState): void {
  mkdirSync(dirname(state.stateFile), { recursive: true });
  const tmp = `${state.stateFile}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, state.stateFile);
}

export function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie is already dead; only its parent's wait() is missing.
    if (rest[0] === 'Z' || rest[0] === 'X') return null;
    return Number(rest[19]);
  } catch {
    return null;
  }
}

export function isOurProcess(proc: LabProcess): boolean {
  return processStartTicks(proc.pid) === proc.startTicks;
}
