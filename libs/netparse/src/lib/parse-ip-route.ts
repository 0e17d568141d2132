import {
  routeSchema,
  type Family,
  type NextHop,
  type Route,
} from '@meshlens/model';
import {
  asRecord,
  familyOf,
  int,
  ip,
  nameOrNumber,
  nonEmptyStr,
  str,
  strArray,
  setDefined,
  type JsonRecord,
} from './json-fields.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';
import { isRouteRow } from './row-guards/is-route-row.guard';

/** A gateway is `gateway`, or `via: {family, host}` when it is of the other family (RFC 5549 IPv4 via IPv6). */
const gatewayOf = (r: JsonRecord): string | undefined =>
  ip(r['gateway']) ?? ip(asRecord(r['via'])?.['host']);

const nextHops = (v: unknown): NextHop[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  return v.map((h) => {
    const r = asRecord(h) ?? {};
    const weight = int(r['weight']);
    const hop: NextHop = { flags: strArray(r['flags']) };
    setDefined(hop, 'gateway', gatewayOf(r));
    setDefined(hop, 'dev', nonEmptyStr(r['dev']));
    if (weight !== undefined && weight > 0) hop.weight = weight;
    return hop;
  });
};

/**
 * iproute2 prints no family for routes: take it from the destination, else from a gateway or source, else from
 * `pref` (printed for IPv6 routes only). `default`, `unreachable default` and friends need one of the latter.
 */
const inferFamily = (
  r: JsonRecord,
  dst: string,
  hops: NextHop[] | undefined,
): Family | undefined => {
  const fromDst = familyOf(dst.split('/')[0]);
  if (fromDst) return fromDst;
  const gw =
    ip(r['gateway']) ??
    ip(r['prefsrc']) ??
    hops?.find((h) => h.gateway)?.gateway;
  if (gw) return familyOf(gw);
  if (r['pref'] !== undefined) return 'inet6';
  const numeric = int(r['family']);
  if (numeric === 2) return 'inet';
  if (numeric === 10) return 'inet6';
  return undefined;
};

/** `default` -> 0.0.0.0/0 or ::/0; a host route without a prefix length gets /32 or /128. */
const canonicalDst = (dst: string, family: Family): string => {
  if (dst === 'default') return family === 'inet' ? '0.0.0.0/0' : '::/0';
  const lower = dst.toLowerCase();
  return lower.includes('/')
    ? lower
    : `${lower}/${family === 'inet' ? 32 : 128}`;
};

/** `tos` is printed as a hex string ("0x10"), a number, or a name from rt_dsfield; names cannot be mapped. */
const tosOf = (v: unknown): number | undefined => {
  if (v === undefined) return 0;
  if (int(v) !== undefined) return int(v);
  const s = str(v);
  if (s && /^(0x[0-9a-f]+|\d+)$/i.test(s)) return Number(s);
  return undefined;
};

/** `metrics` is an array holding one object (`[{"mtu":1400}]`); tolerate a bare object too. */
const mtuOf = (v: unknown): number | undefined => {
  const m = Array.isArray(v) ? asRecord(v[0]) : asRecord(v);
  const mtu = int(m?.['mtu']);
  return mtu !== undefined && mtu > 0 ? mtu : undefined;
};

const mapRoute = (row: unknown): Route | { skip: string } => {
  const r = asRecord(row);
  if (!r) return { skip: 'not an object' };
  const rawDst = nonEmptyStr(r['dst']);
  if (!rawDst) return { skip: 'no dst' };
  const hops = nextHops(r['nexthops']);
  const family = inferFamily(r, rawDst, hops);
  if (!family) return { skip: `${rawDst}: cannot tell the address family` };
  const tos = tosOf(r['tos']);
  if (tos === undefined)
    return {
      skip: `${rawDst}: tos ${String(r['tos'])} is a name, not a number`,
    };
  const metric = int(r['metric']);
  const route: Route = {
    // iproute2 omits every key that holds the kernel's default; fill them in so a missing key never means unknown.
    table: nameOrNumber(r['table']) ?? 'main',
    family,
    type: nonEmptyStr(r['type']) ?? 'unicast',
    dst: canonicalDst(rawDst, family),
    protocol: nameOrNumber(r['protocol']) ?? 'boot',
    scope: nameOrNumber(r['scope']) ?? 'global',
    metric: metric !== undefined && metric >= 0 ? metric : 0,
    tos,
    flags: strArray(r['flags']),
  };
  setDefined(route, 'gateway', gatewayOf(r));
  setDefined(route, 'dev', nonEmptyStr(r['dev']));
  setDefined(route, 'prefsrc', ip(r['prefsrc']));
  setDefined(route, 'nexthops', hops);
  setDefined(route, 'mtu', mtuOf(r['metrics']));
  return route;
};

/**
 * `ip -j route show table all` and `ip -j -6 route show table all`. iproute2 6.1 lists both families for
 * `table all` without -4/-6, so the first dump alone already holds the IPv6 routes too.
 */
export const parseIpRoute = (text: string): ParseResult<Route[]> =>
  parseJsonRows('ip-route', text, { schema: routeSchema, guard: isRouteRow }, mapRoute);
