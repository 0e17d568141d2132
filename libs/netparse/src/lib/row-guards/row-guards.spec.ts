import { cidrSchema, ipSchema, macSchema, neighborSchema, routeSchema, type Neighbor, type Route } from '@meshlens/model';
import type { z } from 'zod';
import { fixture, fixtureNames, ok } from '../fixtures.test-util';
import { prng } from '../seeded-random.test-util';
import { parseIpNeigh } from '../parse-ip-neigh';
import { parseIpRoute } from '../parse-ip-route';
import { parseJsonRows } from '../parse-rows.util';
import { CIDR_PATTERN, IP_PATTERN, MAC_PATTERN } from './guard-primitives.util';
import { isNeighborRow } from './is-neighbor-row.guard';
import { isRouteRow } from './is-route-row.guard';

/** The regex a zod string schema checks (zod 4 keeps it in the check's definition). */
const patternOf = (schema: z.ZodType): RegExp | undefined => {
  const checks = (schema as unknown as { def: { checks?: { _zod: { def: { pattern?: RegExp } } }[] } }).def.checks ?? [];
  return checks.map((c) => c._zod.def.pattern).find((p) => p instanceof RegExp);
};

const ODD_VALUES: unknown[] = [
  undefined, null, true, 0, -1, 1.5, 2 ** 53 + 2, '', ' ', 'inet', 'inet7', '10.0.0.0/24', '10.0.0.1', 'fe80::1',
  'fe80::/64', '10.0.0.0/24x', 'default', 'AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff', 'aa:bb', 'x', [], ['onlink'], [1],
  {}, [{ flags: [] }], [{ gateway: 'nope', flags: [] }], [{ weight: 0, flags: [] }], [{ flags: ['x'], dev: 'eth0', weight: 2 }],
];

/** A valid row with one or two fields replaced by odd values (or dropped): the guard must never accept what zod refuses. */
const mutants = <T extends object>(base: T, fields: string[], count: number): unknown[] => {
  const rng = prng(42);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (let n = 0; n < 1 + Math.floor(rng() * 2); n++) {
      const field = fields[Math.floor(rng() * fields.length)];
      const value = ODD_VALUES[Math.floor(rng() * ODD_VALUES.length)];
      if (value === undefined && rng() < 0.5) delete row[field];
      else row[field] = value;
    }
    out.push(row);
  }
  return out;
};

const route: Route = {
  table: 'main', family: 'inet', type: 'unicast', dst: '10.244.1.0/24', protocol: 'boot', scope: 'global', metric: 0, tos: 0,
  gateway: '10.244.1.0', dev: 'flannel.1', flags: ['onlink'],
};
const neighbor: Neighbor = { dev: 'flannel.1', family: 'inet', dst: '10.244.1.0', lladdr: '0a:58:0a:f4:01:00', state: ['PERMANENT'] };

describe('row guards', () => {
  it('should use the very patterns of the model schemas when checking addresses', () => {
    expect(IP_PATTERN).toEqual(patternOf(ipSchema));
    expect(CIDR_PATTERN).toEqual(patternOf(cidrSchema));
    expect(MAC_PATTERN).toEqual(patternOf(macSchema));
  });

  it('should accept a route only when routeSchema accepts it, over thousands of mutated routes', () => {
    const fields = [...Object.keys(routeSchema.shape), 'nexthops', 'mtu'];
    const rows = mutants(route, fields, 5000);
    const disagreements = rows.filter((r) => isRouteRow(r) && !routeSchema.safeParse(r).success);

    expect(disagreements).toEqual([]);
    // The mutants must exercise both answers, or the test proves nothing.
    expect(rows.filter((r) => isRouteRow(r)).length).toBeGreaterThan(100);
    expect(rows.filter((r) => !isRouteRow(r)).length).toBeGreaterThan(100);
  });

  it('should accept a neighbour only when neighborSchema accepts it, over thousands of mutated neighbours', () => {
    const rows = mutants(neighbor, [...Object.keys(neighborSchema.shape)], 5000);
    const disagreements = rows.filter((r) => isNeighborRow(r) && !neighborSchema.safeParse(r).success);

    expect(disagreements).toEqual([]);
    expect(rows.filter((r) => isNeighborRow(r)).length).toBeGreaterThan(100);
    expect(rows.filter((r) => !isNeighborRow(r)).length).toBeGreaterThan(100);
  });

  it('should take the fast path for every row of the real captures when parsing them', () => {
    const routes = fixtureNames('ip-route').flatMap((f) => ok(parseIpRoute(fixture('ip-route', f))));
    const neighbors = fixtureNames('ip-neigh').flatMap((f) => ok(parseIpNeigh(fixture('ip-neigh', f))));

    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => !isRouteRow(r))).toEqual([]);
    expect(neighbors.filter((n) => !isNeighborRow(n))).toEqual([]);
  });

  it('should name the failing field from zod when a row fails the guard', () => {
    const result = parseJsonRows('ip-route', '[{}]', { schema: routeSchema, guard: isRouteRow }, () => ({ ...route, dst: 'default' }));

    expect(result).toEqual({ ok: true, value: [], warnings: [expect.stringMatching(/^row 0: skipped: dst: expected an address with a prefix length/)] });
  });

  it('should keep a row the guard refuses but zod accepts when the guard is stricter than the schema', () => {
    const extra = { ...route, unknownKey: 1 };
    const strictGuard = (v: unknown): v is Route => isRouteRow(v) && !('unknownKey' in (v as object));
    const result = parseJsonRows('ip-route', '[{}]', { schema: routeSchema, guard: strictGuard }, () => extra);

    expect(result).toEqual({ ok: true, value: [route], warnings: [] });
  });
});
