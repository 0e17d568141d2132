import { Injectable } from '@nestjs/common';
import type { BgpStatus, CollectorError, NetworkMode, NodeReport, NodeSummary } from '@meshlens/model';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Db, Tx } from '../database/transaction-runner';

/** Where a node's report stream stands. */
export interface NodeSyncState {
  id: number;
  epoch: string;
  ackedSeq: number;
  lastSeen: Date;
}

const current = { where: { validTo: null } } as const;

const summarySelect = {
  name: true,
  hostname: true,
  kernel: true,
  underlayAddresses: true,
  modes: true,
  agentVersion: true,
  firstSeen: true,
  lastSeen: true,
  ackedSeq: true,
  bgp: true,
  collectorErrors: true,
  _count: {
    select: {
      links: current,
      addresses: current,
      routes: current,
      neighbors: current,
      fdbEntries: current,
      bgpSessions: current,
    },
  },
} satisfies Prisma.NodeSelect;

type SummaryRow = Prisma.NodeGetPayload<{ select: typeof summarySelect }>;

const toSummary = (n: SummaryRow): NodeSummary => ({
  name: n.name,
  hostname: n.hostname,
  kernel: n.kernel,
  underlayAddresses: n.underlayAddresses,
  modes: n.modes as NetworkMode[],
  agentVersion: n.agentVersion,
  firstSeen: n.firstSeen.toISOString(),
  lastSeen: n.lastSeen.toISOString(),
  lastSeq: n.ackedSeq,
  counts: {
    links: n._count.links,
    addresses: n._count.addresses,
    routes: n._count.routes,
    neighbors: n._count.neighbors,
    fdb: n._count.fdbEntries,
    bgpSessions: n._count.bgpSessions,
  },
  bgp: (n.bgp as BgpStatus | null) ?? null,
  collectorErrors: (n.collectorErrors as CollectorError[] | null) ?? [],
});

@Injectable()
export class NodeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Serialises writers of one node until the transaction ends (also for a node that does not exist yet). */
  async lockName(tx: Tx, name: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'meshlens.node:' + name}, 0))`;
  }

  findSyncStateByName(db: Db, name: string): Promise<NodeSyncState | null> {
    return db.node.findUnique({ where: { name }, select: { id: true, epoch: true, ackedSeq: true, lastSeen: true } });
  }

  findIdByName(name: string): Promise<number | null> {
    return this.prisma.node.findUnique({ where: { name }, select: { id: true } }).then((n) => n?.id ?? null);
  }

  /** Creates the node or updates what the report says about it; returns its id. */
  async upsertFromReport(tx: Tx, report: NodeReport, at: Date): Promise<number> {
    const fields = {
      hostname: report.identity.hostname,
      kernel: report.identity.kernel ?? null,
      underlayAddresses: report.identity.underlayAddresses,
      modes: report.identity.modes,
      agentVersion: report.identity.agentVersion,
      lastSeen: at,
      epoch: report.epoch,
      ackedSeq: report.seq,
      bgp: report.bgp ? (report.bgp as Prisma.InputJsonValue) : Prisma.DbNull,
      identity: report.identity as Prisma.InputJsonValue,
      collectorErrors: report.errors as Prisma.InputJsonValue,
    };
    const node = await tx.node.upsert({
      where: { name: report.nodeName },
      create: { name: report.nodeName, firstSeen: at, ...fields },
      update: fields,
      select: { id: true },
    });
    return node.id;
  }

  async findSummaries(): Promise<NodeSummary[]> {
    const rows = await this.prisma.node.findMany({ select: summarySelect, orderBy: { name: 'asc' } });
    return rows.map(toSummary);
  }

  async findSummaryByName(name: string): Promise<NodeSummary | null> {
    const row = await this.prisma.node.findUnique({ where: { name }, select: summarySelect });
    return row ? toSummary(row) : null;
  }
}
