import { execFileSync, spawnSync } from 'node:child_process';

/** Why the namespace benches cannot run here (empty when they can): they need root and `ip netns`. */
export function netnsPreflight(): string[] {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return ['needs root to create network namespaces'];
  const ip = spawnSync('ip', ['-V'], { encoding: 'utf8' });
  if (ip.status !== 0) return ['iproute2 `ip` is not installed'];
  return [];
}

const ipBatch = (netns: string, lines: string[]): void => {
  // One `ip -batch` process per table: 10k single `ip` calls would take a minute; the batch takes well under a second.
  execFileSync('ip', ['-n', netns, '-force', '-batch', '-'], { input: `${lines.join('\n')}\n`, stdio: ['pipe', 'ignore', 'pipe'] });
};

const hex2 = (n: number) => (n & 0xff).toString(16).padStart(2, '0');

export interface NamespaceSize {
  routes: number;
  neighbors: number;
}

/**
 * A node-like namespace: a veth pair (neighbours need an ARP-capable device; a dummy is NOARP), an underlay address,
 * a default route, `routes` /24 routes via an on-link gateway (proto bird, like Calico's) and `neighbors` permanent
 * ARP entries. Nothing leaves the namespace: its only devices are the veth pair inside it.
 */
export function createBenchNamespace(netns: string, size: NamespaceSize): void {
  if (size.routes > 60_000 || size.neighbors > 60_000) throw new Error('bench namespaces stay below 60k rows per table');
  deleteBenchNamespace(netns);
  execFileSync('ip', ['netns', 'add', netns]);
  ipBatch(netns, [
    'link set lo up',
    'link add bn-eth0 type veth peer name bn-peer0',
    'link set bn-eth0 up',
    'link set bn-peer0 up',
    'addr add 10.0.0.1/16 dev bn-eth0',
    'route add default via 10.0.0.254 dev bn-eth0',
  ]);
  const routes: string[] = [];
  for (let i = 0; i < size.routes; i++) {
    routes.push(`route add 10.${100 + (i >> 8)}.${i & 0xff}.0/24 via 10.0.0.2 dev bn-eth0 proto bird`);
  }
  if (routes.length) ipBatch(netns, routes);
  const neighbors: string[] = [];
  for (let i = 0; i < size.neighbors; i++) {
    const host = i + 2;
    neighbors.push(`neigh add 10.0.${host >> 8}.${host & 0xff} lladdr 02:00:00:${hex2(i >> 16)}:${hex2(i >> 8)}:${hex2(i)} dev bn-eth0 nud permanent`);
  }
  if (neighbors.length) ipBatch(netns, neighbors);
}

/** Removes the namespace (and with it every device, route and neighbour in it); quiet when it does not exist. */
export function deleteBenchNamespace(netns: string): void {
  spawnSync('ip', ['netns', 'delete', netns], { stdio: 'ignore' });
}

/** Row counts as the kernel lists them, to check the build worked before timing anything. */
export function countRows(netns: string): NamespaceSize {
  const rows = (args: string[]) => (JSON.parse(execFileSync('ip', ['-n', netns, '-j', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })) as unknown[]).length;
  return { routes: rows(['-4', 'route', 'show', 'table', 'all']), neighbors: rows(['neigh', 'show']) };
}
