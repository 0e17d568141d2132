import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseBridgeFdb,
  parseIpAddr,
  parseIpLink,
  parseIpNeigh,
  parseIpRoute,
  inferUnderlayAddresses,
  type ParseResult,
} from '@meshlens/netparse';
import type { ClusterState, NodeState } from '../../cluster/cluster-state';

const must = <T>(r: ParseResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.source}: ${r.error.message}`);
  return r.value;
};

/** Builds a cluster from a fixture folder holding one sub-folder of real iproute2 captures per node. */
export function loadFixtureCluster(dir: string): ClusterState {
  const nodes = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d): NodeState => {
      const read = (f: string) => readFileSync(join(dir, d.name, f), 'utf8');
      const links = must(parseIpLink(read('link.json')));
      const addresses = must(parseIpAddr(read('addr.json')));
      const routes = [...must(parseIpRoute(read('route.json'))), ...must(parseIpRoute(read('route6.json')))];
      return {
        name: d.name,
        identity: {
          hostname: d.name,
          underlayAddresses: inferUnderlayAddresses({ routes, addresses }),
          modes: [],
          agentVersion: 'fixture',
        },
        links,
        addresses,
        routes,
        neighbors: must(parseIpNeigh(read('neigh.json'))),
        fdb: must(parseBridgeFdb(read('fdb.json'))),
        bgpSessions: [],
      };
    });
  return { nodes };
}

export const fixtureDir = (name: string): string => join(__dirname, '..', '..', '__fixtures__', name);

const NETPARSE_FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'netparse', 'src', '__fixtures__');

/**
 * One node from libs/netparse's real captures (one file per command: ip-link/<name>.json, ip-route/<name>.json and
 * <name>-inet6.json, ...), for modes whose devices cannot be made here and so exist as single-node captures.
 */
export function loadNetparseFixtureNode(name: string): NodeState {
  const read = (dir: string, file = `${name}.json`) => readFileSync(join(NETPARSE_FIXTURES, dir, file), 'utf8');
  const addresses = must(parseIpAddr(read('ip-addr')));
  const routes = [...must(parseIpRoute(read('ip-route'))), ...must(parseIpRoute(read('ip-route', `${name}-inet6.json`)))];
  return {
    name,
    identity: { hostname: name, underlayAddresses: inferUnderlayAddresses({ routes, addresses }), modes: [], agentVersion: 'fixture' },
    links: must(parseIpLink(read('ip-link'))),
    addresses,
    routes,
    neighbors: must(parseIpNeigh(read('ip-neigh'))),
    fdb: must(parseBridgeFdb(read('bridge-fdb'))),
    bgpSessions: [],
  };
}
