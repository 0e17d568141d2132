import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type {
  Address,
  BgpSession,
  FdbEntry,
  Link,
  Neighbor,
  Route,
} from '@meshlens/model';

// What a lab node's kernel and BIRD say, read with iproute2 and birdc in the node's namespace and put into
// the shape the API serves. Written here on purpose, not with @meshlens/netparse: the test must not share the
// product's reading of iproute2's JSON. Only iproute2's documented omissions are filled in.

const exec = promisify(execFile);
type Json = Record<string, unknown>;

async function json(cmd: string, args: string[]): Promise<Json[]> {
  const { stdout } = await exec(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Json[];
}

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : String(v);
const sortBy = <T>(rows: T[], key: (row: T) => string): T[] =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)));

export type LinkView = Pick<
  Link,
  | 'ifindex'
  | 'ifname'
  | 'kind'
  | 'mtu'
  | 'mac'
  | 'master'
  | 'peerIfindex'
  | 'peerNetnsId'
> & {
  vxlan?: { vni: number; port: number; local?: string; learning: boolean };
};

/** `ip -d link`: no info_kind means a plain device, or the loopback device by its link_type. */
export async function kernelLinks(netns: string): Promise<LinkView[]> {
  const raw = await json('ip', ['-n', netns, '-j', '-d', 'link', 'show']);
  return sortBy(
    raw.map((l) => {
      const info = (l['linkinfo'] ?? {}) as Json;
      const data = (info['info_data'] ?? {}) as Json;
      const kind =
        str(info['info_kind']) ??
        (l['link_type'] === 'loopback' ? 'loopback' : 'device');
      return linkView({
        ifindex: l['ifindex'] as number,
        ifname: String(l['ifname']),
        kind,
        mtu: l['mtu'] as number,
        mac: str(l['address']),
        master: str(l['master']),
        peerIfindex: l['link_index'] as number | undefined,
        peerNetnsId: l['link_netnsid'] as number | undefined,
        vxlan:
          kind === 'vxlan'
            ? {
                vni: data['id'] as number,
                port: data['port'] as number,
                local: str(data['local']),
                learning: data['learning'] === true,
              }
            : undefined,
      });
    }),
    (l) => l.ifname,
  );
}

export function linkView(l: LinkView): LinkView {
  const {
    ifindex,
    ifname,
    kind,
    mtu,
    mac,
    master,
    peerIfindex,
    peerNetnsId,
    vxlan,
  } = l;
  const v = vxlan
    ? {
        vni: vxlan.vni,
        port: vxlan.port,
        local: vxlan.local,
        learning: vxlan.learning,
      }
    : undefined;
  return {
    ifindex,
    ifname,
    kind,
    mtu,
    mac,
    master,
    peerIfindex,
    peerNetnsId,
    vxlan: v,
  };
}

export type AddressView = Pick<
  Address,
  'ifname' | 'family' | 'local' | 'prefixlen' | 'scope' | 'broadcast' | 'peer'
>;

export async function kernelAddresses(netns: string): Promise<AddressView[]> {
  const raw = await json('ip', ['-n', netns, '-j', 'addr', 'show']);
  const rows = raw.flatMap((l) =>
    ((l['addr_info'] ?? []) as Json[]).map((a) =>
      addressView({
        ifname: String(l['ifname']),
        family: a['family'] as Address['family'],
        local: String(a['local']),
        prefixlen: a['prefixlen'] as number,
        scope: String(a['scope']),
        broadcast: str(a['broadcast']),
        // iproute2 prints the peer of a point-to-point address as "address".
        peer:
          a['address'] !== undefined && a['address'] !== a['local']
            ? String(a['address'])
            : undefined,
      }),
    ),
  );
  return sortBy(rows, addressKeyOf);
}

export const addressView = ({
  ifname,
  family,
  local,
  prefixlen,
  scope,
  broadcast,
  peer,
}: AddressView): AddressView => ({
  ifname,
  family,
  local,
  prefixlen,
  scope,
  broadcast,
  peer,
});
const addressKeyOf = (a: AddressView) =>
  `${a.ifname}|${a.family}|${a.local}/${a.prefixlen}`;

export type RouteView = Pick<
  Route,
  | 'table'
  | 'family'
  | 'type'
  | 'dst'
  | 'protocol'
  | 'scope'
  | 'metric'
  | 'tos'
  | 'gateway'
  | 'dev'
  | 'prefsrc'
  | 'flags'
>;

/**
 * `ip -j -4/-6 route show table all`. iproute2 leaves out what is at its default (ip-route(8)): table main,
 * type unicast, protocol boot, scope global, metric 0, tos 0; "default" is the zero prefix and a destination
 * without a length is a host route.
 */
export async function kernelRoutes(netns: string): Promise<RouteView[]> {
  const rows: RouteView[] = [];
  for (const family of ['inet', 'inet6'] as const) {
    const raw = await json('ip', [
      '-n',
      netns,
      '-j',
      family === 'inet' ? '-4' : '-6',
      'route',
      'show',
      'table',
      'all',
    ]);
    for (const r of raw) {
      let dst = String(r['dst']);
      if (dst === 'default') dst = family === 'inet' ? '0.0.0.0/0' : '::/0';
      else if (!dst.includes('/'))
        dst = `${dst}/${family === 'inet' ? 32 : 128}`;
      rows.push(
        routeView({
          table: str(r['table']) ?? 'main',
          family,
          type: str(r['type']) ?? 'unicast',
          dst,
          protocol: str(r['protocol']) ?? 'boot',
          scope: str(r['scope']) ?? 'global',
          metric: (r['metric'] as number | undefined) ?? 0,
          tos: Number(r['tos'] ?? 0),
          gateway: str(r['gateway']),
          dev: str(r['dev']),
          prefsrc: str(r['prefsrc']),
          flags: (r['flags'] as string[] | undefined) ?? [],
        }),
      );
    }
  }
  return sortBy(rows, routeKeyOf);
}

