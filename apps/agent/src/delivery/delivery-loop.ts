import type { Logger } from 'pino';
import type { NodeReport } from '@meshlens/model';
import type { QueuedReport, ReportQueue } from '../queue/report-queue';
import { Backoff } from './backoff';
import type { ReportSender, SendOutcome } from './report-sender';

export interface DeliveryHooks {
  /** Epoch of this process run; queued reports of other epochs are leftovers of an earlier run. */
  readonly epoch: string;
  /** The API wants a full report now: replace the queue with one (see AgentRunner.collapse). */
  needFull(): Promise<void>;
  /** A report was dropped: the next composed report must be full, since later deltas build on the dropped one. */
  dropped(): void;
}

export type StepResult = 'empty' | 'delivered' | 'failed';

/**
 * Sends the queue head until it is acknowledged, strictly in order; only acknowledged (or finally rejected) reports
 * leave the queue. Leftovers of an earlier epoch go first: they carry changes (with their times) that the new
 * epoch's full report would only show as a final state; if the API refuses them, the rest of that epoch is dropped.
 */
export class DeliveryLoop {
  private stopped = false;
  private wakeUp?: () => void;
  private endSleep?: () => void;

  constructor(
    private readonly queue: ReportQueue,
    private readonly sender: ReportSender,
    private readonly hooks: DeliveryHooks,
    private readonly log: Logger,
    private readonly backoff = new Backoff(),
  ) {}

  wake(): void {
    this.wakeUp?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake();
    this.endSleep?.();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      const result = await this.step();
      if (result === 'empty') await this.waitForWork();
      else if (result === 'failed') await this.sleep(this.backoff.next());
    }
  }

  /** --once: deliver everything queued, giving up (reports stay queued) after `attempts` failures in a row. */
  async drain(attempts: number): Promise<boolean> {
    let failures = 0;
    while (!this.stopped) {
      const result = await this.step();
      if (result === 'empty') return true;
      if (result === 'failed' && ++failures >= attempts) return false;
      if (result === 'failed') await this.sleep(this.backoff.next());
      if (result === 'delivered') failures = 0;
    }
    return this.queue.size === 0;
  }

  async step(): Promise<StepResult> {
    const item = this.queue.head();
    if (!item) return 'empty';
    let report: NodeReport;
    try {
      report = await this.queue.read(item);
    } catch (e) {
      // Replaced by a collapse while we looked, or unreadable (a crash mid-write cannot leave one: rename is atomic).
      if (this.queue.head() === item) {
        this.log.error({ file: item.file, err: e }, 'dropping unreadable queued report');
        await this.queue.remove((i) => i === item);
        this.hooks.dropped();
      }
      return 'delivered';
    }
    const outcome = await this.sender.send(report);
    return this.handle(item, report, outcome);
  }

  private async handle(item: QueuedReport, report: NodeReport, outcome: SendOutcome): Promise<StepResult> {
    const ctx = { seq: report.seq, epoch: report.epoch, kind: report.kind };
    const current = report.epoch === this.hooks.epoch;
    switch (outcome.type) {
      case 'ack': {
        const { ack } = outcome;
        if (this.backoff.failures > 0) this.log.info({ ...ctx, queued: this.queue.size }, 'API reachable again; sending queued reports');
        this.backoff.reset();
        if (ack.epoch === report.epoch) {
          await this.queue.remove((i) => i.epoch === ack.epoch && i.seq <= ack.ackedSeq);
        }
        const applied = ack.epoch === report.epoch && ack.ackedSeq >= report.seq;
        if (!ack.needFull && applied) {
          this.log.debug({ ...ctx, applied: ack.applied }, 'report acknowledged');
          return 'delivered';
        }
        return this.wantsFull(item, report, ctx, `ack needFull=${ack.needFull} ackedSeq=${ack.ackedSeq}`);
      }
      case 'need-full':
        this.backoff.reset();
        return this.wantsFull(item, report, ctx, `HTTP ${outcome.status} ${outcome.detail}`);
      case 'rejected':
        this.log.error({ ...ctx, status: outcome.status, body: outcome.detail }, 'API rejected the report; dropping it');
        await this.queue.remove((i) => i === item);
        if (current) this.hooks.dropped();
        return 'failed';
      case 'unauthorized':
        this.log.error({ ...ctx, status: outcome.status, body: outcome.detail }, 'API refused the agent token; will retry');
        return 'failed';
      case 'retry':
        this.log.warn({ ...ctx, status: outcome.status, reason: outcome.detail, failures: this.backoff.failures }, 'API unavailable; report stays queued');
        return 'failed';
    }
  }

  private async wantsFull(item: QueuedReport, report: NodeReport, ctx: object, why: string): Promise<StepResult> {
    if (report.epoch !== this.hooks.epoch) {
      const n = await this.queue.remove((i) => i.epoch === report.epoch);
      this.log.warn({ ...ctx, why, dropped: n }, 'API refused reports of an earlier run; the new full report supersedes them');
      return 'delivered';
    }
    if (report.kind === 'full') {
      // Asking for a full report in answer to one would loop; treat as a rejection and let the next cycle try anew.
      this.log.error({ ...ctx, why }, 'API asked for a full report in answer to a full report; dropping it');
      await this.queue.remove((i) => i === item);
      this.hooks.dropped();
      return 'failed';
    }
    this.log.info({ ...ctx, why }, 'API wants a full report; collapsing the queue');
    await this.hooks.needFull();
    return 'delivered';
  }

  private waitForWork(): Promise<void> {
    if (this.stopped || this.queue.size > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakeUp = () => {
        this.wakeUp = undefined;
        resolve();
      };
    });
  }

  /** Backoff sleep: only stop() ends it early; new reports alone do not shorten a backoff. */
  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.endSleep = undefined;
        resolve();
      }, ms);
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
    });
  }
}
