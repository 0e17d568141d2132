import { resolve } from 'node:path';
import { MAX_NODES } from './lab-plan';
import type { MeshlensOptions } from './meshlens-stack';

export interface LabOptions {
  /** Number of nodes, 1..50 (default 3). */
  nodes?: number;
  /** Node 1 becomes a route reflector and the others peer only with it (default: full mesh). */
  routeReflector?: boolean;
  /** Pods per node and per range (default 2). */
  podsPerNode?: number;
  /** Folder for the state file, BIRD configs/sockets and etcd data (default <repo>/.data/lab or $MESHLENS_LAB_DIR). */
  stateDir?: string;
  /** Prefix of every namespace the lab creates (default "mlab" or $MESHLENS_LAB_PREFIX). */
  prefix?: string;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
  /** Keep what was built when `up` fails, for debugging (default false: a failed up cleans up after itself). */
  keepOnFailure?: boolean;
  /** Also build and start the API, the dashboard and one agent per node (default: off; the CLI turns it on). */
  meshlens?: MeshlensOptions;
}

export type ResolvedLabOptions = Required<Omit<LabOptions, 'log' | 'meshlens'>> & {
  log: (line: string) => void;
  meshlens?: MeshlensOptions;
};

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export function resolveLabOptions(options: LabOptions = {}): ResolvedLabOptions {
  const nodes = options.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
    throw new Error(`--nodes must be an integer from 1 to ${MAX_NODES}, got ${nodes}`);
  }
  const podsPerNode = options.podsPerNode ?? 2;
  if (!Number.isInteger(podsPerNode) || podsPerNode < 1 || podsPerNode > 20) {
    throw new Error(`--pods must be an integer from 1 to 20, got ${podsPerNode}`);
  }
  const prefix = options.prefix ?? process.env.MESHLENS_LAB_PREFIX ?? 'mlab';
  if (!/^[a-z][a-z0-9]{0,11}$/.test(prefix)) throw new Error(`prefix must match [a-z][a-z0-9]{0,11}, got "${prefix}"`);
  return {
    nodes,
    podsPerNode,
    prefix,
    routeReflector: options.routeReflector ?? false,
    stateDir: resolve(options.stateDir ?? process.env.MESHLENS_LAB_DIR ?? resolve(REPO_ROOT, '.data', 'lab')),
    keepOnFailure: options.keepOnFailure ?? false,
    log: options.log ?? (() => undefined),
    meshlens: options.meshlens,
  };
}

export function stateFileOf(stateDir: string): string {
  return resolve(stateDir, 'lab-state.json');
}
