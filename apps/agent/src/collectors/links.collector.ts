import { parseIpLink, parseIpLinkCounters } from '@meshlens/netparse';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';
import { unwrapParse } from './unwrap-parse';

/** Links and their counters come from one `ip -j -d -s link show` read, so both describe the same instant. */
export class LinksCollector implements Collector {
  readonly source = 'links';
  readonly stage = 'tables';
  readonly tables = ['links'] as const;

  constructor(private readonly exec: NodeExec) {}

  async collect(): Promise<CollectorOutput> {
    const text = await this.exec.ip(['-j', '-d', '-s', 'link', 'show']);
    const warnings: string[] = [];
    const links = unwrapParse(parseIpLink(text), warnings);
    const counters = unwrapParse(parseIpLinkCounters(text), warnings);
    return { tables: { links }, counters, warnings };
  }
}
