import { fdbEntrySchema, type FdbEntry } from '@meshlens/model';
import {
  asRecord,
  int,
  ip,
  mac,
  nonEmptyStr,
  str,
  strArray,
  stripUndefined,
} from './json-fields.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';

/**
 * `bridge -j fdb show`: bridge-learned entries (`master cni0`, state ""), the multicast `self` entries every port
 * has, and VXLAN entries with `dst` (the remote VTEP's underlay address). iproute2 6.x names the port `ifname`,
 * older releases `dev`.
 */
export const parseBridgeFdb = (text: string): ParseResult<FdbEntry[]> =>
  parseJsonRows('bridge-fdb', text, fdbEntrySchema, (row) => {
    const r = asRecord(row);
    if (!r) return { skip: 'not an object' };
    const m = mac(r['mac']);
    const dev = nonEmptyStr(r['ifname']) ?? nonEmptyStr(r['dev']);
    if (!m || !dev) return { skip: 'no mac/ifname' };
    const nonNeg = (v: unknown) => {
      const n = int(v);
      return n !== undefined && n >= 0 ? n : undefined;
    };
    return stripUndefined({
      mac: m,
      dev,
      dst: ip(r['dst']),
      vni: nonNeg(r['vni']) ?? nonNeg(r['src_vni']),
      vlan: nonNeg(r['vlan']),
      port: int(r['port']),
      master: nonEmptyStr(r['master']),
      flags: strArray(r['flags']),
      state: str(r['state']) ?? '',
    });
  });
