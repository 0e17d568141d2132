import { Injectable } from '@nestjs/common';
import type { ClusterState } from '@meshlens/analysis';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

/** The analysis reads these tables; CNI configs and counters play no part in forwarding. */
const TABLES = [
  ['links', 'Link'],
  ['addresses', 'Address'],
  ['routes', 'Route'],
  ['neighbors', 'Neighbor'],
  ['fdb', 'FdbEntry'],
  ['bgpSessions', 'BgpSession'],
] as const;

/**
 * Every node's tables as the analysis takes them, now or at a past instant.
 *
 * The whole cluster is one statement: one pool connection (the findings sweep runs it every 15 s beside ingest), one
 * snapshot (no report can land between two tables of the answer), and one JSON text parsed once. Decoding 100k route
 * rows one by one through Prisma cost most of the read; `data` was checked against the model when it came in.
 */
@Injectable()
export class ClusterStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findAt(at?: Date): Promise<ClusterState> {
    return { nodes: JSON.parse(await this.findNodesJsonAt(at)) as ClusterState['nodes'] };
  }

  /**
   * `ClusterState['nodes']` as the JSON text Postgres built, unparsed: the findings sweep hands it to a worker thread,
   * where parsing 1000 nodes' tables costs no time of the thread that serves ingest.
   */
  async findNodesJsonAt(at?: Date): Promise<string> {
    // `[validFrom, validTo) @> at`, as node-state.repository asks it: a row opened at `at` counts, one closed at
    // `at` does not; the GiST validity index answers it without walking every version opened before `at`.
    const validity = at
      ? Prisma.sql`tstzrange("validFrom", "validTo") @> ${at}::timestamptz`
      : Prisma.sql`"validTo" IS NULL`;
    const nodeFilter = at ? Prisma.sql`WHERE n."firstSeen" <= ${at}::timestamptz` : Prisma.empty;
    // Rows in id order (the order ingest wrote them, as the report listed them) so an answer does not depend on the plan.
    const joins = TABLES.map(
      ([field, table]) => Prisma.sql`
      LEFT JOIN (
        SELECT "nodeId", json_agg("data" ORDER BY "id") AS "rows" FROM ${Prisma.raw(`"${table}"`)}
        WHERE ${validity} GROUP BY "nodeId"
      ) AS ${Prisma.raw(`"${field}"`)} ON ${Prisma.raw(`"${field}"`)}."nodeId" = n."id"`,
    );
    const fields = TABLES.map(
      ([field]) => Prisma.sql`${Prisma.raw(`'${field}'`)}, COALESCE(${Prisma.raw(`"${field}"`)}."rows", '[]')`,
    );
    const query = Prisma.sql`
      SELECT COALESCE(json_agg(json_build_object('name', n."name", 'identity', n."identity", ${Prisma.join(fields)})
        ORDER BY n."name"), '[]')::text AS "json"
      FROM "Node" AS n ${Prisma.join(joins, ' ')} ${nodeFilter}`;
    // Straight through the pool: the answer is one text value of megabytes (10 MB at 1000 nodes), which Prisma's
    // raw-query path would copy and convert once more on the event loop.
    const [{ json }] = await this.prisma.queryPrepared<{ json: string }>(at ? 'cluster-state-json-at' : 'cluster-state-json', query.text, query.values);
    return json;
  }
}
