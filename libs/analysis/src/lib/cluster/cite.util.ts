import { NATURAL_KEYS, type Address, type FdbEntry, type Link, type Neighbor, type Route } from '@meshlens/model';
import type { Citation } from './cluster-state';

export const citeRoute = (node: string, row: Route): Citation => ({ node, table: 'routes', key: NATURAL_KEYS.routes(row), row });
export const citeLink = (node: string, row: Link): Citation => ({ node, table: 'links', key: NATURAL_KEYS.links(row), row });
export const citeNeighbor = (node: string, row: Neighbor): Citation => ({
  node,
  table: 'neighbors',
  key: NATURAL_KEYS.neighbors(row),
  row,
});
export const citeFdb = (node: string, row: FdbEntry): Citation => ({ node, table: 'fdb', key: NATURAL_KEYS.fdb(row), row });
export const citeAddress = (node: string, row: Address): Citation => ({
  node,
  table: 'addresses',
  key: NATURAL_KEYS.addresses(row),
  row,
});
