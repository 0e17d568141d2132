import { Injectable, Logger, Optional } from '@nestjs/common';
import { TABLE_NAMES, type DeltaReport, type FullReport, type NodeReport, type ReportAck, type TableName } from '@meshlens/model';
import { IngestEvents } from '../alerts/ingest-events';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { CounterSampleRepository } from '../nodes/counter-sample.repository';
import { NodeRepository, type NodeSyncState } from '../nodes/node.repository';
import { NodeStateRepository } from '../nodes/node-state.repository';
import { STORED_TABLES } from '../nodes/node-tables';
import { findInvalidAddresses } from './find-invalid-addresses';
import { planTableChanges, type TableChangePlan } from './plan-table-changes';

type Applied = ReportAck['applied'];
const NOTHING: Applied = { added: 0, removed: 0, changed: 0 };

/**
 * Applies agent reports exactly once: a full report replaces the node's state, a delta applies on top of the
 * report it names; everything of one report lands in one transaction, and the ack names the committed seq.
 */
@Injectable()
export class ReportIngestService {
  private readonly logger = new Logger(ReportIngestService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly nodes: NodeRepository,
    private readonly state: NodeStateRepository,
    private readonly counters: CounterSampleRepository,
    // Optional: the alert engine listens to committed reports; ingest works without it.
    @Optional() private readonly events?: IngestEvents,
  ) {}

  async ingest(report: NodeReport): Promise<ReportAck> {
    const issues = findInvalidAddresses(report);
    if (issues.length > 0) throw MeshlensException.validation(issues, 'report');
    const ack = (await this.tryHeartbeat(report)) ?? (await this.applyInTransaction(report));
    this.events?.emit({ report, ack });
    this.logger.debug(`${report.kind} report ${report.nodeName} ${report.epoch}#${report.seq}: ${JSON.stringify(ack.applied)}`);
    return ack;
  }

  /**
   * Most reports are heartbeats (a delta changing no table): one statement instead of an interactive transaction's
   * round trips. Undefined when the report is none, or is not the next one of the stored epoch.
   */
  private async tryHeartbeat(report: NodeReport): Promise<ReportAck | undefined> {
    if (report.kind !== 'delta' || !changesNoTable(report)) return undefined;
    const node = await this.nodes.recordHeartbeat(report);
    return node ? this.ackOf(report.nodeName, node, NOTHING) : undefined;
  }

  private applyInTransaction(report: NodeReport): Promise<ReportAck> {
    return this.transactions.run(async (tx) => {
      await this.nodes.lockName(tx, report.nodeName);
      const node = await this.nodes.findSyncStateByName(tx, report.nodeName);
      if (node && node.epoch === report.epoch && report.seq <= node.ackedSeq) {
        return this.ackOf(report.nodeName, node, NOTHING);
      }
      if (report.kind === 'delta') this.assertDeltaApplies(report, node);
      // Never let a row close before it opened when the agent's clock steps back.
      const at = new Date(Math.max(Date.parse(report.collectedAt), node?.lastSeen.getTime() ?? 0));
      const nodeId = await this.nodes.upsertFromReport(tx, report, at);
      const applied =
        report.kind === 'full' ? await this.applyFull(tx, nodeId, report, at, node === null) : await this.applyDelta(tx, nodeId, report, at);
      await this.counters.insertSamples(tx, nodeId, at, report.counters);
      return { nodeName: report.nodeName, epoch: report.epoch, ackedSeq: report.seq, needFull: false, applied };
    });
  }

  private assertDeltaApplies(report: DeltaReport, node: NodeSyncState | null): void {
    const reason = !node
      ? 'unknown node'
      : node.epoch !== report.epoch
        ? `epoch ${report.epoch} is not the stored epoch ${node.epoch}`
        : report.baseSeq !== node.ackedSeq
          ? `baseSeq ${report.baseSeq} does not follow the acknowledged seq ${node.ackedSeq}`
          : null;
    if (!reason) return;
    const current = node ?? { epoch: report.epoch, ackedSeq: 0 };
    throw new MeshlensException(
      MeshlensErrorCode.NeedFullReport,
      `cannot apply delta ${report.seq} of ${report.nodeName}: ${reason}; send a full report`,
      undefined,
      { ...this.ackOf(report.nodeName, current, NOTHING), needFull: true },
    );
  }

  /** `newNode`: the node row was created by this transaction, so it has no rows yet and nothing needs reading. */
  private async applyFull(tx: Tx, nodeId: number, report: FullReport, at: Date, newNode: boolean): Promise<Applied> {
    const plans: TableChangePlan<unknown>[] = [];
    // A table whose collector failed (its name is an error's source) is unknown this time, not empty: keep it.
    const withheld = new Set(report.errors.map((e) => e.source));
    for (const table of TABLE_NAMES) {
      if (withheld.has(table)) continue;
      const current = newNode ? [] : await this.state.findCurrentRefs(tx, nodeId, table);
      const plan = planTableChanges(current, { upsert: report.tables[table], removeMissing: true }, keyOf(table));
      await this.write(tx, nodeId, table, plan, at);
      plans.push(plan);
    }
    return sum(plans);
  }

  private async applyDelta(tx: Tx, nodeId: number, report: DeltaReport, at: Date): Promise<Applied> {
    const plans: TableChangePlan<unknown>[] = [];
    for (const table of TABLE_NAMES) {
      const change = report.changes[table];
      if (!change) continue;
      const upsert = change.upsert as unknown[];
      const keys = [...upsert.map(keyOf(table)), ...change.remove];
      const current = await this.state.findCurrentRefsByKeys(tx, nodeId, table, keys);
      const plan = planTableChanges(current, { upsert, remove: change.remove }, keyOf(table));
      await this.write(tx, nodeId, table, plan, at);
      plans.push(plan);
    }
    return sum(plans);
  }

  private async write(tx: Tx, nodeId: number, table: TableName, plan: TableChangePlan<unknown>, at: Date): Promise<void> {
    // Close first: the partial unique index allows one current row per key.
    await this.state.closeRows(tx, table, plan.closeIds, at);
    await this.state.insertRows(tx, nodeId, table, plan.insert as never, at);
  }

  private ackOf(nodeName: string, node: Pick<NodeSyncState, 'epoch' | 'ackedSeq'>, applied: Applied): ReportAck {
    return { nodeName, epoch: node.epoch, ackedSeq: node.ackedSeq, needFull: false, applied };
  }
}

const changesNoTable = (report: DeltaReport): boolean =>
  TABLE_NAMES.every((t) => {
    const change = report.changes[t];
    return !change || (change.upsert.length === 0 && change.remove.length === 0);
  });

const keyOf = (table: TableName) => STORED_TABLES[table].keyOf as (row: unknown) => string;

const sum = (plans: TableChangePlan<unknown>[]): Applied =>
  plans.reduce((a, p) => ({ added: a.added + p.added, removed: a.removed + p.removed, changed: a.changed + p.changed }), NOTHING);
