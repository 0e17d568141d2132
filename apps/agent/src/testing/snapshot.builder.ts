import type { BgpSession, Counters, Route } from '@meshlens/model';
import type { Snapshot } from '../collectors/collector';

/** One realistic base snapshot (a Flannel VXLAN node); tests derive variants named for what differs. */
export const baseRoute: Route = {
  table: 'main',
  family: 'inet',
  type: 'unicast',
  dst: '10.244.2.0/24',
  protocol: 'boot',
  scope: 'global',
  metric: 0,
  tos: 0,
  gateway: '10.244.2.0',
  dev: 'flannel.1',
  flags: ['onlink'],
};

export const routeTo = (dst: string, extra: Partial<Route> = {}): Route => ({ ...baseRoute, dst, ...extra });

export const baseCounters = (ifname: string, rxBytes = 1000): Counters => ({
  ifname,
  rxBytes,
  rxPackets: 10,
  rxErrors: 0,
  rxDropped: 0,
  txBytes: 2000,
  txPackets: 20,
  txErrors: 0,
  txDropped: 0,
});

export const baseSession: BgpSession = {
  name: 'Mesh_10_0_0_12',
  state: 'up',
  bgpState: 'Established',
  since: '11:00:00',
  info: 'Established',
  neighborAddress: '10.0.0.12',
  holdTimer: '179/240',
  keepaliveTimer: '20/80',
};

export function baseSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    tables: {
      links: [
        { ifindex: 1, ifname: 'lo', kind: 'loopback', mtu: 65536, operstate: 'UNKNOWN', flags: ['LOOPBACK', 'UP'] },
        { ifindex: 2, ifname: 'eth0', kind: 'device', mtu: 1500, operstate: 'UP', flags: ['UP'], mac: '52:54:00:12:34:56' },
      ],
      addresses: [{ ifname: 'eth0', family: 'inet', local: '192.168.50.11', prefixlen: 24, scope: 'global' }],
      routes: [baseRoute, routeTo('0.0.0.0/0', { gateway: '192.168.50.1', dev: 'eth0', flags: [] })],
      neighbors: [{ dev: 'eth0', family: 'inet', dst: '192.168.50.1', lladdr: '52:54:00:00:00:01', state: ['REACHABLE'] }],
      fdb: [{ mac: '5a:11:22:33:44:55', dev: 'flannel.1', dst: '192.168.50.12', flags: ['self'], state: 'permanent' }],
      bgpSessions: [],
      cniConfigs: [],
    },
    counters: [baseCounters('lo'), baseCounters('eth0')],
    bgp: { socket: '/var/run/calico/bird.ctl', status: 'missing' },
    identity: { hostname: 'node-1', kernel: '6.1.0', underlayAddresses: ['192.168.50.11'], modes: ['flannel-vxlan'], agentVersion: '0.1.0' },
    errors: [],
    warnings: [],
    readAt: 0,
    ...over,
  };
}

/** baseSnapshot with some tables replaced (a table set to undefined is "not read"). */
export function withTables(tables: Partial<Record<keyof Snapshot['tables'], unknown[] | undefined>>, over: Partial<Snapshot> = {}): Snapshot {
  const base = baseSnapshot(over);
  const merged = { ...base.tables, ...tables } as Record<string, unknown>;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return { ...base, tables: merged as Snapshot['tables'] };
}
