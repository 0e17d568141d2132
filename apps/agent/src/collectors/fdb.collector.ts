import { parseBridgeFdb } from '@meshlens/netparse';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';
import { unwrapParse } from './unwrap-parse';

export class FdbCollector implements Collector {
  readonly source = 'fdb';
  readonly stage = 'tables';
  readonly tables = ['fdb'] as const;

  constructor(private readonly exec: NodeExec) {}

  async collect(): Promise<CollectorOutput> {
    const warnings: string[] = [];
    const fdb = unwrapParse(parseBridgeFdb(await this.exec.bridge(['-j', 'fdb', 'show'])), warnings);
    return { tables: { fdb }, warnings };
  }
}
