import {
  addressSchema,
  cniConfigSchema,
  countersSchema,
  fdbEntrySchema,
  ipSchema,
  linkSchema,
  neighborSchema,
  networkModeSchema,
  routeSchema,
  type Address,
  type Link,
  type Route,
} from '@meshlens/model';
import { z } from 'zod';
import { fixture, fixtureNames } from './fixtures.test-util';
import { inferNetworkModes } from './infer-network-modes';
import { inferUnderlayAddresses } from './infer-underlay-addresses';
import { parseBridgeFdb } from './parse-bridge-fdb';
import { parseCniConfig } from './parse-cni-config';
import { parseIpAddr } from './parse-ip-addr';
import { parseIpLink } from './parse-ip-link';
import { parseIpLinkCounters } from './parse-ip-link-counters';
import { parseIpNeigh } from './parse-ip-neigh';
import { parseIpRoute } from './parse-ip-route';
import type { ParseResult } from './parse-result';
import { pick, prng, type Rng } from './seeded-random.test-util';


const randomScalar = (rng: Rng): unknown =>
  pick(rng, [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 53 + 2,
    1e308,
    '',
    'default',
    'any',
    '10.0.0.0/8',
    'fe80::1',
    '999.1.1.1',
    '0a:58:0a:f4:01:00',
    'ZZ:ZZ',
    '0x10',
    'lowdelay',
    '\u0000\uffff',
    'x'.repeat(100),
  ]);

const randomValue = (rng: Rng, depth: number): unknown => {
  const r = rng();
  if (depth <= 0 || r < 0.6) return randomScalar(rng);
  if (r < 0.8)
    return Array.from({ length: Math.floor(rng() * 4) }, () =>
      randomValue(rng, depth - 1),
    );
  const keys = [
    'dst',
    'dev',
    'ifname',
    'ifindex',
    'gateway',
    'linkinfo',
    'info_data',
    'addr_info',
    'nexthops',
    'stats64',
    'rx',
    'mac',
    'plugins',
    'type',
  ];
  return Object.fromEntries(
    Array.from({ length: Math.floor(rng() * 4) }, () => [
      pick(rng, keys),
      randomValue(rng, depth - 1),
    ]),
  );
};

/** Deletes keys, swaps values for other types, duplicates and drops elements, anywhere in the tree. */
const mutate = (rng: Rng, v: unknown, depth = 0): unknown => {
  if (rng() < 0.04) return randomValue(rng, 3);
  if (Array.isArray(v)) {
    const out = v
      .filter(() => rng() > 0.05)
      .map((x) => mutate(rng, x, depth + 1));
    if (out.length > 0 && rng() < 0.1) out.push(out[0]);
    return out;
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (rng() < 0.08) continue;
      out[k] = mutate(rng, x, depth + 1);
    }
    if (rng() < 0.05)
      out[
        pick(rng, [
          'link',
          'link_index',
          'master',
          'metric',
          'tos',
          'via',
          'weight',
          'vni',
        ])
      ] = randomScalar(rng);
    return out;
  }
  return rng() < 0.1 ? randomScalar(rng) : v;
};

const mutateText = (rng: Rng, text: string): string => {
  const r = rng();
  if (r < 0.3) return text.slice(0, Math.floor(rng() * text.length));
  if (r < 0.5) {
    const chars = text.split('');
    for (let i = 0; i < 1 + rng() * 8; i++)
      chars[Math.floor(rng() * chars.length)] = String.fromCharCode(
        Math.floor(rng() * 256),
      );
    return chars.join('');
  }
  if (r < 0.6)
    return Array.from({ length: Math.floor(rng() * 64) }, () =>
      String.fromCharCode(Math.floor(rng() * 65536)),
    ).join('');
  if (r < 0.7) {
    const depth = 1 + Math.floor(rng() * 20000);
    return (
      pick(rng, ['[', '{"a":']).repeat(depth) +
      '1' +
      pick(rng, [']', '}']).repeat(depth)
    );
  }
  try {
    return JSON.stringify(mutate(rng, JSON.parse(text)));
  } catch {
    return text;
  }
};

