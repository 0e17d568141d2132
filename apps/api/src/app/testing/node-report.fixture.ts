import type { DeltaReport, FullReport, Route } from '@meshlens/model';

/**
 * One realistic Flannel VXLAN node (node-1, pod subnet 10.244.1.0/24, underlay 192.0.2.11) with one peer
 * (node-2: 10.244.2.0/24 behind VTEP 192.0.2.12), shaped as the agent reports it. Variants below each change
 * one thing.
 */
export const flannelNodeReport: FullReport = {
  nodeName: 'node-1',
  seq: 1,
  epoch: 'run-a',
  kind: 'full',
  collectedAt: '2026-11-24T10:00:00.000Z',
  identity: {
    hostname: 'node-1',
    kernel: '6.1.0-40-amd64',
    underlayAddresses: ['192.0.2.11'],
    modes: ['flannel-vxlan'],
    agentVersion: '0.1.0',
  },
  bgp: { socket: '/var/run/calico/bird.ctl', status: 'missing' },
  counters: [
    { ifname: 'eth0', rxBytes: 1200, rxPackets: 12, rxErrors: 0, rxDropped: 0, txBytes: 800, txPackets: 9, txErrors: 0, txDropped: 0 },
  ],
  errors: [],
  tables: {
    links: [
      { ifindex: 1, ifname: 'lo', kind: 'loopback', mtu: 65536, operstate: 'UNKNOWN', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mac: '00:00:00:00:00:00' },
      { ifindex: 2, ifname: 'eth0', kind: 'veth', mtu: 1500, operstate: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mac: '02:42:c0:00:02:0b', peerIfindex: 5, peerNetnsId: 0 },
      {
        ifindex: 3,
        ifname: 'flannel.1',
        kind: 'vxlan',
        mtu: 1450,
        operstate: 'UNKNOWN',
        flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
        mac: '6a:1f:93:0c:55:01',
        vxlan: { vni: 1, local: '192.0.2.11', port: 8472, underlayDev: 'eth0', learning: false },
      },
      { ifindex: 4, ifname: 'cni0', kind: 'bridge', mtu: 1450, operstate: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mac: '9e:2b:5c:aa:10:01' },
      { ifindex: 5, ifname: 'veth1a2b3c4d', kind: 'veth', mtu: 1450, operstate: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mac: 'aa:0e:7b:31:22:01', master: 'cni0', peerIfindex: 2, peerNetnsId: 1 },
    ],
    addresses: [
      { ifname: 'lo', family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo' },
      { ifname: 'eth0', family: 'inet', local: '192.0.2.11', prefixlen: 24, scope: 'global', broadcast: '192.0.2.255', label: 'eth0' },
      { ifname: 'eth0', family: 'inet6', local: 'fe80::42:c0ff:fe00:20b', prefixlen: 64, scope: 'link' },
      { ifname: 'flannel.1', family: 'inet', local: '10.244.1.0', prefixlen: 32, scope: 'global', label: 'flannel.1' },
      { ifname: 'cni0', family: 'inet', local: '10.244.1.1', prefixlen: 24, scope: 'global', broadcast: '10.244.1.255', label: 'cni0' },
    ],
    routes: [
      { table: 'main', family: 'inet', type: 'unicast', dst: '0.0.0.0/0', protocol: 'boot', scope: 'global', metric: 0, tos: 0, gateway: '192.0.2.1', dev: 'eth0', flags: [] },
      { table: 'main', family: 'inet', type: 'unicast', dst: '192.0.2.0/24', protocol: 'kernel', scope: 'link', metric: 0, tos: 0, dev: 'eth0', prefsrc: '192.0.2.11', flags: [] },
      { table: 'main', family: 'inet', type: 'unicast', dst: '10.244.1.0/24', protocol: 'kernel', scope: 'link', metric: 0, tos: 0, dev: 'cni0', prefsrc: '10.244.1.1', flags: [] },
      { table: 'main', family: 'inet', type: 'unicast', dst: '10.244.2.0/24', protocol: 'boot', scope: 'global', metric: 0, tos: 0, gateway: '10.244.2.0', dev: 'flannel.1', flags: ['onlink'] },
      { table: 'local', family: 'inet', type: 'local', dst: '192.0.2.11/32', protocol: 'kernel', scope: 'host', metric: 0, tos: 0, dev: 'eth0', prefsrc: '192.0.2.11', flags: [] },
      { table: 'local', family: 'inet', type: 'local', dst: '10.244.1.1/32', protocol: 'kernel', scope: 'host', metric: 0, tos: 0, dev: 'cni0', prefsrc: '10.244.1.1', flags: [] },
      { table: 'main', family: 'inet6', type: 'unicast', dst: 'fe80::/64', protocol: 'kernel', scope: 'global', metric: 256, tos: 0, dev: 'eth0', flags: [] },
    ],
    neighbors: [
      { dev: 'flannel.1', family: 'inet', dst: '10.244.2.0', lladdr: '6a:1f:93:0c:55:02', state: ['PERMANENT'] },
      { dev: 'eth0', family: 'inet', dst: '192.0.2.1', lladdr: '02:42:c0:00:02:01', state: ['REACHABLE'] },
    ],
    fdb: [
      { mac: '6a:1f:93:0c:55:02', dev: 'flannel.1', dst: '192.0.2.12', flags: ['self'], state: 'permanent' },
      { mac: 'aa:0e:7b:31:22:01', dev: 'veth1a2b3c4d', master: 'cni0', vlan: 1, flags: ['master'], state: 'permanent' },
    ],
    bgpSessions: [],
    cniConfigs: [
      { file: '/etc/cni/net.d/10-flannel.conflist', name: 'cbr0', cniVersion: '0.3.1', plugins: ['flannel', 'portmap'], plugin: 'flannel', mode: 'vxlan' },
    ],
  },
};

/** The route to node-2's pod subnet (the one Flannel programs per peer). */
export const routeToNode2: Route = flannelNodeReport.tables.routes[3];

/** node-3 joined: one more per-peer route. */
export const routeToNode3: Route = { ...routeToNode2, dst: '10.244.3.0/24', gateway: '10.244.3.0' };

/** A multipath route whose devices sit only in nexthops[]. */
export const multipathRoute: Route = {
  table: '100',
  family: 'inet',
  type: 'unicast',
  dst: '198.51.100.0/24',
  protocol: 'static',
  scope: 'global',
  metric: 0,
  tos: 0,
  flags: [],
  nexthops: [
    { gateway: '192.0.2.1', dev: 'eth0', weight: 1, flags: [] },
    { gateway: '10.244.2.0', dev: 'flannel.1', weight: 1, flags: ['onlink'] },
  ],
};

/** Next report of the same run: node-2's route moved to another gateway, node-3 appeared, the pod veth left. */
export const flannelNodeReportChanged: FullReport = {
  ...flannelNodeReport,
  seq: 2,
  collectedAt: '2026-11-24T10:00:30.000Z',
  tables: {
    ...flannelNodeReport.tables,
    links: flannelNodeReport.tables.links.filter((l) => l.ifname !== 'veth1a2b3c4d'),
    routes: flannelNodeReport.tables.routes.map((r) => (r === routeToNode2 ? { ...r, gateway: '10.244.2.1' } : r)).concat(routeToNode3),
  },
};

/** A delta on top of flannelNodeReport (seq 1): node-3's route added, node-2's route removed. */
export const flannelNodeDelta: DeltaReport = {
  nodeName: flannelNodeReport.nodeName,
  seq: 2,
  baseSeq: 1,
  epoch: flannelNodeReport.epoch,
  kind: 'delta',
  collectedAt: '2026-11-24T10:00:10.000Z',
  identity: flannelNodeReport.identity,
  counters: [],
  errors: [],
  changes: {
    routes: { upsert: [routeToNode3], remove: ['main|inet|10.244.2.0/24|0|0'] },
  },
};
