import { parseIpRoute } from '@meshlens/netparse';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';
import { unwrapParse } from './unwrap-parse';

/** IPv4 and IPv6 routes of every table; one family failing withholds the whole table (never half of it). */
export class RoutesCollector implements Collector {
  readonly source = 'routes';
  readonly stage = 'tables';
  readonly tables = ['routes'] as const;

  constructor(private readonly exec: NodeExec) {}

  async collect(): Promise<CollectorOutput> {
    const [v4, v6] = await Promise.all([
      // Without -4, `ip route show table all` dumps every family (iproute2 6.1), IPv6 included.
      this.exec.ip(['-4', '-j', 'route', 'show', 'table', 'all']),
      this.exec.ip(['-j', '-6', 'route', 'show', 'table', 'all']),
    ]);
    const warnings: string[] = [];
    const routes = [...unwrapParse(parseIpRoute(v4), warnings), ...unwrapParse(parseIpRoute(v6), warnings)];
    return { tables: { routes }, warnings };
  }
}
