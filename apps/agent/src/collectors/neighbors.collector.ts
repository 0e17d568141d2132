import { parseIpNeigh } from '@meshlens/netparse';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';
import { unwrapParse } from './unwrap-parse';

export class NeighborsCollector implements Collector {
  readonly source = 'neighbors';
  readonly stage = 'tables';
  readonly tables = ['neighbors'] as const;

  constructor(private readonly exec: NodeExec) {}

  async collect(): Promise<CollectorOutput> {
    const warnings: string[] = [];
    const neighbors = unwrapParse(parseIpNeigh(await this.exec.ip(['-j', 'neigh', 'show'])), warnings);
    return { tables: { neighbors }, warnings };
  }
}
