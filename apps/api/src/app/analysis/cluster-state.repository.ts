import { Injectable } from '@nestjs/common';
import type { ClusterState, NodeState } from '@meshlens/analysis';
import type { NodeIdentity } from '@meshlens/model';
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
 * Every node's tables as the analysis takes them, now or at a past instant: one query per table for the whole
 * cluster (rows valid at `at`), grouped by node in memory.
 */
@Injectable()
export class ClusterStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findAt(at?: Date): Promise<ClusterState> {
    const nodes = await this.prisma.node.findMany({
      where: at ? { firstSeen: { lte: at } } : {},
      select: { id: true, name: true, identity: true },
      orderBy: { name: 'asc' },
    });
    const byId = new Map<number, NodeState>(
      nodes.map((n) => [
        n.id,
        {
          name: n.name,
          identity: n.identity as unknown as NodeIdentity,
          links: [],
          addresses: [],
          routes: [],
          neighbors: [],
          fdb: [],
          bgpSessions: [],
        },
      ]),
    );
    const validity = at
      ? Prisma.sql`"validFrom" <= ${at} AND ("validTo" IS NULL OR "validTo" > ${at})`
      : Prisma.sql`"validTo" IS NULL`;
    await Promise.all(
      TABLES.map(async ([field, sqlTable]) => {
        const rows = await this.prisma.$queryRaw<{ nodeId: number; data: unknown }[]>`
          SELECT "nodeId", "data" FROM ${Prisma.raw(`"${sqlTable}"`)} WHERE ${validity}`;
        for (const r of rows) (byId.get(r.nodeId)?.[field] as unknown[] | undefined)?.push(r.data);
      }),
    );
    return { nodes: [...byId.values()] };
  }
}

