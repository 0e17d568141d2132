import type { Address, Link } from '@meshlens/model';
import type { ClusterState, NodeState } from './cluster-state';
import { RouteIndex } from '../path/route-index';
import { podSubnetsOf, type PodSubnet } from './node-facts.util';

export interface AddressOwner {
  node: NodeState;
  address?: Address;
}

/**
 * Lookup tables over one cluster snapshot, built on first use and kept for as long as the caller keeps the index:
 * a route index per node, links by name, and who owns an address. Answers as the scans in node-facts.util and
 * route-lookup do (first match in list order where they take the first), so checks give the same findings, in
 * O(1) or O(prefix lengths) per question instead of O(nodes) or O(routes). The snapshot must not change meanwhile.
 */
export class ClusterIndex {
  private readonly routeIndexes = new Map<NodeState, RouteIndex>();
  private readonly linkMaps = new Map<NodeState, Map<string, Link>>();
  private readonly podSubnetLists = new Map<NodeState, PodSubnet[]>();
  private owners?: Map<string, AddressOwner>;

  constructor(readonly cluster: ClusterState) {}

  routes(node: NodeState): RouteIndex {
    let index = this.routeIndexes.get(node);
    if (!index) this.routeIndexes.set(node, (index = new RouteIndex(node.routes)));
    return index;
  }

  /** podSubnetsOf, computed once per node (it scans every route). */
  podSubnets(node: NodeState): readonly PodSubnet[] {
    let subnets = this.podSubnetLists.get(node);
    if (!subnets) this.podSubnetLists.set(node, (subnets = podSubnetsOf(node)));
    return subnets;
  }

  /** linkByName: the first link of that name. */
  link(node: NodeState, ifname: string | undefined): Link | undefined {
    return ifname === undefined ? undefined : this.links(node).get(ifname);
  }

  /** A node's links by name, the first of each name. */
  links(node: NodeState): ReadonlyMap<string, Link> {
    let links = this.linkMaps.get(node);
    if (!links) this.linkMaps.set(node, (links = firstBy(node.links, (l) => l.ifname)));
    return links;
  }

  /** nodeOwningAddress: the first node listing `ip` as underlay, else the first holding it (loopback aside). */
  owner(ip: string): AddressOwner | null {
    return (this.owners ??= this.buildOwners()).get(ip) ?? null;
  }

  /** Underlay addresses of every node first, so no node's other addresses can shadow them. */
  private buildOwners(): Map<string, AddressOwner> {
    const owners = new Map<string, AddressOwner>();
    for (const node of this.cluster.nodes) {
      for (const ip of node.identity.underlayAddresses) {
        if (!owners.has(ip)) owners.set(ip, { node, address: node.addresses.find((a) => a.local === ip) });
      }
    }
    for (const node of this.cluster.nodes) {
      for (const address of node.addresses) {
        if (address.local.startsWith('127.') || address.local === '::1' || owners.has(address.local)) continue;
        owners.set(address.local, { node, address });
      }
    }
    return owners;
  }
}

function firstBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const row of rows) if (!out.has(key(row))) out.set(key(row), row);
  return out;
}
