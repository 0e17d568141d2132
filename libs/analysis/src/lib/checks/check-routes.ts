import type { Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { citeLink, citeRoute } from '../cluster/cite.util';
import { linkByName, podSubnetsOf } from '../cluster/node-facts.util';
import { cidrsOverlap, formatIp, parseCidr } from '../net/ip-address.util';
import { lookupRoute, onLinkRouteFor } from '../path/route-lookup';

/** An address inside a prefix to look routes up with: the first host (Calico uses .0 too, but .1 is always in). */
function probeAddress(cidr: string): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  return formatIp({ ...c, value: c.value + (c.prefixlen < c.bits ? 1n : 0n) });
}

/** Every node must route every other node's pod subnet somewhere better than its default route. */
export function checkPodSubnetRoutes(cluster: ClusterState): Finding[] {
  const findings: Finding[] = [];
  for (const owner of cluster.nodes) {
    for (const subnet of podSubnetsOf(owner)) {
      const probe = probeAddress(subnet.cidr);
      if (!probe) continue;
      for (const node of cluster.nodes) {
        if (node === owner) continue;
        const route = lookupRoute(node.routes, probe);
        const subject = `${node.name}->${owner.name}:${subnet.cidr}`;
        if (!route || route.dst.endsWith('/0')) {
          findings.push({
            code: 'route-to-pod-subnet-missing',
            severity: 'critical',
            node: node.name,
            subject,
            message: `${node.name} has no route to ${owner.name}'s pod subnet ${subnet.cidr}${route ? ' (only its default route)' : ''}`,
            evidence: [subnet.citation, ...(route ? [citeRoute(node.name, route)] : [])],
          });
        } else if (route.type !== 'unicast') {
          findings.push({
            code: 'route-to-pod-subnet-blackholed',
            severity: 'critical',
            node: node.name,
            subject,
            message: `${node.name} drops traffic to ${owner.name}'s pod subnet ${subnet.cidr}: ${route.type} ${route.dst}`,
            evidence: [subnet.citation, citeRoute(node.name, route)],
          });
        }
      }
    }
  }
  return findings;
}

/** host-gw and BGP-without-encapsulation next hops must be on a connected subnet (same L2) unless flagged onlink. */
export function checkNextHopsOnLink(cluster: ClusterState): Finding[] {
  const findings: Finding[] = [];
  for (const node of cluster.nodes) {
    for (const r of node.routes) {
      if (!r.gateway || !r.dev || r.flags.includes('onlink') || r.type !== 'unicast') continue;
      const link = linkByName(node, r.dev);
      if (!link || ['vxlan', 'ipip', 'tun'].includes(link.kind)) continue;
      if (onLinkRouteFor(node.routes, r.dev, r.gateway)) continue;
      findings.push({
        code: 'host-gw-next-hop-not-onlink',
        severity: 'critical',
        node: node.name,
        subject: `${node.name}:${r.table}:${r.dst}`,
        message: `${node.name} routes ${r.dst} via ${r.gateway} on ${r.dev}, but no connected route on ${r.dev} covers ${r.gateway}`,
        evidence: [citeRoute(node.name, r), citeLink(node.name, link)],
      });
    }
  }
  return findings;
}

/** No two nodes may serve overlapping pod ranges. */
export function checkPodCidrOverlap(cluster: ClusterState): Finding[] {
  const all = cluster.nodes.flatMap((n) => podSubnetsOf(n).map((s) => ({ node: n.name, ...s })));
  const findings: Finding[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [x, y] = [all[i], all[j]];
      if (x.node === y.node || !cidrsOverlap(x.cidr, y.cidr)) continue;
      findings.push({
        code: 'pod-cidr-overlap',
        severity: 'critical',
        node: x.node,
        subject: [`${x.node}:${x.cidr}`, `${y.node}:${y.cidr}`].sort().join('~'),
        message: `pod subnet ${x.cidr} of ${x.node} overlaps ${y.cidr} of ${y.node}`,
        evidence: [x.citation, y.citation],
      });
    }
  }
  return findings;
}

