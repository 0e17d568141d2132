import type { Client } from 'pg';

/**
 * What a report may write (the node, its tables and counter samples); alert, etcd and rollup tables are written
 * by timers and watchers beside any test, so they would move a digest by themselves.
 */
export const REPORT_TABLES = ['Node', 'Link', 'Address', 'Route', 'Neighbor', 'FdbEntry', 'BgpSession', 'CniConfig', 'CounterSample'];

const DIGEST_SQL = REPORT_TABLES.map(
  (t) => `SELECT '${t}' AS t, count(*)::int AS n, coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS d FROM "${t}" r`,
).join(' UNION ALL ');

export interface TableDigest {
  t: string;
  /** Rows, current and historical. */
  n: number;
  /** md5 over every row: equal digests, equal contents. */
  d: string;
}

export const reportTablesDigest = async (db: Client): Promise<TableDigest[]> => (await db.query<TableDigest>(DIGEST_SQL)).rows;
