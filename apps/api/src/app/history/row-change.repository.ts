import { Injectable } from '@nestjs/common';
import type { RowChange, TableName } from '@meshlens/model';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { STORED_TABLES } from '../nodes/node-tables';

/** Where a feed page ends: the last change returned, in the feed's order (at, nodeId, table, key), all descending. */
export interface FeedPosition {
  at: Date;
  nodeId: number;
  table: TableName;
  key: string;
}

export interface FeedFilter {
  /** Changes strictly after this instant. */
  from?: Date;
  /** Changes at or before this instant. */
  to?: Date;
  nodeId?: number;
  /** Continue after this position. */
  after?: FeedPosition;
}

export type StoredRowChange = RowChange & { nodeId: number };

/** One change as the database hands it over: `at` already in toISOString's format, old/new rows as stored. */
interface ChangeRow {
  at: string;
  nodeId: number;
  node: string;
  key: string;
  old: unknown;
  new: unknown;
}

const tableSql = (table: TableName): Prisma.Sql =>
  Prisma.raw(`"${STORED_TABLES[table].sqlTable}"`);

/**
 * Changes derived from the validFrom/validTo rows: a row opened at T is `added`, closed at T `removed`, and a row
 * closed at T together with one of the same key opened at T is `changed` (ingest closes and opens in one
 * transaction with one timestamp).
 */
@Injectable()
export class RowChangeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Changes of one node's table in (from, to], oldest first. */
  async findNodeTableChanges(
    nodeId: number,
    table: TableName,
    from: Date,
    to: Date,
  ): Promise<StoredRowChange[]> {
    const rows = await this.findChangeRows(
      Prisma.sql`
        WITH opened AS (
          SELECT "nodeId", "key", "validFrom" AS "at", "data" FROM ${tableSql(table)}
          WHERE "nodeId" = ${nodeId} AND "validFrom" > ${from} AND "validFrom" <= ${to}),
        closed AS (
          SELECT "nodeId", "key", "validTo" AS "at", "data" FROM ${tableSql(table)}
          WHERE "nodeId" = ${nodeId} AND "validTo" > ${from} AND "validTo" <= ${to})
        SELECT COALESCE(o."at", c."at") AS "at", COALESCE(o."nodeId", c."nodeId") AS "nodeId", n."name" AS "node",
               COALESCE(o."key", c."key") AS "key", c."data" AS "old", o."data" AS "new"
        FROM opened o FULL JOIN closed c ON o."key" = c."key" AND o."at" = c."at"
        JOIN "Node" n ON n."id" = COALESCE(o."nodeId", c."nodeId")`,
      Prisma.sql`"at", "key" COLLATE "C"`,
    );
    return rows.map((r) => toChange(table, r));
  }

  /**
   * One table's newest changes matching the filter, newest first, at most `limit`. Each half (opened, closed) is
   * cut at `limit` in the feed order before pairing: a change among the first `limit` has both halves within the
   * first `limit` of its kind, so it is paired right; a half paired wrongly ranks after them and the caller cuts it.
   */
  async findTableFeed(
    table: TableName,
    filter: FeedFilter,
    limit: number,
  ): Promise<StoredRowChange[]> {
    const opened = this.halfFeed(table, '"validFrom"', filter, limit);
    const closed = this.halfFeed(table, '"validTo"', filter, limit);
    const rows = await this.findChangeRows(
      Prisma.sql`
        WITH opened AS (${opened}), closed AS (${closed})
        SELECT COALESCE(o."at", c."at") AS "at", COALESCE(o."nodeId", c."nodeId") AS "nodeId", n."name" AS "node",
               COALESCE(o."key", c."key") AS "key", c."data" AS "old", o."data" AS "new"
        FROM opened o FULL JOIN closed c ON o."key" = c."key" AND o."at" = c."at" AND o."nodeId" = c."nodeId"
        JOIN "Node" n ON n."id" = COALESCE(o."nodeId", c."nodeId")
        ORDER BY 1 DESC, 2 DESC, COALESCE(o."key", c."key") COLLATE "C" DESC
        LIMIT ${limit}`,
      Prisma.sql`"at" DESC, "nodeId" DESC, "key" COLLATE "C" DESC`,
    );
    return rows.map((r) => toChange(table, r));
  }

  /**
   * The change rows of `changes` (columns at, nodeId, node, key, old, new) in `order`, as one JSON array parsed once:
   * decoding two stored rows per change one value at a time costs more than the query itself (a day of a 10k-route
   * node's changes).
   */
  private async findChangeRows(
    changes: Prisma.Sql,
    order: Prisma.Sql,
  ): Promise<ChangeRow[]> {
    const [{ json }] = await this.prisma.$queryRaw<{ json: string }[]>`
      SELECT COALESCE(json_agg(json_build_object(
        'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'nodeId', "nodeId", 'node', "node", 'key', "key", 'old', "old", 'new', "new") ORDER BY ${order}), '[]')::text AS "json"
      FROM (${changes}) AS "change"`;
    return JSON.parse(json) as ChangeRow[];
  }

  private halfFeed(
    table: TableName,
    column: '"validFrom"' | '"validTo"',
    filter: FeedFilter,
    limit: number,
  ): Prisma.Sql {
    const at = Prisma.raw(column);
    const conditions: Prisma.Sql[] = [Prisma.sql`${at} IS NOT NULL`];
    if (filter.from) conditions.push(Prisma.sql`${at} > ${filter.from}`);
    if (filter.to) conditions.push(Prisma.sql`${at} <= ${filter.to}`);
    if (filter.nodeId !== undefined)
      conditions.push(Prisma.sql`"nodeId" = ${filter.nodeId}`);
    if (filter.after) conditions.push(afterCondition(at, table, filter.after));
    return Prisma.sql`
      SELECT "nodeId", "key", ${at} AS "at", "data" FROM ${tableSql(table)}
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY ${at} DESC, "nodeId" DESC, "key" COLLATE "C" DESC
      LIMIT ${limit}`;
  }
}

/** Row comparison on the feed order; the table is constant per query, so its place in the order is decided here. */
function afterCondition(
  at: Prisma.Sql,
  table: TableName,
  after: FeedPosition,
): Prisma.Sql {
  if (table === after.table)
    return Prisma.sql`(${at}, "nodeId", "key" COLLATE "C") < (${after.at}, ${after.nodeId}, ${after.key} COLLATE "C")`;
  // Descending order: a table that sorts before the cursor's comes after it at the same (at, nodeId).
  return table < after.table
    ? Prisma.sql`(${at}, "nodeId") <= (${after.at}, ${after.nodeId})`
    : Prisma.sql`(${at}, "nodeId") < (${after.at}, ${after.nodeId})`;
}

function toChange(table: TableName, r: ChangeRow): StoredRowChange {
  const kind = r.old == null ? 'added' : r.new == null ? 'removed' : 'changed';
  return {
    at: r.at,
    nodeId: r.nodeId,
    node: r.node,
    table,
    key: r.key,
    kind,
    ...(r.old != null && { old: r.old }),
    ...(r.new != null && { new: r.new }),
  };
}
