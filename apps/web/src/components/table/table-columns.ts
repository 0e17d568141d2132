import type {
  Address,
  Alert,
  AlertSilence,
  BgpSession,
  CniConfig,
  FdbEntry,
  Link,
  Neighbor,
  Route,
} from '@meshlens/model';
import type { NodeRow } from '../../lib/node-health';
import type { NodeTab } from '../../lib/node-tabs';
import { addressColumns } from './address-columns';
import { alertColumns, silenceColumns } from './alert-columns';
import { bgpSessionColumns } from './bgp-session-columns';
import { cniConfigColumns } from './cni-config-columns';
import type { Column } from './column';
import { fdbColumns } from './fdb-columns';
import { linkColumns } from './link-columns';
import { neighborColumns } from './neighbor-columns';
import { nodeSummaryColumns } from './node-summary-columns';
import { routeColumns } from './route-columns';

export type TableKind = NodeTab | 'nodes' | 'alerts' | 'silences';

interface RowOf {
  nodes: NodeRow;
  links: Link;
  addresses: Address;
  routes: Route;
  neighbors: Neighbor;
  fdb: FdbEntry;
  bgp: BgpSession;
  cni: CniConfig;
  alerts: Alert;
  silences: AlertSilence;
}

const FACTORIES: {
  [K in TableKind]: (rows: readonly RowOf[K][]) => Column<RowOf[K]>[];
} = {
  nodes: nodeSummaryColumns,
  links: linkColumns,
  addresses: addressColumns,
  routes: routeColumns,
  neighbors: neighborColumns,
  fdb: fdbColumns,
  bgp: bgpSessionColumns,
  cni: cniConfigColumns,
  alerts: alertColumns,
  silences: silenceColumns,
};

/** Columns live on the client (they hold functions), so a server page names the table kind instead. */
export const columnsFor = (kind: TableKind, rows: readonly unknown[]): Column<unknown>[] =>
  (FACTORIES[kind] as (rows: readonly unknown[]) => Column<unknown>[])(rows);

export const DEFAULT_SORT: Record<TableKind, string> = {
  nodes: 'name',
  links: 'ifindex',
  addresses: 'ifname',
  routes: 'dst',
  neighbors: 'dst',
  fdb: 'dev',
  bgp: 'name',
  cni: 'file',
  alerts: 'severity',
  silences: 'endsAt',
};
