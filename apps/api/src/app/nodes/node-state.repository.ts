import { Injectable } from '@nestjs/common';
import type { TableName, TableQuery, TableRows } from '@meshlens/model';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/transaction-runner';
import type { CurrentRowRef, RowToInsert } from '../reports/plan-table-changes';
import type { JsonArrayText } from './json-array-text';
import { STORED_TABLES } from './node-tables';

const tableSql = (table: TableName): Prisma.Sql => Prisma.raw(`"${STORED_TABLES[table].sqlTable}"`);

/**
 * Current and historical rows of a node's tables (links, routes, ...). A 10k-route report is one INSERT and one
 * UPDATE: createMany/updateMany spend seconds binding one parameter per cell.
 */
@Injectable()
export class NodeStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  findCurrentRefs(tx: Tx, nodeId: number, table: TableName): Promise<CurrentRowRef[]> {
    return tx.$queryRaw<CurrentRowRef[]>`
      SELECT "id", "key", "hash" FROM ${tableSql(table)} WHERE "nodeId" = ${nodeId} AND "validTo" IS NULL`;
  }

  findCurrentRefsByKeys(tx: Tx, nodeId: number, table: TableName, keys: string[]): Promise<CurrentRowRef[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<CurrentRowRef[]>`
      SELECT "id", "key", "hash" FROM ${tableSql(table)}
      WHERE "nodeId" = ${nodeId} AND "validTo" IS NULL AND "key" = ANY(${keys}::text[])`;
  }

  async closeRows(tx: Tx, table: TableName, ids: bigint[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.$executeRaw`
      UPDATE ${tableSql(table)} SET "validTo" = ${at} WHERE "id" = ANY(${ids.map(String)}::bigint[])`;
  }

  async insertRows<T extends TableName>(
    tx: Tx,
    nodeId: number,
    table: T,
    rows: RowToInsert<TableRows[T]>[],
    at: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    const { columns } = STORED_TABLES[table];
    const names = ['key', 'hash', ...columns, 'data'].map((c) => Prisma.raw(`"${c}"`));
    const values = columns.map((c) => Prisma.raw(`r."data"->>'${c}'`));
    // One JSON parameter for the whole batch: binding one parameter (or one array) per column costs seconds.
    const batch = JSON.stringify(rows.map(({ key, hash, row }) => ({ key, hash, data: row })));
    await tx.$executeRaw`
      INSERT INTO ${tableSql(table)} ("nodeId", "validFrom", ${Prisma.join(names)})
      SELECT ${nodeId}, ${at}, r."key", r."hash", ${Prisma.join([...values, Prisma.raw('r."data"')])}
      FROM jsonb_to_recordset(${batch}::jsonb) AS r("key" text, "hash" text, "data" jsonb)`;
  }

  /** Current rows of one table, filtered, as one JSON array; ordered by natural key (byte order, whatever the collation). */
  findCurrentRowsJson<T extends TableName>(nodeId: number, table: T, query: TableQuery): Promise<JsonArrayText<TableRows[T]>> {
    return this.findRowsJson(nodeId, table, query, Prisma.sql`"validTo" IS NULL`);
  }

  /**
   * Rows as they were at `at` (valid from at or before it, closed after it or not at all), as one JSON array; ordered
   * by natural key. `[validFrom, validTo) @> at` is what the GiST validity index answers: exactly the rows valid at
   * `at`, where a btree on either end walks every version opened before (or closed after) it.
   */
  findRowsValidAtJson<T extends TableName>(
    nodeId: number,
    table: T,
    at: Date,
    query: TableQuery = {},
  ): Promise<JsonArrayText<TableRows[T]>> {
    return this.findRowsJson(nodeId, table, query, Prisma.sql`tstzrange("validFrom", "validTo") @> ${at}::timestamptz`);
  }

  /**
   * The rows go out as Postgres serializes them: `data` was checked against the model when the report came in, so
   * parsing 10k rows into objects only to serialize them again for the response is wasted work.
   */
  private async findRowsJson<T extends TableName>(
    nodeId: number,
    table: T,
    query: TableQuery,
    validity: Prisma.Sql,
  ): Promise<JsonArrayText<TableRows[T]>> {
    const conditions = [Prisma.sql`"nodeId" = ${nodeId}`, validity, ...filterConditions(table, query)];
    const [{ json }] = await this.prisma.$queryRaw<{ json: string }[]>`
      SELECT COALESCE(json_agg("data" ORDER BY "key" COLLATE "C"), '[]')::text AS "json" FROM ${tableSql(table)}
      WHERE ${Prisma.join(conditions, ' AND ')}`;
    return json as JsonArrayText<TableRows[T]>;
  }
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL conditions of a TableQuery for one table; a filter that means nothing for the table is ignored. */
function filterConditions(table: TableName, q: TableQuery): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (q.dev !== undefined) {
    if (table === 'links' || table === 'addresses') out.push(Prisma.sql`"ifname" = ${q.dev}`);
    if (table === 'neighbors' || table === 'fdb') out.push(Prisma.sql`"dev" = ${q.dev}`);
    // Multipath routes keep their devices in nexthops[].dev.
    if (table === 'routes')
      out.push(Prisma.sql`("dev" = ${q.dev} OR "data"->'nexthops' @> jsonb_build_array(jsonb_build_object('dev', ${q.dev}::text)))`);
  }
  if (q.family !== undefined && (table === 'routes' || table === 'addresses' || table === 'neighbors'))
    out.push(Prisma.sql`"family" = ${q.family}`);
  if (q.table !== undefined && table === 'routes') out.push(Prisma.sql`"table" = ${q.table}`);
  if (q.protocol !== undefined && table === 'routes') out.push(Prisma.sql`"protocol" = ${q.protocol}`);
  if (q.prefix !== undefined) {
    // network() so that a prefix written with host bits (10.244.1.7/16) means its network.
    if (table === 'routes') out.push(Prisma.sql`"dst" <<= network(${q.prefix}::inet)`);
    if (table === 'addresses') out.push(Prisma.sql`"local" <<= network(${q.prefix}::inet)`);
    if (table === 'neighbors') out.push(Prisma.sql`"dst"::inet <<= network(${q.prefix}::inet)`);
  }
  if (q.q !== undefined) out.push(Prisma.sql`"data"::text ILIKE ${'%' + escapeLike(q.q) + '%'}`);
  return out;
}
