import type { Link, Route } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { ClusterIndex } from '../cluster/cluster-index';
import { ManyAddressLookup } from '../path/lookup-many';
import { citeLink, citeRoute } from '../cluster/cite.util';
import type { PodSubnet } from '../cluster/node-facts.util';
import { parseCidr, type ParsedCidr, type ParsedIp } from '../net/ip-address.util';
import { FindingCollector, type FindingDetail, type FindingKind, type FindingSlot } from './finding-collector';

const ROUTE_MISSING: FindingKind = { code: 'route-to-pod-subnet-missing', severity: 'critical' };
const ROUTE_BLACKHOLED: FindingKind = { code: 'route-to-pod-subnet-blackholed', severity: 'critical' };
const NEXT_HOP_NOT_ONLINK: FindingKind = { code: 'host-gw-next-hop-not-onlink', severity: 'critical' };
const POD_CIDR_OVERLAP: FindingKind = { code: 'pod-cidr-overlap', severity: 'critical' };

/** An address inside a prefix to look routes up with: the first host (Calico uses .0 too, but .1 is always in). */
function probeAddress(cidr: string): ParsedIp | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  // Wraps like formatting the address as text would (255.255.255.255/24 probes 0.0.0.0).
  const value = (c.value + (c.prefixlen < c.bits ? 1n : 0n)) & ((1n << BigInt(c.bits)) - 1n);
  return { family: c.family, bits: c.bits, value };
}

/** Every node must route every other node's pod subnet somewhere better than its default route. */
export function checkPodSubnetRoutes(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const probes = cluster.nodes.flatMap((owner) =>
    index.podSubnets(owner).flatMap((subnet) => {
      const ip = probeAddress(subnet.cidr);
      return ip ? [{ owner, subnet, ip }] : [];
    }),
  );
  // Node by node: each node's routes are read once for all probes (probe by probe, every lookup fetched another
  // node's routes from memory: most of the time at 1000 nodes); findings are put back in probe order. A node's
  // findings are offered in probe order too, so the cap keeps the ones listed first.
  const lookups = new ManyAddressLookup(probes.map((p) => p.ip));
  const found: Array<{ probe: number; node: number; slot: FindingSlot }> = [];
  cluster.nodes.forEach((node, n) => {
    const routes = lookups.lookupAll(node.routes);
    probes.forEach(({ owner, subnet }, p) => {
      if (node === owner) return;
      const route = routes[p];
      if (route && route.type === 'unicast' && !route.dst.endsWith('/0')) return;
      const slot = offerPodSubnetRoute(collector, node.name, owner.name, subnet, route);
      if (slot) found.push({ probe: p, node: n, slot });
    });
  });
  return found.sort((a, b) => a.probe - b.probe || a.node - b.node).map((f) => f.slot);
}

// Offered from a function of its own: closures over the probe inside the loop make V8 allocate a context for every
// probe of every node (a million at 1000 nodes), finding or not.
function offerPodSubnetRoute(collector: FindingCollector, node: string, owner: string, subnet: PodSubnet, route: Route | null) {
  const missing = !route || route.dst.endsWith('/0');
  return collector.offer(
    missing ? ROUTE_MISSING : ROUTE_BLACKHOLED,
    node,
    () => `${owner} ${subnet.cidr}`,
    () => podSubnetRouteDetail(node, owner, subnet, route),
  );
}

function podSubnetRouteDetail(node: string, owner: string, subnet: PodSubnet, route: Route | null): FindingDetail {
  const subject = `${node}->${owner}:${subnet.cidr}`;
  if (!route || route.dst.endsWith('/0')) {
    return {
      subject,
      message: `${node} has no route to ${owner}'s pod subnet ${subnet.cidr}${route ? ' (only its default route)' : ''}`,
      evidence: [subnet.citation, ...(route ? [citeRoute(node, route)] : [])],
    };
  }
  return {
    subject,
    message: `${node} drops traffic to ${owner}'s pod subnet ${subnet.cidr}: ${route.type} ${route.dst}`,
    evidence: [subnet.citation, citeRoute(node, route)],
  };
}

/** host-gw and BGP-without-encapsulation next hops must be on a connected subnet (same L2) unless flagged onlink. */
export function checkNextHopsOnLink(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const findings: FindingSlot[] = [];
  for (const node of cluster.nodes) {
    for (const r of node.routes) {
      if (!r.gateway || !r.dev || r.flags.includes('onlink') || r.type !== 'unicast') continue;
      const link = index.link(node, r.dev);
      if (!link || ['vxlan', 'ipip', 'tun'].includes(link.kind)) continue;
      if (index.routes(node).onLinkRoute(r.dev, r.gateway)) continue;
      const slot = offerNextHopNotOnLink(collector, node.name, r, link);
      if (slot) findings.push(slot);
    }
  }
  return findings;
}

const offerNextHopNotOnLink = (collector: FindingCollector, node: string, r: Route, link: Link) =>
  collector.offer(NEXT_HOP_NOT_ONLINK, node, () => `${r.dst} via ${r.gateway}`, () => ({
    subject: `${node}:${r.table}:${r.dst}`,
    message: `${node} routes ${r.dst} via ${r.gateway} on ${r.dev}, but no connected route on ${r.dev} covers ${r.gateway}`,
    evidence: [citeRoute(node, r), citeLink(node, link)],
  }));

/** No two nodes may serve overlapping pod ranges. */
export function checkPodCidrOverlap(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const all = cluster.nodes.flatMap((n) => index.podSubnets(n).map((s) => ({ node: n.name, ...s })));
  const findings: FindingSlot[] = [];
  for (const [i, j] of overlappingPairs(all.map((s) => parseCidr(s.cidr)))) {
    const [x, y] = [all[i], all[j]];
    if (x.node === y.node) continue;
    const slot = collector.offer(
      POD_CIDR_OVERLAP,
      x.node,
      () => `${x.cidr} with ${y.node} ${y.cidr}`,
      () => ({
        subject: [`${x.node}:${x.cidr}`, `${y.node}:${y.cidr}`].sort().join('~'),
        message: `pod subnet ${x.cidr} of ${x.node} overlaps ${y.cidr} of ${y.node}`,
        evidence: [x.citation, y.citation],
      }),
    );
    if (slot) findings.push(slot);
  }
  return findings;
}

/**
 * Index pairs [i, j], i < j, of prefixes that share an address, in the order a nested loop over i then j yields
 * them. Sorted by first address, a prefix can only overlap those that start before it ends, so the sweep does work
 * in proportion to the pairs found rather than to all pairs.
 */
function overlappingPairs(cidrs: ReadonlyArray<ParsedCidr | null>): Array<[number, number]> {
  const ranges = cidrs.flatMap((c, i) => {
    if (!c) return [];
    const hostBits = BigInt(c.bits - c.prefixlen);
    const first = (c.value >> hostBits) << hostBits;
    return [{ i, family: c.family, first, last: first + (1n << hostBits) - 1n }];
  });
  ranges.sort((a, b) => (a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < ranges.length; a++) {
    for (let b = a + 1; b < ranges.length && ranges[b].family === ranges[a].family && ranges[b].first <= ranges[a].last; b++) {
      const [i, j] = [ranges[a].i, ranges[b].i];
      pairs.push(i < j ? [i, j] : [j, i]);
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
