import { linkSchema, type Link } from '@meshlens/model';
import {
  asRecord,
  bool,
  int,
  ip,
  mac,
  nonEmptyStr,
  str,
  strArray,
  stripUndefined,
  type JsonRecord,
} from './json-fields.util';
import { IP_TUNNEL_KINDS, kindFromLinkInfoless } from './link-kind.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';

/** The kernel's default VXLAN port (Linux predates IANA's 4789); iproute2 always prints `port`, this is a fallback. */
const VXLAN_DEFAULT_PORT = 8472;

/** A device reference in info_data: its name when iproute2 resolved it, else an ifindex looked up in the dump. */
const deviceRef = (
  name: unknown,
  index: unknown,
  nameOf: (i: number) => string | undefined,
): string | undefined => {
  const i = int(index);
  return nonEmptyStr(name) ?? (i !== undefined ? nameOf(i) : undefined);
};

const vxlanInfo = (
  data: JsonRecord,
  nameOf: (i: number) => string | undefined,
): Link['vxlan'] => {
  const vni = int(data['id']);
  if (vni === undefined || vni < 0) return undefined;
  const port = int(data['port']);
  // `link` is the underlay device: a name when iproute2 could resolve it, else its ifindex.
  const underlayDev = deviceRef(data['link'], data['link'], nameOf);
  return {
    vni,
    local: ip(data['local']) ?? ip(data['local6']),
    port:
      port !== undefined && port >= 0 && port <= 65535
        ? port
        : VXLAN_DEFAULT_PORT,
    underlayDev,
    // Learning is the kernel default; iproute2 6.1 always prints the key, older releases only printed "nolearning".
    learning: bool(data['learning']) ?? true,
  };
};

const ipTunnelInfo = (
  data: JsonRecord | undefined,
  nameOf: (i: number) => string | undefined,
): Link['ipTunnel'] => {
  if (!data) return {};
  const ttl = int(data['ttl']);
  return {
    // "any" (0.0.0.0) is what the fallback device tunl0 prints: no fixed endpoint.
    local: ip(data['local']),
    remote: ip(data['remote']),
    ttl,
    underlayDev: deviceRef(data['link'], data['link_index'], nameOf),
  };
};

const tunMode = (
  data: JsonRecord | undefined,
  linkType: string | undefined,
): string => str(data?.['type']) ?? (linkType === 'ether' ? 'tap' : 'tun');

/** ifindex <-> ifname of the whole dump, to resolve peers, parents and underlays given by one or the other. */
interface DumpIndex {
  names: Map<number, string>;
  indexes: Map<string, number>;
}

const indexDump = (rows: unknown[], dump: DumpIndex): void => {
  for (const row of rows) {
    const r = asRecord(row);
    const ifindex = int(r?.['ifindex']);
    const ifname = nonEmptyStr(r?.['ifname']);
    if (ifindex === undefined || !ifname) continue;
    dump.names.set(ifindex, ifname);
    dump.indexes.set(ifname, ifindex);
  }
};

const mapLink = (row: unknown, dump: DumpIndex): Link | { skip: string } => {
  const r = asRecord(row);
  if (!r) return { skip: 'not an object' };
  const ifindex = int(r['ifindex']);
  const ifname = nonEmptyStr(r['ifname']);
  if (ifindex === undefined || !ifname) return { skip: 'no ifindex/ifname' };
  const linkType = str(r['link_type']);
  const linkinfo = asRecord(r['linkinfo']);
  const infoKind = nonEmptyStr(linkinfo?.['info_kind']);
  const infoData = asRecord(linkinfo?.['info_data']);
  const kind = infoKind ?? kindFromLinkInfoless(ifname, linkType);
  const nameOf = (i: number) => dump.names.get(i);

  // Peer/parent: `link_index` + `link_netnsid` when it lives in another namespace, else `link` (its name).
  const netnsId = int(r['link_netnsid']);
  const linkName = nonEmptyStr(r['link']);
  const linkIndex = int(r['link_index']);
  let peerIfindex =
    linkIndex !== undefined && linkIndex >= 0 ? linkIndex : undefined;
  let peerIfname: string | undefined;
  if (netnsId === undefined) {
    peerIfname =
      linkName ?? (peerIfindex !== undefined ? nameOf(peerIfindex) : undefined);
    if (peerIfindex === undefined && linkName) {
      peerIfindex = dump.indexes.get(linkName);
    }
  }

  const link: Link = {
    ifindex,
    ifname,
    kind,
    mtu: Math.max(0, int(r['mtu']) ?? 0),
    operstate: str(r['operstate']) ?? 'UNKNOWN',
    flags: strArray(r['flags']),
    mac:
      linkType === 'ether' || linkType === 'loopback' || linkType === undefined
        ? mac(r['address'])
        : undefined,
    master: nonEmptyStr(r['master']),
    peerIfindex,
    peerNetnsId: netnsId,
    peerIfname,
  };
  if (kind === 'vxlan' && infoData) link.vxlan = vxlanInfo(infoData, nameOf);
  if (kind === 'tun') link.tun = { mode: tunMode(infoData, linkType) };
  if (IP_TUNNEL_KINDS.has(kind)) link.ipTunnel = ipTunnelInfo(infoData, nameOf);
  return stripUndefined(link);
};

/** `ip -j -d -s link show` (also without -d/-s: then kinds come from names and link types). */
export const parseIpLink = (text: string): ParseResult<Link[]> => {
  const dump: DumpIndex = { names: new Map(), indexes: new Map() };
  return parseJsonRows(
    'ip-link',
    text,
    linkSchema,
    (row) => mapLink(row, dump),
    (rows) => indexDump(rows, dump),
  );
};
