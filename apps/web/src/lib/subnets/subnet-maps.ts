import type { IpamBlocksResponse, IpPoolsResponse, SubnetsResponse, Topology } from '@meshlens/model';
import {
  buildAddressMap,
  containsCidr,
  coveringNetwork,
  parseCidr4,
  type AddressMap,
  type Allocation,
} from './address-space';

export interface SubnetMapSpec {
  id: string;
  title: string;
  /** Where the drawing comes from, said under the title. */
  subtitle: string;
  map: AddressMap;
}

/** Only node names and pod subnets are read: the topology outline will do. */
type NodesOf = { nodes: readonly Pick<Topology['nodes'][number], 'name' | 'podSubnets'>[] };

const podSubnetAllocations = (topology: NodesOf | undefined): Allocation[] =>
  topology?.nodes.flatMap((n) =>
    n.podSubnets.map((cidr) => ({ cidr, node: n.name, source: 'pod subnet (reported)' })),
  ) ?? [];

const within = (network: string) => (a: Allocation) => {
  const outer = parseCidr4(network);
  const inner = parseCidr4(a.cidr);
  return !!outer && !!inner && containsCidr(outer, inner);
};

/**
 * Every address space worth drawing: Flannel networks (leases plus what nodes report), Calico pools (IPAM blocks),
 * and, when etcd is not watched, the /16s the nodes' pod subnets fall in.
 */
export const buildSubnetMaps = (
  subnets: SubnetsResponse | undefined,
  pools: IpPoolsResponse | undefined,
  blocks: IpamBlocksResponse | undefined,
  topology: NodesOf | undefined,
): SubnetMapSpec[] => {
  const specs: SubnetMapSpec[] = [];
  const reported = podSubnetAllocations(topology);
  for (const network of subnets?.networks ?? []) {
    const cidr = network.config?.network;
    if (!cidr || !network.config) continue;
    const leases: Allocation[] = network.leases.map((l) => ({
      cidr: l.subnet,
      node: l.node ?? l.publicIp,
      source: `lease ${l.key}`,
    }));
    const map = buildAddressMap(cidr, network.config.subnetLen, [...leases, ...reported.filter(within(cidr))]);
    if (map) {
      specs.push({
        id: `flannel-${network.prefix}`,
        title: `Flannel ${cidr}`,
        subtitle: `${network.config.backend.type} · /${network.config.subnetLen} leases · etcd ${network.prefix}`,
        map,
      });
    }
  }
  for (const pool of pools?.pools ?? []) {
    const inPool: Allocation[] = (blocks?.blocks ?? []).map((b) => ({
      cidr: b.cidr,
      node: b.node,
      utilisation: b.size ? b.allocated / b.size : undefined,
      source: `IPAM block (${b.allocated}/${b.size} allocated${b.borrowed ? `, ${b.borrowed} borrowed` : ''})`,
    }));
    const map = buildAddressMap(pool.cidr, pool.blockSize, [
      ...inPool.filter(within(pool.cidr)),
      ...reported.filter(within(pool.cidr)),
    ]);
    if (map) {
      specs.push({
        id: `calico-${pool.name}`,
        title: `Calico pool ${pool.name} ${pool.cidr}`,
        subtitle: `/${pool.blockSize} blocks · ipip ${pool.ipipMode} · vxlan ${pool.vxlanMode}${pool.disabled ? ' · disabled' : ''} · ${Math.round(pool.usage.utilisation * 100)}% allocated`,
        map,
      });
    }
  }
  const drawn = specs.map((s) => parseCidr4(s.map.network)).filter((c) => c !== undefined);
  const leftover = reported.filter((a) => {
    const c = parseCidr4(a.cidr);
    return c && !drawn.some((d) => containsCidr(d, c));
  });
  const byNetwork = new Map<string, Allocation[]>();
  for (const a of leftover) {
    const network = coveringNetwork(a.cidr);
    if (network) byNetwork.set(network, [...(byNetwork.get(network) ?? []), a]);
  }
  for (const [network, allocations] of byNetwork) {
    const cell = Math.max(...allocations.map((a) => parseCidr4(a.cidr)?.prefix ?? 24));
    const map = buildAddressMap(network, cell, allocations);
    if (map) {
      specs.push({
        id: `reported-${network}`,
        title: `Pod subnets in ${network}`,
        subtitle: 'as the nodes report them (routes and addresses); no datastore network covers them',
        map,
      });
    }
  }
  return specs;
};
