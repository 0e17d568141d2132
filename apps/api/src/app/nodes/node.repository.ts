import { Injectable } from '@nestjs/common';
import type { BgpStatus, CollectorError, DeltaReport, NetworkMode, NodeReport, NodeSummary } from '@meshlens/model';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/transaction-runner';

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

// $1 identity, $2 bgp, $3 collector errors (JSON); $4 collectedAt; $5 seq; $6 name; $7 epoch; $8 baseSeq; $9 counters.
const RECORD_HEARTBEAT_SQL = `
  WITH node AS (
    UPDATE "Node" SET
      "hostname" = $1::jsonb->>'hostname',
      "kernel" = $1::jsonb->>'kernel',
      "underlayAddresses" = ARRAY(SELECT jsonb_array_elements_text($1::jsonb->'underlayAddresses')),
      "modes" = ARRAY(SELECT jsonb_array_elements_text($1::jsonb->'modes')),
      "agentVersion" = $1::jsonb->>'agentVersion',
      "identity" = $1::jsonb,
      "bgp" = $2::jsonb,
      "collectorErrors" = $3::jsonb,
      "lastSeen" = GREATEST("lastSeen", $4::timestamptz),
      "ackedSeq" = $5::int
    WHERE "name" = $6::text AND "epoch" = $7::text AND "ackedSeq" = $8::int
    RETURNING "id", "epoch", "ackedSeq", "lastSeen"
  ), samples AS (
    INSERT INTO "CounterSample"
      ("nodeId", "ts", "ifname", "rxBytes", "rxPackets", "rxErrors", "rxDropped", "txBytes", "txPackets", "txErrors", "txDropped")
    SELECT node."id", node."lastSeen", c."ifname", c."rxBytes"::bigint, c."rxPackets"::bigint, c."rxErrors"::bigint,
      c."rxDropped"::bigint, c."txBytes"::bigint, c."txPackets"::bigint, c."txErrors"::bigint, c."txDropped"::bigint
    FROM node, jsonb_to_recordset($9::jsonb) AS c("ifname" text, "rxBytes" numeric, "rxPackets" numeric,
      "rxErrors" numeric, "rxDropped" numeric, "txBytes" numeric, "txPackets" numeric, "txErrors" numeric, "txDropped" numeric)
  )
  SELECT "id", "epoch", "ackedSeq", "lastSeen" FROM node`;

@Injectable()
export class NodeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Serialises writers of one node until the transaction ends (also for a node that does not exist yet). */
  async lockName(tx: Tx, name: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'meshlens.node:' + name}, 0))`;
  }

  /**
   * Where the node's stream stands, its row locked until the transaction ends: a heartbeat (recordHeartbeat, a
   * statement of its own) waits for this transaction and then sees its ackedSeq, and the other way round.
   */
  async findSyncStateByName(tx: Tx, name: string): Promise<NodeSyncState | null> {
    const rows = await tx.$queryRaw<NodeSyncState[]>`
      SELECT "id", "epoch", "ackedSeq", "lastSeen" FROM "Node" WHERE "name" = ${name} FOR UPDATE`;
    return rows[0] ?? null;
  }

  /**
   * A delta without table changes (identity, BGP status, collector errors and counters only) in one statement, no
   * interactive transaction: applied only when it is the next seq of the stored epoch (the row lock makes a
   * concurrent copy of the same report re-check and miss), counter samples written by the same statement (so with the
   * ack or not at all), time kept monotonic like the general path does. Null when it does not apply (duplicate,
   * gap, other epoch, unknown node): the caller takes the general path, which answers those cases. A prepared
   * statement on the pool: this is the statement the API runs most.
   */
  async recordHeartbeat(report: DeltaReport): Promise<NodeSyncState | null> {
    const rows = await this.prisma.queryPrepared<NodeSyncState>('meshlens_record_heartbeat', RECORD_HEARTBEAT_SQL, [
      JSON.stringify(report.identity),
      report.bgp ? JSON.stringify(report.bgp) : null,
      JSON.stringify(report.errors),
      report.collectedAt,
      report.seq,
      report.nodeName,
      report.epoch,
      report.baseSeq,
      JSON.stringify(report.counters),
    ]);
    return rows[0] ?? null;
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
