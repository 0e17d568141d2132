import type { BgpSession, BgpStatus, CollectorError } from '@meshlens/model';
import type { BgpReader } from './bgp-reader';
import type { Collector, CollectorOutput } from './collector';

/**
 * BGP sessions from every configured BIRD socket (Calico runs bird.ctl and bird6.ctl). The table is reported only when
 * every socket that exists answered: a dead or missing BIRD is "unknown", never "zero sessions", so the API keeps the
 * last sessions and the `bgp` status says why they are stale.
 */
export class BgpCollector implements Collector {
  readonly source = 'bgpSessions';
  readonly stage = 'tables';
  readonly tables = ['bgpSessions'] as const;

  constructor(
    private readonly reader: BgpReader,
    private readonly sockets: readonly string[],
  ) {}

  async collect(): Promise<CollectorOutput> {
    const results = await Promise.all(
      this.sockets.map(async (socket) => {
        try {
          return await this.reader.read(socket);
        } catch (e) {
          const status: BgpStatus = { socket, status: 'error', error: (e as Error).message };
          return { status, sessions: [] as BgpSession[], warnings: [] as string[] };
        }
      }),
    );
    const ok = results.filter((r) => r.status.status === 'ok');
    const failed = results.filter((r) => r.status.status === 'unreachable' || r.status.status === 'error');
    const errors: CollectorError[] = failed.map((r) => ({
      source: this.source,
      message: `${r.status.socket}: ${r.status.status}${r.status.error ? `: ${r.status.error}` : ''}`,
    }));
    const bgp = mergeStatus(results.map((r) => r.status));
    const warnings = results.flatMap((r) => r.warnings ?? []);
    if (failed.length > 0 || ok.length === 0) return { bgp, errors, warnings };
    return { bgp, tables: { bgpSessions: ok.flatMap((r) => r.sessions) }, errors, warnings };
  }
}

/** One status for the report: the first failure if any socket failed, else ok if any answered, else missing. */
export function mergeStatus(statuses: BgpStatus[]): BgpStatus {
  if (statuses.length === 1) return statuses[0];
  const failed = statuses.find((s) => s.status === 'unreachable' || s.status === 'error');
  if (failed) return failed;
  const ok = statuses.filter((s) => s.status === 'ok');
  if (ok.length === 0) return { socket: statuses.map((s) => s.socket).join(','), status: 'missing' };
  return { socket: ok.map((s) => s.socket).join(','), status: 'ok', ...(ok[0].version ? { version: ok[0].version } : {}) };
}
