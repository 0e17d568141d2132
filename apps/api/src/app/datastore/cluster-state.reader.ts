import { Injectable } from '@nestjs/common';
import type { ClusterState, NodeState } from '@meshlens/analysis';
import type { Address, BgpSession, FdbEntry, Link, Neighbor, NodeIdentity, Route } from '@meshlens/model';
import { PrismaService } from '../database/prisma.service';

const current = { where: { validTo: null }, select: { data: true } } as const;

/** Every reporting node's current tables, as the analysis takes them. */
@Injectable()
export class ClusterStateReader {
  constructor(private readonly prisma: PrismaService) {}

  async readCurrent(): Promise<ClusterState> {
    const nodes = await this.prisma.node.findMany({
      select: {
        name: true,
        identity: true,
        links: current,
        addresses: current,
        routes: current,
        neighbors: current,
        fdbEntries: current,
        bgpSessions: current,
      },
      orderBy: { name: 'asc' },
    });
    return {
      nodes: nodes.map(
        (n): NodeState => ({
          name: n.name,
          identity: n.identity as unknown as NodeIdentity,
          links: n.links.map((r) => r.data as unknown as Link),
          addresses: n.addresses.map((r) => r.data as unknown as Address),
          routes: n.routes.map((r) => r.data as unknown as Route),
          neighbors: n.neighbors.map((r) => r.data as unknown as Neighbor),
          fdb: n.fdbEntries.map((r) => r.data as unknown as FdbEntry),
          bgpSessions: n.bgpSessions.map((r) => r.data as unknown as BgpSession),
        }),
      ),
    };
  }
}