export const routeView = (r: RouteView): RouteView => ({
  table: r.table,
  family: r.family,
  type: r.type,
  dst: r.dst,
  protocol: r.protocol,
  scope: r.scope,
  metric: r.metric,
  tos: r.tos,
  gateway: r.gateway,
  dev: r.dev,
  prefsrc: r.prefsrc,
  flags: [...r.flags].sort(),
});
const routeKeyOf = (r: RouteView) =>
  `${r.table}|${r.family}|${r.dst}|${r.metric}|${r.dev ?? ''}|${r.type}`;

export type NeighborView = Pick<Neighbor, 'dev' | 'dst' | 'lladdr' | 'state'>;

export async function kernelNeighbors(netns: string): Promise<NeighborView[]> {
  const raw = await json('ip', ['-n', netns, '-j', 'neigh', 'show']);
  return sortBy(
    raw.map((n) =>
      neighborView({
        dev: String(n['dev']),
        dst: String(n['dst']),
        lladdr: str(n['lladdr']),
        state: (n['state'] as string[]) ?? [],
      }),
    ),
    neighborKeyOf,
  );
}

export const neighborView = ({
  dev,
  dst,
  lladdr,
  state,
}: NeighborView): NeighborView => ({
  dev,
  dst,
  lladdr,
  state: [...state].sort(),
});
export const neighborKeyOf = (n: Pick<NeighborView, 'dev' | 'dst'>) =>
  `${n.dev}|${n.dst}`;
export const isPermanentNeighbor = (n: NeighborView) =>
  n.state.includes('PERMANENT');

export type FdbView = Pick<
  FdbEntry,
  'mac' | 'dev' | 'dst' | 'vlan' | 'master' | 'flags' | 'state'
>;

/** `bridge -j fdb show` names the device "ifname"; a learned entry has no state. */
export async function kernelFdb(netns: string): Promise<FdbView[]> {
  const raw = await json('bridge', ['-n', netns, '-j', 'fdb', 'show']);
  return sortBy(
    raw.map((f) =>
      fdbView({
        mac: String(f['mac']),
        dev: String(f['ifname']),
        dst: str(f['dst']),
        vlan: f['vlan'] as number | undefined,
        master: str(f['master']),
        flags: (f['flags'] as string[] | undefined) ?? [],
        state: str(f['state']) ?? '',
      }),
    ),
    fdbKeyOf,
  );
}

export const fdbView = ({
  mac,
  dev,
  dst,
  vlan,
  master,
  flags,
  state,
}: FdbView): FdbView => ({
  mac,
  dev,
  dst,
  vlan,
  master,
  flags: [...flags].sort(),
  state,
});
export const fdbKeyOf = (f: FdbView) =>
  `${f.dev}|${f.mac}|${f.dst ?? ''}|${f.vlan ?? ''}|${f.master ?? ''}`;
export const isPermanentFdb = (f: FdbView) =>
  f.state === 'permanent' || f.state === 'static';

export type BgpView = Pick<BgpSession, 'name' | 'state' | 'bgpState'>;

const FSM_STATES = new Set([
  'Idle',
  'Connect',
  'Active',
  'OpenSent',
  'OpenConfirm',
  'Established',
  'Passive',
]);

/**
 * `birdc -s SOCK show protocols`, BGP rows only. The FSM state is the first word of the info column;
 * a disabled protocol (state down) shows at most its last error there, which the model calls "Down".
 */
export async function birdSessions(socket: string): Promise<BgpView[]> {
  const { stdout } = await exec('birdc', ['-s', socket, 'show', 'protocols']);
  const rows = stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1] === 'BGP')
    // "since" is one column in BIRD 1.6 (HH:MM:SS or a date); the info column follows it.
    .map(([name, , , state, , first]) =>
      bgpView({
        name,
        state,
        bgpState: FSM_STATES.has(first)
          ? first
          : state === 'down'
            ? 'Down'
            : (first ?? 'Idle'),
      }),
    );
  return sortBy(rows, (s) => s.name);
}

export const bgpView = ({ name, state, bgpState }: BgpView): BgpView => ({
  name,
  state,
  bgpState,
});

/** The API's rows in the same shape and order as the kernel reads above. */
export const servedViews = {
  links: (rows: Link[]) => sortBy(rows.map(linkView), (l) => l.ifname),
  addresses: (rows: Address[]) => sortBy(rows.map(addressView), addressKeyOf),
  routes: (rows: Route[]) => sortBy(rows.map(routeView), routeKeyOf),
  neighbors: (rows: Neighbor[]) =>
    sortBy(rows.map(neighborView), neighborKeyOf),
  fdb: (rows: FdbEntry[]) => sortBy(rows.map(fdbView), fdbKeyOf),
  bgpSessions: (rows: BgpSession[]) => sortBy(rows.map(bgpView), (s) => s.name),
};
