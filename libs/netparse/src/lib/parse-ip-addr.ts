import { addressSchema, type Address } from '@meshlens/model';
import {
  asRecord,
  bool,
  familyOf,
  int,
  ip,
  nonEmptyStr,
  str,
  stripUndefined,
} from './json-fields.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';

/** Always returns an object: one the schema rejects (no local, another family) becomes a warning, not a silent drop. */
const mapAddrInfo = (ifname: string, a: unknown): Address => {
  const r = asRecord(a) ?? {};
  const local = ip(r['local']);
  const family = (str(r['family']) ??
    (local ? familyOf(local) : undefined)) as Address['family'];
  // On point-to-point links (tun, ipip) `address` is the peer when it differs from `local`.
  const address = ip(r['address']);
  return stripUndefined({
    ifname,
    family,
    local: local as string,
    prefixlen: int(r['prefixlen']) ?? (family === 'inet' ? 32 : 128),
    scope: str(r['scope']) ?? 'global',
    peer: address && address !== local ? address : undefined,
    broadcast: ip(r['broadcast']),
    label: nonEmptyStr(r['label']),
    dynamic: bool(r['dynamic']),
  });
};

/** `ip -j addr show`: one row per link, its addresses under `addr_info`; every address becomes one Address. */
export const parseIpAddr = (text: string): ParseResult<Address[]> =>
  parseJsonRows('ip-addr', text, addressSchema, (row) => {
    const r = asRecord(row);
    const ifname = nonEmptyStr(r?.['ifname']);
    if (!r || !ifname) return { skip: 'no ifname' };
    const infos = r['addr_info'];
    if (infos === undefined) return [];
    if (!Array.isArray(infos))
      return { skip: `${ifname}: addr_info is not an array` };
    return infos.map((a) => mapAddrInfo(ifname, a));
  });
