import type { Route } from '@meshlens/model';
import { cidrContains, parseCidr, parseIp } from '../net/ip-address.util';

/**
 * Linux with no policy rules of its own consults table local, then main, then default (rules 0, 32766, 32767).
 * Within a table the longest prefix wins, then the lowest metric (IPv4 "priority", IPv6 "metric").
 */
export const DEFAULT_RULE_TABLES = ['local', 'main', 'default'] as const;

/**
 * Scans every route: the reference for RouteIndex, which answers the same question without the scan. Prefer a
 * RouteIndex when looking up many addresses in one snapshot.
 */
export function lookupRoute(routes: readonly Route[], dst: string, tables: readonly string[] = DEFAULT_RULE_TABLES): Route | null {
  const ip = parseIp(dst);
  if (!ip) return null;
  for (const table of tables) {
    let best: { route: Route; prefixlen: number } | null = null;
    for (const route of routes) {
      if (route.table !== table || route.family !== ip.family) continue;
      // Multicast and broadcast entries of the local table do not carry unicast traffic to other hosts.
      if (route.type === 'multicast' || route.type === 'anycast') continue;
      const cidr = parseCidr(route.dst);
      if (!cidr || !cidrContains(cidr, ip)) continue;
      if (
        !best ||
        cidr.prefixlen > best.prefixlen ||
        (cidr.prefixlen === best.prefixlen && route.metric < best.route.metric)
      ) {
        best = { route, prefixlen: cidr.prefixlen };
      }
    }
    if (best) return best.route;
  }
  return null;
}

/** The connected (scope link, no gateway) route on `dev` that makes `gateway` on-link, if any. */
export function onLinkRouteFor(routes: readonly Route[], dev: string, gateway: string): Route | null {
  const ip = parseIp(gateway);
  if (!ip) return null;
  let best: { route: Route; prefixlen: number } | null = null;
  for (const route of routes) {
    if (route.dev !== dev || route.gateway || route.type !== 'unicast' || route.table !== 'main') continue;
    const cidr = parseCidr(route.dst);
    if (!cidr || cidr.prefixlen === 0 || !cidrContains(cidr, ip)) continue;
    if (!best || cidr.prefixlen > best.prefixlen) best = { route, prefixlen: cidr.prefixlen };
  }
  return best?.route ?? null;
}
