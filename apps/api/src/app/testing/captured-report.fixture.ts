import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FullReport } from '@meshlens/model';
import { parseBridgeFdb, parseIpAddr, parseIpLink, parseIpNeigh, parseIpRoute, inferUnderlayAddresses, type ParseResult } from '@meshlens/netparse';

// Real captures of two Flannel VXLAN nodes (libs/analysis/src/lib/__fixtures__/flannel-vxlan-2node/README.md).
const FIXTURE = join(__dirname, '../../../../../libs/analysis/src/lib/__fixtures__/flannel-vxlan-2node');

const must = <T>(r: ParseResult<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A full report of one captured node, as its agent would send it. */
export function capturedReport(node: string, seq: number, collectedAt: string): FullReport {
  const read = (f: string) => readFileSync(join(FIXTURE, node, f), 'utf8');
  const addresses = must(parseIpAddr(read('addr.json')));
  const routes = [...must(parseIpRoute(read('route.json'))), ...must(parseIpRoute(read('route6.json')))];
  return {
    nodeName: node,
    seq,
    epoch: `epoch-${node}`,
    kind: 'full',
    collectedAt,
    identity: { hostname: node, underlayAddresses: inferUnderlayAddresses({ routes, addresses }), modes: ['flannel-vxlan'], agentVersion: 'test' },
    counters: [],
    errors: [],
    tables: {
      links: must(parseIpLink(read('link.json'))),
      addresses,
      routes,
      neighbors: must(parseIpNeigh(read('neigh.json'))),
      fdb: must(parseBridgeFdb(read('fdb.json'))),
      bgpSessions: [],
      cniConfigs: [],
    },
  };
}


/** node-1 and node-2 of the capture. */
export const CAPTURED_NODES = readdirSync(FIXTURE, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
