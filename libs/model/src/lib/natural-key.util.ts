import type { Address } from './address.schema';
import type { BgpSession } from './bgp-session.schema';
import type { CniConfig } from './cni.schema';
import type { FdbEntry } from './fdb.schema';
import type { Link } from './link.schema';
import type { Neighbor } from './neighbor.schema';
import type { Route } from './route.schema';

/**
 * Natural keys: what identifies an entity on one node across reports. Two rows with the same key are the
 * same thing seen twice (possibly changed); history closes one and opens the other.
 * Route: the kernel's own uniqueness rule (table, family, dst, metric, tos; and dev for IPv6).
 */
export const linkKey = (l: Pick<Link, 'ifname'>): string => l.ifname;
export const addressKey = (a: Pick<Address, 'ifname' | 'family' | 'local' | 'prefixlen'>): string =>
  `${a.ifname}|${a.family}|${a.local}/${a.prefixlen}`;
/**
 * IPv6 keeps one route per device for the same prefix and metric (every interface has its own fe80::/64 and
 * ff00::/8 at metric 256), so for inet6 the device is part of the key; IPv4 keys are unchanged.
 */
export const routeKey = (r: Pick<Route, 'table' | 'family' | 'dst' | 'metric' | 'tos' | 'dev'>): string =>
  r.family === 'inet6'
    ? `${r.table}|${r.family}|${r.dst}|${r.metric}|${r.tos}|${r.dev ?? ''}`
    : `${r.table}|${r.family}|${r.dst}|${r.metric}|${r.tos}`;
export const neighborKey = (n: Pick<Neighbor, 'dev' | 'dst'>): string => `${n.dev}|${n.dst}`;
/** vlan and master are part of the key: a bridge holds the same MAC once per VLAN and once as self/master. */
export const fdbKey = (f: Pick<FdbEntry, 'dev' | 'mac' | 'dst' | 'vlan' | 'master'>): string =>
  `${f.dev}|${f.mac}|${f.dst ?? ''}|${f.vlan ?? ''}|${f.master ?? ''}`;
export const bgpSessionKey = (s: Pick<BgpSession, 'name'>): string => s.name;
export const cniConfigKey = (c: Pick<CniConfig, 'file'>): string => c.file;

export const TABLE_NAMES = ['links', 'addresses', 'routes', 'neighbors', 'fdb', 'bgpSessions', 'cniConfigs'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface TableRows {
  links: Link;
  addresses: Address;
  routes: Route;
  neighbors: Neighbor;
  fdb: FdbEntry;
  bgpSessions: BgpSession;
  cniConfigs: CniConfig;
}

export const NATURAL_KEYS: { [T in TableName]: (row: TableRows[T]) => string } = {
  links: linkKey,
  addresses: addressKey,
  routes: routeKey,
  neighbors: neighborKey,
  fdb: fdbKey,
  bgpSessions: bgpSessionKey,
  cniConfigs: cniConfigKey,
};
