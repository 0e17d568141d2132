import { spawnSync } from 'node:child_process';
import { NATURAL_KEYS, type Route } from '@meshlens/model';
import { parseIpRoute } from '@meshlens/netparse';

/** Null when this process may create network namespaces, otherwise why not (the tests then skip with it). */
export function netnsUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces';
  const probe = `mlf-probe-${process.pid}`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.error || add.status !== 0) return `ip netns add fails here: ${add.error?.message ?? add.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

function ip(args: string[]): string {
  const run = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (run.status !== 0) throw new Error(`ip ${args.join(' ')}: ${run.error?.message ?? run.stderr.trim()}`);
  return run.stdout;
}

/**
 * One simulated node: a network namespace holding a veth pair (10.99.<index>.1/24 on v0) whose routing tables the
 * test changes while an agent reads them; cleared with remove().
 */
export class NetnsNode {
  readonly netns: string;
  private next = 0;
  private readonly added: string[][] = [];

  constructor(
    readonly nodeName: string,
    private readonly index: number,
  ) {
    this.netns = `mlf-${process.pid}-${index}`;
  }

  create(): void {
    ip(['netns', 'add', this.netns]);
    const n = ['-n', this.netns];
    ip([...n, 'link', 'set', 'lo', 'up']);
    ip([...n, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    ip([...n, 'addr', 'add', `10.99.${this.index}.1/24`, 'dev', 'v0']);
    ip([...n, 'link', 'set', 'v0', 'up']);
    ip([...n, 'link', 'set', 'v1', 'up']);
  }

  /**
   * One change as a CNI would make it: a pod subnet route appears (main or table 100, so more than one table
   * moves), and once five are there the oldest goes.
   */
  churn(): void {
    const k = this.next++;
    const route = [`10.${200 + (k % 50)}.${k % 250}.0/24`, 'via', `10.99.${this.index}.2`, 'dev', 'v0', ...(k % 3 === 0 ? ['table', '100'] : [])];
    ip(['-n', this.netns, 'route', 'replace', ...route]);
    this.added.push(route);
    if (this.added.length > 5) ip(['-n', this.netns, 'route', 'del', ...(this.added.shift() as string[])]);
  }

  /** Every route of the namespace as the agent reads it (same commands, same parser), by natural key. */
  routes(): Map<string, Route> {
    const n = ['-n', this.netns];
    const rows = [ip([...n, '-4', '-j', 'route', 'show', 'table', 'all']), ip([...n, '-j', '-6', 'route', 'show', 'table', 'all'])].flatMap((text) => {
      const parsed = parseIpRoute(text);
      if (!parsed.ok) throw new Error(`cannot parse routes of ${this.netns}: ${parsed.error.message}`);
      return parsed.value;
    });
    return new Map(rows.map((r) => [NATURAL_KEYS.routes(r), r]));
  }

  remove(): void {
    spawnSync('ip', ['netns', 'del', this.netns]);
  }
}

/** Routes as the API serves them, by natural key. */
export const byRouteKey = (routes: Route[]): Map<string, Route> => new Map(routes.map((r) => [NATURAL_KEYS.routes(r), r]));
