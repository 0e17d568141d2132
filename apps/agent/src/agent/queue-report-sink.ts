import type { Logger } from 'pino';
import type { NodeReport } from '@meshlens/model';
import type { DeliveryLoop } from '../delivery/delivery-loop';
import type { ReportQueue } from '../queue/report-queue';
import type { ReportComposer } from '../report/report-composer';
import type { ReportSink } from './report-sink';
import type { SerialExecutor } from './serial-executor';

const CLOSE_WAIT_MS = 2000;

/**
 * Queue first, then deliver: a report is on disk before the API sees it. When the queue outgrows its bound, or the
 * API asks for a full report, everything queued is replaced by one full report of the composer's baseline, which
 * already holds every queued change, so nothing is lost.
 */
export class QueueReportSink implements ReportSink {
  private running?: Promise<void>;

  constructor(
    private readonly queue: ReportQueue,
    private readonly delivery: DeliveryLoop,
    private readonly composer: ReportComposer,
    private readonly serial: SerialExecutor,
    private readonly log: Logger,
    private readonly background: boolean,
  ) {}

  async open(): Promise<void> {
    const leftovers = await this.queue.open();
    if (leftovers.length > 0) {
      this.log.info(
        { reports: leftovers.length, bytes: this.queue.totalBytes, epochs: [...new Set(leftovers.map((l) => l.epoch))] },
        'found reports of an earlier run; sending them before this run\'s full report',
      );
    }
    if (this.background) this.running = this.delivery.run();
  }

  async accept(report: NodeReport): Promise<void> {
    await this.queue.push(report);
    if (this.queue.overBound && this.queue.size > 1) {
      this.log.warn({ bytes: this.queue.totalBytes, reports: this.queue.size, max: this.queue.maxBytes }, 'queue over its bound; collapsing it into one full report');
      await this.collapseNow();
    }
    this.delivery.wake();
  }

  /** DeliveryHooks.needFull: serialized with composing, so the full report's seq follows every queued one. */
  collapse(): Promise<void> {
    return this.serial.run(() => this.collapseNow());
  }

  async flush(): Promise<boolean> {
    return this.delivery.drain(3);
  }

  /** Does not wait out a slow POST for long: the report is on disk and goes first on the next start. */
  async close(): Promise<void> {
    this.delivery.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private async collapseNow(): Promise<void> {
    const full = this.composer.composeBaselineFull();
    await this.queue.replaceAll(full);
    this.delivery.wake();
  }
}
