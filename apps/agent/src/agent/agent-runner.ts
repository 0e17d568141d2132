import type { Logger } from 'pino';
import { canonicalJson } from '@meshlens/analysis';
import type { Snapshot } from '../collectors/collector';
import type { SnapshotCollector } from '../collectors/snapshot-collector';
import { comparableJson } from '../report/comparable-row';
import type { ReportComposer } from '../report/report-composer';
import type { ReportSink } from './report-sink';
import type { SerialExecutor } from './serial-executor';

export interface AgentSchedule {
  intervalMs: number;
  bgpIntervalMs: number;
}

const BGP_ONLY = new Set(['bgpSessions']);

/**
 * The agent's clock: a full collection every interval, and a BGP-only read every bgp interval that reports at once
 * when BGP changed, so a session leaving Established reaches the API within about a second, not an interval.
 */
export class AgentRunner {
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private lastBgpSignature?: string;
  private lastBgpReadAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly snapshots: SnapshotCollector,
    private readonly composer: ReportComposer,
    private readonly sink: ReportSink,
    private readonly serial: SerialExecutor,
    private readonly log: Logger,
  ) {}

  /** --once: one collection, one report, delivered (or printed); false when it could not be delivered. */
  async runOnce(): Promise<boolean> {
    await this.sink.open();
    try {
      await this.cycle();
      return await this.sink.flush();
    } finally {
      await this.sink.close();
    }
  }

  async start(schedule: AgentSchedule): Promise<void> {
    await this.sink.open();
    this.log.info({ epoch: this.composer.epoch, ...schedule }, 'agent started');
    this.every(schedule.intervalMs, () => this.cycle());
    this.every(schedule.bgpIntervalMs, () => this.bgpCycle());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.inFlight]);
    await this.serial.idle();
    await this.sink.close();
  }

  /** Full collection; also the BGP baseline, so the BGP loop does not repeat what this cycle reported. */
  async cycle(): Promise<void> {
    const snapshot = await this.snapshots.collect();
    await this.report(snapshot);
  }

  async bgpCycle(): Promise<void> {
    // Before the first full report there is nothing to be a delta of.
    if (this.composer.lastSeq === 0) return;
    const snapshot = await this.snapshots.collect(BGP_ONLY);
    if (bgpSignature(snapshot) === this.lastBgpSignature) return;
    this.log.info({ bgp: snapshot.bgp }, 'BGP changed; reporting now');
    await this.report(snapshot);
  }

  private report(read: Snapshot): Promise<void> {
    return this.serial.run(async () => {
      // A full cycle reads BIRD first and composes last; if the BGP loop reported a newer read meanwhile, this
      // cycle's older BGP view must not undo it (that would show a flap that never happened).
      const stale = read.readAt < this.lastBgpReadAt;
      const snapshot = stale ? withoutBgp(read) : read;
      if (!stale && (read.bgp || read.tables.bgpSessions)) this.lastBgpReadAt = read.readAt;
      const report = this.composer.compose(snapshot);
      if (!stale) this.lastBgpSignature = bgpSignature(snapshot);
      this.log.debug({ seq: report.seq, kind: report.kind, errors: report.errors.length }, 'report composed');
      await this.sink.accept(report);
    });
  }

  private every(ms: number, task: () => Promise<void>): void {
    const tick = async () => {
      if (this.stopped) return;
      const started = Date.now();
      const run = task().catch((e: Error) => this.log.error({ err: e.message }, 'collection cycle failed'));
      this.inFlight.add(run);
      await run;
      this.inFlight.delete(run);
      if (this.stopped) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void tick();
      }, Math.max(0, ms - (Date.now() - started)));
      this.timers.add(timer);
    };
    void tick();
  }
}

/** BGP status plus sessions without their ticking timers; undefined table (unreadable) differs from an empty one. */
export function bgpSignature(snapshot: Snapshot): string {
  const sessions = snapshot.tables.bgpSessions?.map((s) => comparableJson('bgpSessions', s)).sort();
  return canonicalJson({ bgp: snapshot.bgp, sessions: sessions ?? null });
}

function withoutBgp(snapshot: Snapshot): Snapshot {
  const tables = { ...snapshot.tables };
  delete tables.bgpSessions;
  return { ...snapshot, tables, bgp: undefined, errors: snapshot.errors.filter((e) => e.source !== 'bgpSessions') };
}
