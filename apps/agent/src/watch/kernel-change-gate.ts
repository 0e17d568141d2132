import type { Logger } from 'pino';
import { parseIpMonitorLine, type IpMonitorEvent } from '@meshlens/netparse';
import type { CommandRunner, WatchHandle } from '../runner/command-runner';
import type { CollectGate, ReadToken } from './collect-gate';

/**
 * Tables a netlink event announces. links is not among them: its read also brings the interface counters, which are
 * due every interval and change without any event.
 */
export const GATED_SOURCES = ['addresses', 'routes', 'neighbors', 'fdb'] as const;
type GatedSource = (typeof GATED_SOURCES)[number];

const AFFECTS: Record<IpMonitorEvent, readonly GatedSource[]> = {
  // A link going down drops its IPv4 routes without one route event (the kernel flushes them silently), and
  // renames or removals change the device names in every other table.
  link: GATED_SOURCES,
  addr: ['addresses', 'routes'],
  route: ['routes'],
  nexthop: ['routes'],
  // Bridge and vxlan FDB changes reach the neighbour group as well.
  neigh: ['neighbors', 'fdb'],
  ignored: [],
  continuation: [],
  unknown: GATED_SOURCES,
};

const isGated = (source: string): source is GatedSource => (GATED_SOURCES as readonly string[]).includes(source);

export interface KernelChangeGateOptions {
  /**
   * ip prints nothing once it listens, so a read only counts as clean when it started this long after the monitor
   * did (exec, setns and bind take a few milliseconds; the margin is wide).
   */
  warmupMs: number;
  /** Every table is read again after this long even without an event: a safety net, not the mechanism. */
  resyncMs: number;
  /** Wait before restarting a monitor that ended. */
  restartDelayMs: number;
}

export const KERNEL_CHANGE_GATE_DEFAULTS: KernelChangeGateOptions = { warmupMs: 500, resyncMs: 5 * 60_000, restartDelayMs: 5_000 };

/**
 * Skips re-reading tables the kernel did not touch, told by one long-lived `ip monitor all` in the node's namespace
 * (a blocked process: no CPU while nothing changes). Any doubt reads again: a monitor that is not (yet) listening,
 * that ended, that printed an error (a netlink overrun loses events), an event it cannot place, a namespace that was
 * deleted or recreated under the same name, or a table last read more than resyncMs ago.
 */
export class KernelChangeGate implements CollectGate {
  private handle?: WatchHandle;
  private listeningSince = Number.POSITIVE_INFINITY;
  private restartAt = Number.NEGATIVE_INFINITY;
  private namespaceId?: string;
  private readonly changes = new Map<GatedSource, number>(GATED_SOURCES.map((s) => [s, 0]));
  private readonly clean = new Map<GatedSource, ReadToken>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly netns: string | undefined,
    private readonly log: Logger,
    private readonly options: KernelChangeGateOptions = KERNEL_CHANGE_GATE_DEFAULTS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async prepare(): Promise<void> {
    if (this.netns) {
      const id = await this.runner.fileIdentity(`/run/netns/${this.netns}`);
      if (this.handle && id !== this.namespaceId) {
        this.log.info({ netns: this.netns }, 'namespace was deleted or recreated; restarting ip monitor');
        this.stopMonitor();
        this.restartAt = Number.NEGATIVE_INFINITY;
      }
      if (id === undefined) return;
      if (!this.handle) this.namespaceId = id;
    }
    if (!this.handle && this.now() >= this.restartAt) this.startMonitor();
  }

  unchanged(source: string): boolean {
    if (!isGated(source) || !this.handle) return false;
    const last = this.clean.get(source);
    return (
      last !== undefined &&
      last.startedAt >= this.listeningSince &&
      this.now() - last.startedAt < this.options.resyncMs &&
      last.changes === this.changes.get(source)
    );
  }

  readStarted(source: string): ReadToken {
    return { source, changes: isGated(source) ? (this.changes.get(source) ?? 0) : 0, startedAt: this.now() };
  }

  readDone(token: ReadToken, ok: boolean): void {
    if (!isGated(token.source)) return;
    if (ok) this.clean.set(token.source, token);
    else this.clean.delete(token.source);
  }

  close(): void {
    this.stopMonitor();
    this.restartAt = Number.POSITIVE_INFINITY;
  }

  private startMonitor(): void {
    const argv = this.netns ? ['ip', '-n', this.netns, 'monitor', 'all'] : ['ip', 'monitor', 'all'];
    this.listeningSince = this.now() + this.options.warmupMs;
    const handle = this.runner.watch(argv, {
      line: (text) => this.changed(AFFECTS[parseIpMonitorLine(text)]),
      error: (text) => {
        this.log.debug({ err: text }, 'ip monitor reported an error; every table is read again');
        this.changed(GATED_SOURCES);
      },
      exit: (detail) => {
        if (this.handle !== handle) return;
        this.log.warn({ detail }, 'ip monitor ended; tables are read every cycle until it runs again');
        this.handle = undefined;
        this.changed(GATED_SOURCES);
        this.restartAt = this.now() + this.options.restartDelayMs;
      },
    });
    this.handle = handle;
  }

  private stopMonitor(): void {
    const handle = this.handle;
    this.handle = undefined;
    this.changed(GATED_SOURCES);
    handle?.stop();
  }

  private changed(sources: readonly GatedSource[]): void {
    for (const s of sources) this.changes.set(s, (this.changes.get(s) ?? 0) + 1);
  }
}
