import type { Route } from '@meshlens/model';
import { formatIp, parseCidr, parseIp } from '../net/ip-address.util';
import { RouteIndex } from './route-index';
import { DEFAULT_RULE_TABLES, lookupRoute, onLinkRouteFor } from './route-lookup';

/** mulberry32: a tiny seeded PRNG, so every run feeds the same inputs and a failure can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, max: number) => Math.floor(rng() * (max + 1));

/**
 * Few distinct networks, lengths, tables and metrics, so generated tables are full of what decides a lookup: nested
 * and equal prefixes, equal metrics (the first listed route must win), the same prefix in several tables, routes of
 * types a lookup skips, a family that disagrees with the prefix, host bits set, and a few unparseable prefixes.
 */
const FAMILIES = {
  inet: { bits: 32, bases: ['10.244.0.0', '10.244.1.0', '10.0.0.0', '192.168.250.0', '0.0.0.0', '127.0.0.0'], lengths: [0, 8, 16, 23, 24, 25, 26, 31, 32] },
  inet6: { bits: 128, bases: ['fd00::', 'fd00:0:0:1::', 'fe80::', '::', '2001:db8::'], lengths: [0, 8, 48, 56, 64, 65, 127, 128] },
} as const;
type Family = keyof typeof FAMILIES;
const TABLES = ['local', 'main', 'default', '100', '253'];
const TYPES = ['unicast', 'unicast', 'unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'multicast', 'anycast', 'prohibit'];
const METRICS = [0, 0, 100, 256, 1024];
const DEVS = ['eth0', 'eth1', 'cni0'];

/** An address near `base`: the base itself, or with some low and some middle bits changed. */
function nearAddress(rng: Rng, family: Family): string {
  const { bits, bases } = FAMILIES[family];
  let value = parseIp(pick(rng, bases))?.value ?? 0n;
  const flips = int(rng, 3);
  for (let i = 0; i < flips; i++) value ^= 1n << BigInt(int(rng, bits > 32 ? 72 : 20));
  return formatIp({ family, bits, value: value & ((1n << BigInt(bits)) - 1n) });
}

function randomRoute(rng: Rng): Route {
  const family: Family = rng() < 0.6 ? 'inet' : 'inet6';
  const dst = rng() < 0.02 ? pick(rng, ['bogus', '10.0.0.0/40', 'fd00::/200']) : `${nearAddress(rng, family)}/${pick(rng, FAMILIES[family].lengths)}`;
  const gateway = rng() < 0.4 ? nearAddress(rng, family) : undefined;
  return {
    table: pick(rng, TABLES),
    // Now and then the family field disagrees with the prefix: the scan then skips the route, and so must the index.
    family: rng() < 0.03 ? (family === 'inet' ? 'inet6' : 'inet') : family,
    type: pick(rng, TYPES),
    dst,
    protocol: 'kernel',
    scope: gateway ? 'global' : 'link',
    metric: pick(rng, METRICS),
    tos: 0,
    ...(gateway ? { gateway } : {}),
    ...(rng() < 0.95 ? { dev: pick(rng, DEVS) } : {}),
    flags: [],
  };
}

/** Lookup addresses: inside some listed prefix (first host, last host, the network itself), nearby, or malformed. */
function probesFor(rng: Rng, routes: readonly Route[]): string[] {
  const out: string[] = ['not-an-ip', '10.0.0.256'];
  for (const r of routes) {
    const c = parseCidr(r.dst);
    if (!c) continue;
    const host = BigInt(c.bits - c.prefixlen);
    const network = (c.value >> host) << host;
    out.push(formatIp({ ...c, value: network }), formatIp({ ...c, value: network + (1n << host) - 1n }));
  }
  for (let i = 0; i < 20; i++) out.push(nearAddress(rng, rng() < 0.6 ? 'inet' : 'inet6'));
  return out;
}

const RULE_ORDERS: ReadonlyArray<readonly string[]> = [DEFAULT_RULE_TABLES, ['100', 'main'], ['main'], ['253', 'local', 'default'], []];

describe('RouteIndex', () => {
  it('should give the route lookupRoute scans for when tables are generated at random (IPv4 and IPv6, many tables)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 250; seed++) {
      const rng = prng(seed);
      const routes = Array.from({ length: 1 + int(rng, 60) }, () => randomRoute(rng));
      const index = new RouteIndex(routes);
      for (const dst of probesFor(rng, routes)) {
        for (const tables of RULE_ORDERS) {
          const expected = lookupRoute(routes, dst, tables);
          const actual = index.lookup(dst, tables);
          // Identity, not equality: of two equal rows the scan's choice (the first listed) must be the one returned.
          if (actual !== expected) throw new Error(`seed ${seed}: lookup ${dst} in [${tables.join(',')}]: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('should give the connected route onLinkRouteFor scans for when gateways and devices are generated at random', () => {
    let found = 0;
    for (let seed = 1; seed <= 250; seed++) {
      const rng = prng(seed * 7919);
      const routes = Array.from({ length: 1 + int(rng, 60) }, () => randomRoute(rng));
      const index = new RouteIndex(routes);
      for (const gateway of probesFor(rng, routes)) {
        for (const dev of DEVS) {
          const expected = onLinkRouteFor(routes, dev, gateway);
          if (index.onLinkRoute(dev, gateway) !== expected) throw new Error(`seed ${seed}: on-link ${gateway} on ${dev}: expected ${JSON.stringify(expected)}`);
          if (expected) found++;
        }
      }
    }
    expect(found).toBeGreaterThan(1_000);
  });

  it('should keep the first listed route when two routes share prefix and metric', () => {
    const route = (dev: string, metric: number): Route => ({
      table: 'main', family: 'inet', type: 'unicast', dst: '10.244.2.0/24', protocol: 'kernel', scope: 'link', metric, tos: 0, dev, flags: [],
    });
    const [first, second, lower] = [route('eth0', 100), route('eth1', 100), route('cni0', 50)];
    expect(new RouteIndex([first, second]).lookup('10.244.2.7')).toBe(first);
    expect(new RouteIndex([first, second, lower]).lookup('10.244.2.7')).toBe(lower);
  });
});
