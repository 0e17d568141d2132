import type { Route } from '@meshlens/model';
import { parseCidr, parseIp, type ParsedIp } from '../net/ip-address.util';
import { PrefixMap } from '../net/prefix-map';
import { DEFAULT_RULE_TABLES } from './route-lookup';

/** Same prefix: the lower metric wins; on equal metrics the route listed first stays, as in lookupRoute's scan. */
const lowerMetric = (existing: Route, candidate: Route): boolean => candidate.metric < existing.metric;
/** Same prefix among connected routes: the first listed stays, as in onLinkRouteFor's scan. */
const neverReplace = (): boolean => false;

/**
 * One node's routes indexed for lookups: a longest-prefix-match map per table and, for on-link checks, per device.
 * Gives the same answers as lookupRoute and onLinkRouteFor (which scan every route per lookup), for a snapshot that
 * does not change while the index is in use.
 */
export class RouteIndex {
  private readonly tables = new Map<string, PrefixMap<Route>>();
  private readonly connected = new Map<string, PrefixMap<Route>>();

  constructor(routes: readonly Route[]) {
    // Each prefix is parsed here once per snapshot; the lookups then work on numbers.
    for (const route of routes) {
      const cidr = parseCidr(route.dst);
      if (!cidr) continue;
      // Multicast and anycast entries of the local table do not carry unicast traffic to other hosts.
      if (route.family === cidr.family && route.type !== 'multicast' && route.type !== 'anycast') {
        this.mapOf(this.tables, route.table).add(cidr, route, lowerMetric);
      }
      if (route.dev && !route.gateway && route.type === 'unicast' && route.table === 'main' && cidr.prefixlen > 0) {
        this.mapOf(this.connected, route.dev).add(cidr, route, neverReplace);
      }
    }
  }

  /** lookupRoute's answer: the first table (in rule order) with a matching route, its longest, lowest-metric one. */
  lookup(dst: string | ParsedIp, tables: readonly string[] = DEFAULT_RULE_TABLES): Route | null {
    const ip = typeof dst === 'string' ? parseIp(dst) : dst;
    if (!ip) return null;
    for (const table of tables) {
      const hit = this.tables.get(table)?.longest(ip);
      if (hit) return hit;
    }
    return null;
  }

  /** onLinkRouteFor's answer: the longest connected main-table route on `dev` covering `gateway`. */
  onLinkRoute(dev: string, gateway: string | ParsedIp): Route | null {
    const ip = typeof gateway === 'string' ? parseIp(gateway) : gateway;
    if (!ip) return null;
    return this.connected.get(dev)?.longest(ip) ?? null;
  }

  private mapOf(maps: Map<string, PrefixMap<Route>>, key: string): PrefixMap<Route> {
    let map = maps.get(key);
    if (!map) maps.set(key, (map = new PrefixMap()));
    return map;
  }
}
