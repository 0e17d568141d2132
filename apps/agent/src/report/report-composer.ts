import { randomUUID } from 'node:crypto';
import {
  BgpStatus,
  Counters,
  DeltaReport,
  FullReport,
  NATURAL_KEYS,
  NodeIdentity,
  NodeReport,
  nodeReportSchema,
  ReportDelta,
  ReportTables,
  TABLE_NAMES,
  TableName,
  TableRows,
} from '@meshlens/model';
import type { Snapshot } from '../collectors/collector';
import { volatileFieldsOf } from './comparable-row';
import { sameRow } from './same-row';

type TableState = Map<string, unknown>;

export class ReportInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInvalidError';
  }
}

function indexRows(table: TableName, rows: readonly unknown[]): TableState {
  const keyOf = NATURAL_KEYS[table] as (row: TableRows[TableName]) => string;
  const state: TableState = new Map();
  // The kernel never lists two rows with one natural key; if a parser ever does, the last wins, as in the API's diff.
  for (const row of rows) state.set(keyOf(row as TableRows[TableName]), row);
  return state;
}

const rowsOf = (state: TableState | undefined): unknown[] => (state ? [...state.values()] : []);

/**
 * Turns snapshots into numbered reports of one epoch: a full report first (or whenever asked), then deltas against
 * everything reported before (the "baseline", what the API holds once every queued report is applied). A table
 * absent from a snapshot is left out of the delta, and a full report repeats its last known rows.
 */
export class ReportComposer {
  private seq = 0;
  private fullRequested = true;
  private readonly baseline = new Map<TableName, TableState>();
  private readonly sentCounters = new Map<string, Counters>();
  private lastIdentity?: NodeIdentity;
  private lastBgp?: BgpStatus;

  constructor(
    private readonly nodeName: string,
    readonly epoch: string = randomUUID(),
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  get identity(): NodeIdentity | undefined {
    return this.lastIdentity;
  }

  /** The next compose() produces a full report (API asked, or a report was dropped). */
  requestFull(): void {
    this.fullRequested = true;
  }

  compose(snapshot: Snapshot, collectedAt: Date = new Date()): NodeReport {
    const next = new Map<TableName, TableState>();
    for (const t of TABLE_NAMES) {
      const rows = snapshot.tables[t];
      if (rows) next.set(t, indexRows(t, rows));
    }
    const bgp = snapshot.bgp ?? this.lastBgp;
    const base = {
      nodeName: this.nodeName,
      seq: this.seq + 1,
      epoch: this.epoch,
      collectedAt: collectedAt.toISOString(),
      identity: snapshot.identity,
      ...(bgp ? { bgp } : {}),
      errors: snapshot.errors,
    };
    const full = this.fullRequested;
    const counters = snapshot.counters ?? [];
    const report = full
      ? this.validate({ ...base, kind: 'full', counters, tables: this.fullTables(next) })
      : this.validate({ ...base, kind: 'delta', baseSeq: this.seq, counters: this.changedCounters(counters), changes: this.changes(next) });

    this.seq = report.seq;
    this.fullRequested = false;
    for (const [t, state] of next) this.baseline.set(t, state);
    if (snapshot.counters) {
      this.sentCounters.clear();
      for (const c of counters) this.sentCounters.set(c.ifname, c);
    }
    this.lastIdentity = snapshot.identity;
    if (snapshot.bgp) this.lastBgp = snapshot.bgp;
    return report;
  }

  /**
   * One full report of everything reported so far, with a new seq: replaces a queue of deltas the API will never
   * apply (it asked for a full report) or that grew past the queue bound. Nothing is lost: the baseline already
   * holds every change those deltas carried.
   */
  composeBaselineFull(collectedAt: Date = new Date()): FullReport {
    if (!this.lastIdentity) throw new ReportInvalidError('no report was composed yet');
    const report = this.validate({
      nodeName: this.nodeName,
      seq: this.seq + 1,
      epoch: this.epoch,
      collectedAt: collectedAt.toISOString(),
      identity: this.lastIdentity,
      ...(this.lastBgp ? { bgp: this.lastBgp } : {}),
      errors: [],
      kind: 'full',
      counters: [...this.sentCounters.values()],
      tables: this.fullTables(new Map()),
    }) as FullReport;
    this.seq = report.seq;
    this.fullRequested = false;
    return report;
  }

  private fullTables(next: Map<TableName, TableState>): ReportTables {
    const tables = {} as Record<TableName, unknown[]>;
    for (const t of TABLE_NAMES) tables[t] = rowsOf(next.get(t) ?? this.baseline.get(t));
    return tables as unknown as ReportTables;
  }

  private changes(next: Map<TableName, TableState>): ReportDelta {
    const changes: Record<string, { upsert: unknown[]; remove: string[] }> = {};
    for (const [t, after] of next) {
      const before: TableState = this.baseline.get(t) ?? new Map();
      const ignore = volatileFieldsOf(t);
      const upsert: unknown[] = [];
      const remove: string[] = [];
      for (const [key, row] of after) {
        const old = before.get(key);
        if (old === undefined || !sameRow(old, row, ignore)) upsert.push(row);
      }
      for (const key of before.keys()) if (!after.has(key)) remove.push(key);
      // Unchanged tables are left out, so a quiet node's heartbeat stays a few hundred bytes.
      if (upsert.length || remove.length) changes[t] = { upsert, remove };
    }
    return changes as ReportDelta;
  }

  /** Counters of interfaces whose counters moved since they were last sent (all of them in a full report). */
  private changedCounters(counters: Counters[]): Counters[] {
    return counters.filter((c) => {
      const sent = this.sentCounters.get(c.ifname);
      return sent === undefined || !sameRow(sent, c);
    });
  }

  private validate(candidate: Omit<FullReport, 'seq'> & { seq: number } | Omit<DeltaReport, 'seq'> & { seq: number }): NodeReport {
    const result = nodeReportSchema.safeParse(candidate);
    if (!result.success) {
      const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new ReportInvalidError(`report ${candidate.seq} does not match the model: ${issues.join('; ')}`);
    }
    return result.data;
  }
}
