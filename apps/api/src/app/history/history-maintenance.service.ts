import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TABLE_NAMES } from '@meshlens/model';
import { HISTORY_CONFIG, type HistoryConfig } from './history-config';
import { HistoryMaintenanceRepository } from './history-maintenance.repository';

const MINUTE = 60_000;
const HOUR = 3_600_000;
// Samples of the current minute may still arrive; roll up only minutes this far behind.
const ROLLUP_LAG_MS = 2 * MINUTE;
// One rollup transaction covers at most this much raw time, so it stays short whatever the backlog.
const ROLLUP_CHUNK_MS = 10 * MINUTE;

export interface MaintenancePass {
  ran: boolean;
  deleted: {
    samples: number;
    minuteRollups: number;
    hourRollups: number;
    closedRows: number;
  };
}

/**
 * Rolls counters up (raw -> 1 min -> 1 h) and deletes what is past retention, in short transactions and LIMITed
 * batches so ingest never waits on it; one replica at a time (advisory lock).
 */
@Injectable()
export class HistoryMaintenanceService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(HistoryMaintenanceService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    @Inject(HISTORY_CONFIG) private readonly config: HistoryConfig,
    private readonly repo: HistoryMaintenanceRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.maintenanceIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error) =>
          this.logger.error(
            `history maintenance failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => (this.running = undefined));
    }, this.config.maintenanceIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass at `now`; returns ran=false when another replica holds the lock. */
  async runOnce(now = new Date()): Promise<MaintenancePass> {
    const deleted = {
      samples: 0,
      minuteRollups: 0,
      hourRollups: 0,
      closedRows: 0,
    };
    const ran = await this.repo.withLock(async () => {
      await this.rollUp(now);
      const c = this.config;
      const minuteWatermark =
        (await this.repo.findWatermark(60)) ?? new Date(0);
      // Raw samples go only once rolled up, whatever the retention says.
      const rawCut = new Date(
        Math.min(
          now.getTime() - c.counterRawRetentionMs,
          minuteWatermark.getTime(),
        ),
      );
      deleted.samples = await this.drain((n) =>
        this.repo.deleteSamplesBefore(rawCut, n),
      );
      deleted.minuteRollups = await this.drain((n) =>
        this.repo.deleteRollupsBefore(
          60,
          new Date(now.getTime() - c.counterMinuteRetentionMs),
          n,
        ),
      );
      deleted.hourRollups = await this.drain((n) =>
        this.repo.deleteRollupsBefore(
          3600,
          new Date(now.getTime() - c.counterHourRetentionMs),
          n,
        ),
      );
      const horizon = new Date(now.getTime() - c.retentionMs);
      for (const table of TABLE_NAMES)
        deleted.closedRows += await this.drain((n) =>
          this.repo.deleteClosedRowsBefore(table, horizon, n),
        );
    });
    return { ran, deleted };
  }

  private async rollUp(now: Date): Promise<void> {
    const minuteEnd = floorTo(now.getTime() - ROLLUP_LAG_MS, MINUTE);
    let lo =
      (await this.repo.findWatermark(60))?.getTime() ??
      floorTo(
        (await this.repo.findOldestSample())?.getTime() ?? minuteEnd,
        MINUTE,
      );
    const firstMinute = lo;
    while (lo < minuteEnd && !this.stopped) {
      // Skip stretches without samples (API down, no agents) instead of walking them chunk by chunk.
      const next = await this.repo.findFirstSampleFrom(new Date(lo));
      if (next === null || next.getTime() >= minuteEnd) {
        await this.repo.saveWatermark(60, new Date(minuteEnd));
        break;
      }
      lo = Math.max(lo, floorTo(next.getTime(), MINUTE));
      const hi = Math.min(minuteEnd, lo + ROLLUP_CHUNK_MS);
      await this.repo.rollupSamplesToMinutes(new Date(lo), new Date(hi));
      lo = hi;
    }
    // Whole hours whose minutes are all rolled up.
    const hourEnd = floorTo(
      (await this.repo.findWatermark(60))?.getTime() ?? 0,
      HOUR,
    );
    let hourLo =
      (await this.repo.findWatermark(3600))?.getTime() ??
      floorTo(Math.min(hourEnd, firstMinute), HOUR);
    while (hourLo < hourEnd && !this.stopped) {
      const hi = Math.min(hourEnd, hourLo + 24 * HOUR);
      await this.repo.rollupMinutesToHours(new Date(hourLo), new Date(hi));
      hourLo = hi;
    }
  }

  /** Repeats a LIMITed delete until a batch comes back short; each batch is its own statement (own transaction). */
  private async drain(batch: (n: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await batch(this.config.batchSize);
      total += n;
      if (n < this.config.batchSize || this.stopped) return total;
    }
  }
}

const floorTo = (ms: number, unit: number): number =>
  Math.floor(ms / unit) * unit;
