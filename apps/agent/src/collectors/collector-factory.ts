import type { AgentOptions } from '../options/agent-options.schema';
import { COLLECTOR_SOURCES, CollectorSource } from './collector-sources.constant';
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


/** The sources named in `options.collectors` (default all), each built from configuration; identity always runs. */
export function createCollectors(
  options: Pick<AgentOptions, 'netns' | 'cniDir' | 'birdSockets'> & { collectors?: readonly CollectorSource[] },
  exec: NodeExec,
  readBgp: BgpReader,
): Collector[] {
  const sources = new Set<CollectorSource>([...(options.collectors ?? COLLECTOR_SOURCES), 'identity']);
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
  return COLLECTOR_SOURCES.filter((s) => sources.has(s)).map((s) => build[s]());
}
