// Simulated nodes for the history bench: a real Calico BGP capture (libs/netparse fixtures, parsed with the agent's
// parsers) scaled up with per-pod /32 routes the way Calico programs them, reports as the agent sends them, and the
// route churn of a background fleet written straight into the Route table.
import type { DeltaReport, FullReport, ReportTables, Route } from '@meshlens/model';
import type { PrismaService } from '../../apps/api/src/app/database/prisma.service';
import { loadCapture } from './fixture-reports';

/** The captured Calico BGP node, plus `podRoutes` /32 routes to local pods (cali* devices) cloned from a real one. */
export function calicoNodeTables(podRoutes: number): {
  tables: ReportTables;
  counters: FullReport['counters'];
} {
  const { tables, counters } = loadCapture('calico-bgp-node');
  const template =
    tables.routes.find((r) => r.family === 'inet' && r.table === 'main' && r.dev !== undefined && r.scope === 'link') ??
    tables.routes[0];
  const pods: Route[] = Array.from({ length: podRoutes }, (_, i) => ({
    ...template,
    dst: `10.200.${i >> 8}.${i & 255}/32`,
    dev: `cali${i.toString(16).padStart(11, '0')}`,
    scope: 'link',
  }));
  return { tables: { ...tables, routes: [...tables.routes, ...pods] }, counters };
}

/** One simulated agent: a full report, then deltas carrying moved counters and the given route changes. */
export class BenchNode {
  private seq = 0;
  private counters: FullReport['counters'];
  readonly routes: Route[];
  constructor(
    readonly name: string,
    private readonly tables: ReportTables,
    counters: FullReport['counters'],
  ) {
    this.counters = counters;
    this.routes = [...tables.routes];
  }

  private base(at: number) {
    return {
      nodeName: this.name,
      epoch: 'bench',
      collectedAt: new Date(at).toISOString(),
      errors: [],
      identity: {
        hostname: this.name,
        underlayAddresses: [],
        modes: ['calico-bgp' as const],
        agentVersion: 'bench',
      },
    };
  }

  full(at: number): FullReport {
    this.seq += 1;
    return {
      ...this.base(at),
      seq: this.seq,
      kind: 'full',
      counters: this.counters,
      tables: this.tables,
    };
  }

  /** `change` routes move to a new cali device (the pod was re-created): one row closed, one opened, same key. */
  delta(at: number, change: number[]): DeltaReport {
    const baseSeq = this.seq;
    this.seq += 1;
    this.counters = this.counters.map((c) => ({
      ...c,
      rxBytes: c.rxBytes + 150_000,
      rxPackets: c.rxPackets + 100,
      txBytes: c.txBytes + 90_000,
      txPackets: c.txPackets + 60,
    }));
    const upsert = change.map(
      (i) =>
        (this.routes[i] = {
          ...this.routes[i],
          dev: `cali${(this.seq * 65_536 + i).toString(16).padStart(11, '0')}`,
        }),
    );
    return {
      ...this.base(at),
      seq: this.seq,
      baseSeq,
      kind: 'delta',
      counters: this.counters,
      changes: upsert.length ? { routes: { upsert, remove: [] } } : {},
    };
  }
}

/**
 * One simulated hour of churn on a background fleet, written the way ingest writes a changed row (the current row
 * closed at `at`, a row of the same key opened at `at`, in one statement): the routes of `keys` on every node of
 * `nodeIds` move to a new cali device. Written in SQL because the tens of thousands of reports it stands for would
 * keep a busy 2-core machine for an hour; what matters of this fleet is only how its rows sit beside the measured
 * node's (heap pages, index entries). Returns the number of rows closed.
 */
export async function churnFleetRoutes(
  prisma: PrismaService,
  nodeIds: number[],
  keys: string[],
  at: Date,
): Promise<number> {
  return prisma.$executeRaw`
    WITH closed AS (
      UPDATE "Route" SET "validTo" = ${at}
      WHERE "nodeId" = ANY(${nodeIds}::int[]) AND "key" = ANY(${keys}::text[]) AND "validTo" IS NULL
      RETURNING "nodeId", "key", "table", "family", "protocol",
        jsonb_set("data", '{dev}', to_jsonb('cali' || substr(md5("nodeId" || "key" || ${at.toISOString()}), 1, 11))) AS "next")
    INSERT INTO "Route" ("nodeId", "key", "hash", "table", "family", "dev", "protocol", "data", "validFrom")
    SELECT "nodeId", "key", md5("next"::text), "table", "family", "next"->>'dev', "protocol", "next", ${at}
    FROM closed`;
}
