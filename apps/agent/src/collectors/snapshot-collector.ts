import type { Logger } from 'pino';
import { countersSchema, type CollectorError, type ReportTables, type TableName } from '@meshlens/model';
import { AGENT_VERSION } from '../agent/agent-version.constant';
import type { CollectContext, Collector, CollectorOutput, Snapshot } from './collector';
import { rowProblem } from './row-problem';
import type { CollectGate } from '../watch/collect-gate';

/**
 * Runs every collector of one cycle. A collector that throws adds a CollectorError and contributes nothing, so its
 * table is absent from the snapshot (unknown), and the others are unaffected. Rows that do not match the model are
 * dropped one by one with an error, so one odd row cannot block a report (the parsers already hold every row to
 * the model's schema).
 */
export class SnapshotCollector {
  private readonly known: Partial<ReportTables> = {};
  private lastIdentity?: Snapshot['identity'];

  constructor(
    private readonly collectors: readonly Collector[],
    private readonly log: Logger,
    private readonly netns?: string,
    /** Skips tables whose kernel state did not change (absent: every table is read every cycle). */
    private readonly gate?: CollectGate,
  ) {}

  /** `only` restricts the cycle to the named sources (the fast BGP loop keeps the last identity). */
  async collect(only?: ReadonlySet<string>): Promise<Snapshot> {
    const snapshot: Snapshot = {
      readAt: performance.now(),
      tables: {},
      identity: this.lastIdentity ?? { hostname: '', underlayAddresses: [], modes: [], agentVersion: AGENT_VERSION, ...(this.netns ? { netns: this.netns } : {}) },
      errors: [],
      warnings: [],
    };
    const stage = (s: Collector['stage']) => this.collectors.filter((c) => c.stage === s && (!only || only.has(c.source)));
    const tables = stage('tables');
    // A partial cycle (the once-a-second BGP read) reads no kernel table: nothing for the gate to check.
    if (!only) await this.gate?.prepare();
    await this.runStage(tables.filter((c) => !this.gate?.unchanged(c.source)), snapshot);
    Object.assign(this.known, snapshot.tables);
    await this.runStage(stage('derived'), snapshot);
    this.lastIdentity = snapshot.identity;
    for (const w of snapshot.warnings) this.log.debug({ warning: w }, 'collector warning');
    return snapshot;
  }

  private async runStage(collectors: Collector[], snapshot: Snapshot): Promise<void> {
    const context: CollectContext = { known: { ...this.known } };
    const results = await Promise.allSettled(collectors.map((c) => this.read(c, context)));
    results.forEach((result, i) => {
      const source = collectors[i].source;
      if (result.status === 'rejected') {
        const message = (result.reason as Error)?.message ?? String(result.reason);
        this.log.warn({ source, err: message }, 'collector failed; its tables are withheld this cycle');
        snapshot.errors.push({ source, message });
        return;
      }
      this.merge(result.value, snapshot);
    });
  }

  private async read(collector: Collector, context: CollectContext): Promise<CollectorOutput> {
    const token = this.gate?.readStarted(collector.source);
    try {
      const out = await collector.collect(context);
      if (token) this.gate?.readDone(token, true);
      return out;
    } catch (e) {
      if (token) this.gate?.readDone(token, false);
      throw e;
    }
  }

  private merge(out: CollectorOutput, snapshot: Snapshot): void {
    for (const [table, rows] of Object.entries(out.tables ?? {}) as [TableName, unknown[]][]) {
      (snapshot.tables as Record<TableName, unknown[]>)[table] = this.validRows(table, rows, snapshot.errors);
    }
    if (out.counters) snapshot.counters = out.counters.filter((c) => countersSchema.safeParse(c).success);
    if (out.bgp) snapshot.bgp = out.bgp;
    if (out.identity) snapshot.identity = out.identity;
    snapshot.errors.push(...(out.errors ?? []));
    snapshot.warnings.push(...(out.warnings ?? []));
  }

  /**
   * The parsers already checked every row against the model's schema; what is left is what the schema cannot say
   * and the API would refuse (an address-shaped string that is no address), so one bad row never blocks the node.
   */
  private validRows(table: TableName, rows: unknown[], errors: CollectorError[]): unknown[] {
    const valid: unknown[] = [];
    let first: string | undefined;
    let bad = 0;
    for (const row of rows) {
      const problem = rowProblem(table, row as Record<string, unknown>);
      if (!problem) valid.push(row);
      else {
        bad++;
        first ??= `${JSON.stringify(row).slice(0, 200)}: ${problem}`;
      }
    }
    if (bad > 0) errors.push({ source: 'validation', message: `${bad} ${table} row(s) do not match the model, e.g. ${first}` });
    return valid;
  }
}
