import { NATURAL_KEYS, type TableName, type TableRows } from '@meshlens/model';

/** How one model table is stored: its SQL table (Prisma's model name) and the typed columns filters use. */
export interface StoredTable<T extends TableName> {
  sqlTable: string;
  keyOf: (row: TableRows[T]) => string;
  /**
   * Typed text columns kept beside `data` for filters; each is the top-level field of the same name, copied by
   * the INSERT itself (generated inet/cidr columns are not listed).
   */
  columns: readonly (keyof TableRows[T] & string)[];
}

export const STORED_TABLES: { [T in TableName]: StoredTable<T> } = {
  links: {
    sqlTable: 'Link',
    keyOf: NATURAL_KEYS.links,
    columns: ['ifname', 'kind'],
  },
  addresses: {
    sqlTable: 'Address',
    keyOf: NATURAL_KEYS.addresses,
    columns: ['ifname', 'family'],
  },
  routes: {
    sqlTable: 'Route',
    keyOf: NATURAL_KEYS.routes,
    columns: ['table', 'family', 'dev', 'protocol'],
  },
  neighbors: {
    sqlTable: 'Neighbor',
    keyOf: NATURAL_KEYS.neighbors,
    columns: ['dev', 'dst', 'family'],
  },
  fdb: {
    sqlTable: 'FdbEntry',
    keyOf: NATURAL_KEYS.fdb,
    columns: ['dev', 'mac'],
  },
  bgpSessions: {
    sqlTable: 'BgpSession',
    keyOf: NATURAL_KEYS.bgpSessions,
    columns: ['name', 'bgpState'],
  },
  cniConfigs: {
    sqlTable: 'CniConfig',
    keyOf: NATURAL_KEYS.cniConfigs,
    columns: ['file'],
  },
};
