import {
  addressSchema,
  countersSchema,
  cniConfigSchema,
  fdbEntrySchema,
  linkSchema,
  neighborSchema,
  routeSchema,
} from '@meshlens/model';
import type { z } from 'zod';
import { fixture, fixtureNames } from './fixtures.test-util';
import { parseBridgeFdb } from './parse-bridge-fdb';
import { parseCniConfig } from './parse-cni-config';
import { parseIpAddr } from './parse-ip-addr';
import { parseIpLink } from './parse-ip-link';
import { parseIpLinkCounters } from './parse-ip-link-counters';
import { parseIpNeigh } from './parse-ip-neigh';
import { parseIpRoute } from './parse-ip-route';
import type { ParseResult } from './parse-result';

const cases: [string, (t: string) => ParseResult<unknown[]>, z.ZodType][] = [
  ['ip-link', parseIpLink, linkSchema],
  ['ip-link', parseIpLinkCounters, countersSchema],
  ['ip-addr', parseIpAddr, addressSchema],
  ['ip-route', parseIpRoute, routeSchema],
  ['ip-neigh', parseIpNeigh, neighborSchema],
  ['bridge-fdb', parseBridgeFdb, fdbEntrySchema],
];

describe('every fixture through its parser', () => {
  for (const [source, parse, schema] of cases) {
    it.each(fixtureNames(source))(
      `should map every row of ${source}/%s to a valid model object (${parse.name})`,
      (name) => {
        const text = fixture(source, name);
        const r = parse(text);
        if (!r.ok) throw new Error(r.error.message);
        for (const row of r.value)
          expect(schema.safeParse(row).error).toBeUndefined();
        // Real captures map completely: nothing skipped (counters of -s dumps included).
        const skipsAllowed =
          parse === parseIpLinkCounters && name.endsWith('-plain.json');
        if (!skipsAllowed) expect(r.warnings).toEqual([]);
        if (source !== 'ip-addr' && !skipsAllowed)
          expect(r.value).toHaveLength((JSON.parse(text) as unknown[]).length);
      },
    );
  }

  it.each(fixtureNames('cni', ''))(
    'should give a valid CniConfig for cni/%s',
    (name) => {
      expect(
        cniConfigSchema.safeParse(parseCniConfig(name, fixture('cni', name)))
          .error,
      ).toBeUndefined();
    },
  );
});
