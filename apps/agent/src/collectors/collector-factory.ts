import type { AgentOptions } from '../options/agent-options.schema';
import type { NodeExec } from '../runner/node-exec';
import { AddressesCollector } from './addresses.collector';
import { BgpCollector } from './bgp.collector';
import type { BgpReader } from './bgp-reader';
import { CniCollector } from './cni.collector';
import type { Collector } from './collector';
import { FdbCollector } from './fdb.collector';
import { IdentityCollector } from './identity.collector';
import { LinksCollector } from './links.collector';
import { NeighborsCollector } from './neighbors.collector';
import { RoutesCollector } from './routes.collector';

export const COLLECTOR_SOURCES = ['links', 'addresses', 'routes', 'neighbors', 'fdb', 'cniConfigs', 'bgpSessions', 'identity'] as const;
export type CollectorSource = (typeof COLLECTOR_SOURCES)[number];

/** Every source, each built from configuration; `sources` narrows the set (tests, a node without BIRD...). */
export function createCollectors(
  options: Pick<AgentOptions, 'netns' | 'cniDir' | 'birdSockets'>,
  exec: NodeExec,
  readBgp: BgpReader,
  sources: readonly CollectorSource[] = COLLECTOR_SOURCES,
): Collector[] {
  const build: Record<CollectorSource, () => Collector> = {
    links: () => new LinksCollector(exec),
    addresses: () => new AddressesCollector(exec),
    routes: () => new RoutesCollector(exec),
    neighbors: () => new NeighborsCollector(exec),
    fdb: () => new FdbCollector(exec),
    cniConfigs: () => new CniCollector(exec, options.cniDir),
    bgpSessions: () => new BgpCollector(readBgp, options.birdSockets),
    identity: () => new IdentityCollector(exec, options.netns),
  };
  return sources.map((s) => build[s]());
}