const expectValid = <T>(
  r: ParseResult<T[]>,
  schema: z.ZodType,
  input: string,
) => {
  if (!r.ok) {
    expect(typeof r.error.message).toBe('string');
    return;
  }
  for (const row of r.value) {
    const check = schema.safeParse(row);
    if (!check.success)
      throw new Error(
        `invalid row ${JSON.stringify(row)} from input ${input.slice(0, 300)}`,
      );
  }
};

const PARSERS: [string, (t: string) => ParseResult<unknown[]>, z.ZodType][] = [
  ['ip-link', parseIpLink, linkSchema],
  ['ip-link', parseIpLinkCounters, countersSchema],
  ['ip-addr', parseIpAddr, addressSchema],
  ['ip-route', parseIpRoute, routeSchema],
  ['ip-neigh', parseIpNeigh, neighborSchema],
  ['bridge-fdb', parseBridgeFdb, fdbEntrySchema],
];

const ROUNDS = 500;

describe('parsers under fuzzed input', () => {
  it.each(
    PARSERS.map(
      ([source, parse, schema], i) =>
        [`${source}:${parse.name}`, source, parse, schema, i] as const,
    ),
  )(
    'should never throw and only return schema-valid rows when %s gets truncated, mutated and random input',
    (_label, source, parse, schema, i) => {
      const rng = prng(1000 + i);
      const bases = fixtureNames(source).map((n) => fixture(source, n));
      for (let round = 0; round < ROUNDS; round++) {
        const input =
          round % 10 === 0
            ? JSON.stringify(randomValue(rng, 5))
            : mutateText(rng, pick(rng, bases));
        expectValid(parse(input), schema, input);
      }
      for (const odd of [
        undefined,
        null,
        42,
        {},
        [],
        '',
        ' ',
        'null',
        '[]',
        '[[]]',
        '[null]',
      ] as unknown[]) {
        expectValid(parse(odd as string), schema, String(odd));
      }
    },
  );

  it('should always return a schema-valid CniConfig for mutated and random CNI files', () => {
    const rng = prng(7);
    const bases = fixtureNames('cni', '').map((n) => fixture('cni', n));
    for (let round = 0; round < ROUNDS; round++) {
      const input =
        round % 10 === 0
          ? JSON.stringify(randomValue(rng, 5))
          : mutateText(rng, pick(rng, bases));
      const config = parseCniConfig(`f${round}.conflist`, input);
      expect(cniConfigSchema.safeParse(config).error).toBeUndefined();
    }
    expect(
      cniConfigSchema.safeParse(
        parseCniConfig(undefined as never, undefined as never),
      ).success,
    ).toBe(true);
  });

  it('should infer only valid modes and addresses from whatever the parsers made of mutated captures', () => {
    const rng = prng(99);
    const nodes = fixtureNames('ip-link').filter(
      (n) => !n.endsWith('-plain.json'),
    );
    const rows = <T>(r: ParseResult<T[]>): T[] => (r.ok ? r.value : []);
    for (let round = 0; round < 150; round++) {
      const node = pick(rng, nodes);
      const links = rows(
        parseIpLink(mutateText(rng, fixture('ip-link', node))),
      ) as Link[];
      const routes = rows(
        parseIpRoute(mutateText(rng, fixture('ip-route', node))),
      ) as Route[];
      const addresses = rows(
        parseIpAddr(mutateText(rng, fixture('ip-addr', node))),
      ) as Address[];
      const cniConfigs = fixtureNames('cni', '').map((f) =>
        parseCniConfig(f, mutateText(rng, fixture('cni', f))),
      );
      expect(
        z
          .array(networkModeSchema)
          .safeParse(inferNetworkModes({ links, routes, cniConfigs })).success,
      ).toBe(true);
      expect(
        z
          .array(ipSchema)
          .safeParse(inferUnderlayAddresses({ routes, addresses })).success,
      ).toBe(true);
    }
  });
});
