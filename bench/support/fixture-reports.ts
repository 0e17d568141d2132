import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  NATURAL_KEYS,
  nodeReportSchema,
  type Address,
  type BgpSession,
  type CniConfig,
  type Counters,
  type DeltaReport,
  type FullReport,
  type NodeIdentity,
  type ReportTables,
  type Route,
} from '@meshlens/model';
import {
  inferNetworkModes,
  inferUnderlayAddresses,
  parseBirdProtocolsAll,
  parseBridgeFdb,
  parseCniConfig,
  parseIpAddr,
  parseIpLink,
  parseIpLinkCounters,
  parseIpNeigh,
  parseIpRoute,
} from '@meshlens/netparse';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'libs/netparse/src/__fixtures__');
const BIRD_FIXTURE = join(ROOT, 'libs/netparse/src/lib/bird/__fixtures__/bird-1.6/show-protocols-all.txt');

/** Real node captures (see libs/netparse/src/__fixtures__/README.md); pods are left out, they run no agent. */
export const CAPTURED_NODES = [
  'calico-bgp-node',
  'calico-ipip-node',
  'calico-vxlan-node',
  'flannel-host-gw-node',
  'flannel-udp-node',
  'flannel-vxlan-node',
  'flannel-vxlan-peer',
  'host',
  'misc-node',
] as const;

export interface NodeCapture {
  name: string;
  tables: ReportTables;
  counters: Counters[];
}

const read = (dir: string, name: string): string | undefined => {
  const file = join(FIXTURES, dir, `${name}.json`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** One captured node's tables, parsed with the agent's own parsers (IPv4 and IPv6 routes and neighbours). */
export function loadCapture(name: string): NodeCapture {
  const need = (dir: string, file = name) => {
    const text = read(dir, file);
    if (text === undefined) throw new Error(`no fixture ${dir}/${file}.json`);
    return text;
  };
  const optional = (dir: string, file: string) => read(dir, file);
  const linkText = need('ip-link');
  const routes = [need('ip-route'), optional('ip-route', `${name}-inet6`)].filter((t): t is string => t !== undefined).flatMap((t) => value(parseIpRoute(t), `${name} routes`));
  const neighbors = [need('ip-neigh'), optional('ip-neigh', `${name}-inet6`)].filter((t): t is string => t !== undefined).flatMap((t) => value(parseIpNeigh(t), `${name} neighbours`));
  const cniFile = name.startsWith('calico') ? '10-calico.conflist' : name.startsWith('flannel') ? '10-flannel.conflist' : undefined;
  const cniConfigs: CniConfig[] = cniFile ? [parseCniConfig(`/etc/cni/net.d/${cniFile}`, readFileSync(join(FIXTURES, 'cni', cniFile), 'utf8'))] : [];
  const bgpSessions: BgpSession[] = name.startsWith('calico') ? value(parseBirdProtocolsAll(readFileSync(BIRD_FIXTURE, 'utf8')), 'bird') : [];
  return {
    name,
    tables: {
      links: value(parseIpLink(linkText), `${name} links`),
      addresses: value(parseIpAddr(need('ip-addr')), `${name} addresses`),
      routes,
      neighbors,
      fdb: value(parseBridgeFdb(need('bridge-fdb')), `${name} fdb`),
      bgpSessions,
      cniConfigs,
    },
    counters: value(parseIpLinkCounters(linkText), `${name} counters`),
  };
}

/** Moves an IPv4 host address within its subnet (prefix /24 or wider), so each simulated node has its own. */
function shiftAddress(a: Address, by: number): Address {
  if (a.family !== 'inet' || a.prefixlen > 24 || a.scope !== 'global') return a;
  const octets = a.local.split('.').map(Number);
  octets[3] = ((octets[3] + by) % 253) + 1;
  const moved: Address = { ...a, local: octets.join('.') };
  // The captured broadcast belongs to the old host's subnet view; the kernel prints it only when set, so drop it.
  delete moved.broadcast;
  return moved;
}

/**
 * A simulated agent: one captured node under its own name, with its global IPv4 addresses moved, sending a full
 * report and then deltas the way the agent composes them (heartbeats carrying moved counters, sometimes a route).
 */
export class SimulatedNode {
  readonly epoch: string;
  private seq = 0;
  private readonly tables: ReportTables;
  private readonly identity: NodeIdentity;
  private counters: Counters[];
  private lastAddedRoute?: Route;

  constructor(
    readonly nodeName: string,
    private readonly index: number,
    capture: NodeCapture,
  ) {
    this.epoch = `bench-${index}-${Date.now().toString(36)}`;
    this.tables = { ...capture.tables, addresses: capture.tables.addresses.map((a) => shiftAddress(a, index)) };
    this.counters = capture.counters.map((c) => ({ ...c }));
    this.identity = {
      hostname: nodeName,
      kernel: '6.1.0-bench',
      underlayAddresses: inferUnderlayAddresses({ routes: this.tables.routes, addresses: this.tables.addresses }),
      modes: inferNetworkModes({ links: this.tables.links, routes: this.tables.routes, cniConfigs: this.tables.cniConfigs }),
      agentVersion: 'bench',
    };
  }

  get lastSeq(): number {
    return this.seq;
  }

  full(): FullReport {
    this.seq += 1;
    return { ...this.base(), kind: 'full', counters: this.counters, tables: this.tables };
  }

  /** A delta on top of the last report: counters of interfaces with traffic move; `withRoute` swaps one /32 route. */
  delta(withRoute: boolean): DeltaReport {
    const baseSeq = this.seq;
    this.seq += 1;
    this.counters = this.counters.map((c) => (c.rxPackets > 0 || c.txPackets > 0 ? { ...c, rxBytes: c.rxBytes + 1500 * 7, rxPackets: c.rxPackets + 7, txBytes: c.txBytes + 900 * 5, txPackets: c.txPackets + 5 } : c));
    const moved = this.counters.filter((c) => c.rxPackets > 0 || c.txPackets > 0);
    const changes: DeltaReport['changes'] = {};
    const template = this.tables.routes.find((r) => r.family === 'inet' && r.dst.includes('/'));
    if (withRoute && template) {
      const route: Route = { ...template, dst: `10.250.${this.index % 256}.${this.seq % 256}/32` };
      changes.routes = { upsert: [route], remove: this.lastAddedRoute ? [NATURAL_KEYS.routes(this.lastAddedRoute)] : [] };
      this.lastAddedRoute = route;
    }
    return { ...this.base(), kind: 'delta', baseSeq, counters: moved, changes };
  }

  private base() {
    const bgp = this.tables.bgpSessions.length ? { bgp: { socket: '/var/run/calico/bird.ctl', status: 'ok' as const } } : {};
    return { nodeName: this.nodeName, seq: this.seq, epoch: this.epoch, collectedAt: new Date().toISOString(), identity: this.identity, ...bgp, errors: [] };
  }
}

/** Throws when a simulated report would not pass the API's schema: a bench failure, not 1000 errors later. */
export function assertValidReport(report: FullReport | DeltaReport): void {
  const r = nodeReportSchema.safeParse(report);
  if (!r.success) throw new Error(`simulated ${report.kind} report of ${report.nodeName} is invalid: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
