import { parseIpAddr } from '@meshlens/netparse';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';
import { unwrapParse } from './unwrap-parse';

export class AddressesCollector implements Collector {
  readonly source = 'addresses';
  readonly stage = 'tables';
  readonly tables = ['addresses'] as const;

  constructor(private readonly exec: NodeExec) {}

  async collect(): Promise<CollectorOutput> {
    const warnings: string[] = [];
    const addresses = unwrapParse(parseIpAddr(await this.exec.ip(['-j', 'addr', 'show'])), warnings);
    return { tables: { addresses }, warnings };
  }
}
