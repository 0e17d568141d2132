import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullReport } from '@meshlens/model';
import {
  inferNetworkModes,
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
  options: { cniFiles?: string[]; seq?: number; epoch?: string } = {},
): FullReport => {
  const links = value(parseIpLink(read('ip-link', `${capture}.json`)), `ip-link ${capture}`);
  const addresses = value(parseIpAddr(read('ip-addr', `${capture}.json`)), `ip-addr ${capture}`);
  // iproute2 6.1 lists both families in `route show table all` and `neigh show`: the -inet6 captures are subsets.
  const routes = value(parseIpRoute(read('ip-route', `${capture}.json`)), `ip-route ${capture}`);
  const neighbors = value(parseIpNeigh(read('ip-neigh', `${capture}.json`)), `ip-neigh ${capture}`);
  const fdb = value(parseBridgeFdb(read('bridge-fdb', `${capture}.json`)), `bridge-fdb ${capture}`);
  const cniConfigs = (options.cniFiles ?? []).map((file) => parseCniConfig(`/etc/cni/net.d/${file}`, read('cni', file)));
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
    counters: [],
    errors: [],
    tables: { links, addresses, routes, neighbors, fdb, bgpSessions: [], cniConfigs },
  };
};
