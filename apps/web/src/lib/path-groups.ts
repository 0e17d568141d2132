import type { PathHop, Topology } from '@meshlens/model';

export interface HopGroup {
  node: string;
  hops: PathHop[];
}

/** Consecutive hops on the same node form one block of the timeline (a packet can come back to a node). */
export const groupHopsByNode = (hops: readonly PathHop[]): HopGroup[] => {
  const groups: HopGroup[] = [];
  for (const hop of hops) {
    const last = groups[groups.length - 1];
    if (last && last.node === hop.node) last.hops.push(hop);
    else groups.push({ node: hop.node, hops: [hop] });
  }
  return groups;
};

export interface PodAddress {
  ip: string;
  node: string;
  dev: string;
}

/** Pod addresses the topology knows (IPv4 first), for the inputs' suggestions. */
export const podAddresses = (topology: Topology): PodAddress[] =>
  topology.nodes
    .flatMap((n) =>
      n.endpoints.flatMap((e) => e.ips.map((ip) => ({ ip: ip.replace(/\/\d+$/, ''), node: n.name, dev: e.dev }))),
    )
    .sort(
      (a, b) =>
        Number(a.ip.includes(':')) - Number(b.ip.includes(':')) || a.ip.localeCompare(b.ip, 'en', { numeric: true }),
    );
