import { Inject, Injectable } from '@nestjs/common';
import type { CounterRates, CounterRatesQuery } from '@meshlens/model';
import { MeshlensException } from '../common/meshlens.exception';
import { CounterHistoryRepository } from './counter-history.repository';
import {
  incrementsFromSamples,
  ratesFromIncrements,
  type CounterIncrement,
} from './counter-increments';
import { HISTORY_CONFIG, type HistoryConfig } from './history-config';

// A response holds at most this many points per interface.
const MAX_POINTS = 2000;
const DEFAULT_POINTS = 300;

type Resolution = CounterRates['resolution'];
const RESOLUTION_STEP: Record<Resolution, number> = {
  raw: 1,
  '1m': 60,
  '1h': 3600,
};

/**
 * Counter rates over a window from the finest data still kept for its start: raw samples, else 1-minute, else
 * 1-hour rollups; the part of the window not yet rolled up comes from the next finer source.
 */
@Injectable()
export class CounterRatesReader {
  constructor(
    @Inject(HISTORY_CONFIG) private readonly config: HistoryConfig,
    private readonly repo: CounterHistoryRepository,
  ) {}

  async read(
    nodeId: number,
    q: CounterRatesQuery,
    now: Date,
  ): Promise<Omit<CounterRates, 'node'>> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    const age = now.getTime() - from.getTime();
    const resolution: Resolution =
      age <= this.config.counterRawRetentionMs
        ? 'raw'
        : age <= this.config.counterMinuteRetentionMs
          ? '1m'
          : '1h';
    const span = (to.getTime() - from.getTime()) / 1000;
    const minStep = RESOLUTION_STEP[resolution];
    const step = Math.max(minStep, q.step ?? Math.ceil(span / DEFAULT_POINTS));
    if (step % minStep !== 0)
      throw invalidStep(
        `with ${resolution} data the step must be a multiple of ${minStep} s`,
      );
    if (span / step > MAX_POINTS)
      throw invalidStep(
        `at most ${MAX_POINTS} points per interface: use a step of at least ${Math.ceil(span / MAX_POINTS)} s`,
      );

    const increments = await this.increments(
      nodeId,
      q.ifname,
      resolution,
      from,
      to,
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      step,
      resolution,
      series: ratesFromIncrements(increments, from, to, step),
    };
  }

  private async increments(
    nodeId: number,
    ifname: string | undefined,
    resolution: Resolution,
    from: Date,
    to: Date,
  ): Promise<CounterIncrement[]> {
    const watermarks = await this.repo.findWatermarks();
    const out: CounterIncrement[] = [];
    let lo = from;
    // Coarse to fine: each source covers up to its watermark, the next finer one the rest.
    for (const step of resolution === '1h'
      ? [3600, 60]
      : resolution === '1m'
        ? [60]
        : []) {
      const until = new Date(
        Math.min(to.getTime(), watermarks.get(step)?.getTime() ?? lo.getTime()),
      );
      if (until > lo)
        out.push(
          ...(await this.repo.findRollups(nodeId, ifname, step, lo, until)),
        );
      lo = until > lo ? until : lo;
    }
    if (lo < to) {
      const samples = await this.repo.findSamples(nodeId, ifname, lo, to);
      // The sample before `lo` only anchors the first increase; increases ending before `lo` are already counted.
      out.push(...incrementsFromSamples(samples).filter((i) => i.ts >= lo));
    }
    return out;
  }
}

const invalidStep = (message: string) =>
  MeshlensException.validation([{ path: 'step', message }], 'query');
