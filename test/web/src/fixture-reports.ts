import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullReport } from '@meshlens/model';
import {
  inferNetworkModes,
  parseBirdProtocolsAll,
  parseBirdVersion,
  inferUnderlayAddresses,
  parseBridgeFdb,
  parseCniConfig,
  parseIpAddr,
  parseIpLink,
  parseIpNeigh,
  parseIpRoute,
  type ParseResult,
} from '@meshlens/netparse';

/** Real iproute2 captures of lab namespaces, kept (with their notes) by libs/netparse. */
const FIXTURES = join(__dirname, '../../../libs/netparse/src/__fixtures__');
/** Real BIRD control-socket captures (bird-1.6 is what Calico runs). */
const BIRD_FIXTURES = join(__dirname, '../../../libs/netparse/src/lib/bird/__fixtures__');

const read = (source: string, file: string) => readFileSync(join(FIXTURES, source, file), 'utf8');

const value = <T>(result: ParseResult<T>, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`);
  return result.value;
};

/**
 * A full report of one captured namespace (e.g. "flannel-vxlan-node"), parsed by @meshlens/netparse exactly as the
 * agent would, under the given node name.
 */
export const buildFixtureReport = (
  capture: string,
  nodeName: string,
  options: { cniFiles?: string[]; bird?: 'bird-1.6' | 'bird-2.0'; seq?: number; epoch?: string } = {},
): FullReport => {
  const links = value(parseIpLink(read('ip-link', `${capture}.json`)), `ip-link ${capture}`);
  const addresses = value(parseIpAddr(read('ip-addr', `${capture}.json`)), `ip-addr ${capture}`);
  // iproute2 6.1 lists both families in `route show table all` and `neigh show`: the -inet6 captures are subsets.
  const routes = value(parseIpRoute(read('ip-route', `${capture}.json`)), `ip-route ${capture}`);
  const neighbors = value(parseIpNeigh(read('ip-neigh', `${capture}.json`)), `ip-neigh ${capture}`);
  const fdb = value(parseBridgeFdb(read('bridge-fdb', `${capture}.json`)), `bridge-fdb ${capture}`);
  const cniConfigs = (options.cniFiles ?? []).map((file) =>
    parseCniConfig(`/etc/cni/net.d/${file}`, read('cni', file)),
  );
  const birdText = (file: string) => readFileSync(join(BIRD_FIXTURES, options.bird ?? '', file), 'utf8');
  const bgpSessions = options.bird
    ? value(parseBirdProtocolsAll(birdText('show-protocols-all.txt')), `bird ${options.bird} show protocols all`)
    : [];
  const bgp = options.bird
    ? {
        socket: '/var/run/calico/bird.ctl',
        status: 'ok' as const,
        version: value(parseBirdVersion(birdText('greeting.txt')), `bird ${options.bird} greeting`),
      }
    : undefined;
  return {
    kind: 'full',
    nodeName,
    seq: options.seq ?? 1,
    epoch: options.epoch ?? `web-e2e-${nodeName}`,
    collectedAt: new Date().toISOString(),
    identity: {
      hostname: nodeName,
      kernel: '6.1.0',
      underlayAddresses: inferUnderlayAddresses({ routes, addresses }),
      modes: inferNetworkModes({ links, routes, cniConfigs }),
      agentVersion: '0.1.0',
      netns: capture,
    },
    bgp,
    counters: [],
    errors: [],
    tables: { links, addresses, routes, neighbors, fdb, bgpSessions, cniConfigs },
  };
};

/** Two Flannel VXLAN nodes captured together (libs/analysis/src/lib/__fixtures__/flannel-vxlan-2node/README.md). */
const TWO_NODE = join(__dirname, '../../../libs/analysis/src/lib/__fixtures__/flannel-vxlan-2node');

/** A full report of one node of the two-node capture ("node-1" or "node-2"), as the agent would send it. */
export const buildTwoNodeReport = (node: 'node-1' | 'node-2', seq: number): FullReport => {
  const read2 = (file: string) => readFileSync(join(TWO_NODE, node, file), 'utf8');
  const addresses = value(parseIpAddr(read2('addr.json')), `${node} addr`);
  const routes = [
    ...value(parseIpRoute(read2('route.json')), `${node} route`),
    ...value(parseIpRoute(read2('route6.json')), `${node} route6`),
  ];
  const links = value(parseIpLink(read2('link.json')), `${node} link`);
  return {
    kind: 'full',
    nodeName: node,
    seq,
    epoch: `web-e2e-${node}`,
    collectedAt: new Date().toISOString(),
    identity: {
      hostname: node,
      kernel: '6.1.0',
      underlayAddresses: inferUnderlayAddresses({ routes, addresses }),
      modes: inferNetworkModes({ links, routes, cniConfigs: [] }),
      agentVersion: '0.1.0',
      netns: node,
    },
    counters: [],
    errors: [],
    tables: {
      links,
      addresses,
      routes,
      neighbors: value(parseIpNeigh(read2('neigh.json')), `${node} neigh`),
      fdb: value(parseBridgeFdb(read2('fdb.json')), `${node} fdb`),
      bgpSessions: [],
      cniConfigs: [],
    },
  };
};
