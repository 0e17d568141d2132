import type { Address, Link, Route } from '@meshlens/model';
import type { Citation, ClusterState, NodeState } from './cluster-state';
import { citeAddress, citeRoute } from './cite.util';
import { cidrContains, networkOf } from '../net/ip-address.util';

export const linkByName = (node: NodeState, ifname: string | undefined): Link | undefined =>
  ifname === undefined ? undefined : node.links.find((l) => l.ifname === ifname);

/** Host side of a pod's veth: a veth carrying no address of its own (eth0 of a lab node is a veth too, but addressed). */
export function isPodDevice(node: NodeState, link: Link): boolean {
  if (link.kind !== 'veth') return false;
  if (link.ifname.startsWith('cali') || link.ifname.startsWith('veth')) return true;
  return !node.addresses.some((a) => a.ifname === link.ifname && a.scope !== 'link');
}

const isTunnelKind = (kind: string): boolean => ['vxlan', 'ipip', 'tun', 'gre', 'wireguard'].includes(kind);

/** The node that owns `ip` as one of its own addresses, underlay addresses first. */
export function nodeOwningAddress(cluster: ClusterState, ip: string): { node: NodeState; address?: Address } | null {
  for (const node of cluster.nodes) if (node.identity.underlayAddresses.includes(ip)) {
    return { node, address: node.addresses.find((a) => a.local === ip) };
  }
  for (const node of cluster.nodes) {
    const address = node.addresses.find((a) => a.local === ip && !a.local.startsWith('127.') && a.local !== '::1');
    if (address) return { node, address };
  }
  return null;
}

export interface PodSubnet {
  cidr: string;
  /** "bridge": a cni0/docker0 connected prefix (Flannel); "block": a Calico blackhole block route. */
  source: 'bridge' | 'block';
  citation: Citation;
}

/** The pod address ranges a node serves: Flannel's cni0 prefix, Calico's blackhole /26 blocks. */
export function podSubnetsOf(node: NodeState): PodSubnet[] {
  const out: PodSubnet[] = [];
  const underlay = new Set(node.identity.underlayAddresses);
  for (const a of node.addresses) {
    const link = linkByName(node, a.ifname);
    if (!link || link.kind !== 'bridge' || underlay.has(a.local) || a.scope !== 'global') continue;
    const cidr = networkOf(`${a.local}/${a.prefixlen}`);
    if (cidr) out.push({ cidr, source: 'bridge', citation: citeAddress(node.name, a) });
  }
  for (const r of node.routes) {
    if (r.type === 'blackhole' && r.table === 'main' && r.protocol === 'bird') {
      out.push({ cidr: r.dst, source: 'block', citation: citeRoute(node.name, r) });
    }
  }
  return out;
}

export type Location =
  | { kind: 'node'; node: NodeState; citation?: Citation }
  | { kind: 'pod'; node: NodeState; dev: string; citation: Citation };

/**
 * Where an address lives: a node's own address, or a pod behind one of a node's devices (a Calico /32 route to a
 * cali device, or a prefix connected to a bridge such as cni0).
 */
export function locateAddress(cluster: ClusterState, ip: string): Location | null {
  const owner = nodeOwningAddress(cluster, ip);
  if (owner) return { kind: 'node', node: owner.node, citation: owner.address && citeAddress(owner.node.name, owner.address) };
  for (const node of cluster.nodes) {
    for (const r of node.routes) {
      if (r.table !== 'main' || r.gateway || !r.dev || r.scope !== 'link') continue;
      const link = linkByName(node, r.dev);
      if (!link || !cidrContains(r.dst, ip)) continue;
      if (isPodDevice(node, link) || link.kind === 'bridge') {
        return { kind: 'pod', node, dev: r.dev, citation: citeRoute(node.name, r) };
      }
    }
  }
  return null;
}

/** Devices that carry the node's underlay addresses (eth0 and the like). */
export function underlayDevices(node: NodeState): string[] {
  const underlay = new Set(node.identity.underlayAddresses);
  return [...new Set(node.addresses.filter((a) => underlay.has(a.local)).map((a) => a.ifname))];
}

export const isTunnel = (link: Link | undefined): boolean => !!link && isTunnelKind(link.kind);

export function routesOnDev(node: NodeState, dev: string): Route[] {
  return node.routes.filter((r) => r.dev === dev || r.nexthops?.some((h) => h.dev === dev));
}
