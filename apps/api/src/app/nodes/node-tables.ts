import { NATURAL_KEYS, type TableName, type TableRows } from '@meshlens/model';

/** How one model table is stored: its SQL table (Prisma's model name) and the typed columns filters use. */
export interface StoredTable<T extends TableName> {
  sqlTable: string;
  /** Prisma client property of the model. */
  delegate: 'link' | 'address' | 'route' | 'neighbor' | 'fdbEntry' | 'bgpSession' | 'cniConfig';
  keyOf: (row: TableRows[T]) => string;
  columns: (row: TableRows[T]) => Record<string, string | null>;
}

export const STORED_TABLES: { [T in TableName]: StoredTable<T> } = {
  links: {
    sqlTable: 'Link',
    delegate: 'link',
    keyOf: NATURAL_KEYS.links,
    columns: (l) => ({ ifname: l.ifname, kind: l.kind }),
  },
  addresses: {
    sqlTable: 'Address',
    delegate: 'address',
    keyOf: NATURAL_KEYS.addresses,
    columns: (a) => ({ ifname: a.ifname, family: a.family }),
  },
  routes: {
    sqlTable: 'Route',
    delegate: 'route',
    keyOf: NATURAL_KEYS.routes,
    columns: (r) => ({ table: r.table, family: r.family, dev: r.dev ?? null, protocol: r.protocol }),
  },
  neighbors: {
    sqlTable: 'Neighbor',
    delegate: 'neighbor',
    keyOf: NATURAL_KEYS.neighbors,
    columns: (n) => ({ dev: n.dev, dst: n.dst, family: n.family }),
  },
  fdb: {
    sqlTable: 'FdbEntry',
    delegate: 'fdbEntry',
    keyOf: NATURAL_KEYS.fdb,
    columns: (f) => ({ dev: f.dev, mac: f.mac }),
  },
  bgpSessions: {
    sqlTable: 'BgpSession',
    delegate: 'bgpSession',
    keyOf: NATURAL_KEYS.bgpSessions,
    columns: (s) => ({ name: s.name, bgpState: s.bgpState }),
  },
  cniConfigs: {
    sqlTable: 'CniConfig',
    delegate: 'cniConfig',
    keyOf: NATURAL_KEYS.cniConfigs,
    columns: (c) => ({ file: c.file }),
  },
};
