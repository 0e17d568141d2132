import { neighborSchema, type Neighbor } from '@meshlens/model';
import {
  asRecord,
  familyOf,
  ip,
  mac,
  nonEmptyStr,
  strArray,
  setDefined,
} from './json-fields.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';
import { isNeighborRow } from './row-guards/is-neighbor-row.guard';

/**
 * `ip -j neigh show` / `ip -j -6 neigh show`. `lladdr` on ipip/gre neighbours is an IP address, not a MAC: it is
 * left out. `router` (IPv6) and `proxy` (from `ip neigh show proxy`) are flags that iproute2 prints as keys.
 */
export const parseIpNeigh = (text: string): ParseResult<Neighbor[]> =>
  parseJsonRows('ip-neigh', text, { schema: neighborSchema, guard: isNeighborRow }, (row) => {
    const r = asRecord(row);
    if (!r) return { skip: 'not an object' };
    const dst = ip(r['dst']);
    const dev = nonEmptyStr(r['dev']);
    const family = dst ? familyOf(dst) : undefined;
    if (!dst || !family || !dev)
      return { skip: 'no dst/dev (dump filtered by dev?)' };
    const neighbor: Neighbor = { dev, family, dst, state: strArray(r['state']) };
    setDefined(neighbor, 'lladdr', mac(r['lladdr']));
    if ('router' in r) neighbor.router = true;
    if ('proxy' in r) neighbor.proxy = true;
    return neighbor;
  });
