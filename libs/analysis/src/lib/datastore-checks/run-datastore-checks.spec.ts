import { join } from 'node:path';
import type { BlockAffinity, CalicoIpPool, DatastoreSnapshot, FlannelLease, IpamBlock } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { loadFixtureCluster } from '../path/__testing__/load-fixture-cluster';
import { runDatastoreChecks } from './run-datastore-checks';
import { nodeUsage, poolUsage } from './ipam-usage';

// Real captures of two Flannel VXLAN nodes (see the fixture's README); the leases below are what flanneld wrote.
const FIXTURE = join(__dirname, '..', '__fixtures__', 'flannel-vxlan-2node');
const NOW = new Date('2026-11-24T12:00:00.000Z');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();

const lease = (n: 1 | 2, mac: string): FlannelLease => ({
  prefix: '/coreos.com/network',
  key: `/coreos.com/network/subnets/10.244.${n}.0-24`,
  subnet: `10.244.${n}.0/24`,
  ipv6Subnet: null,
  publicIp: `192.168.250.1${n}`,
  publicIpv6: null,
  backendType: 'vxlan',
  vni: 1,
  vtepMac: mac,
  ipv6VtepMac: null,
  etcdLeaseId: `758786208946661403${n}`,
  expiresAt: inHours(23),
  node: null,
});
const LEASE_1 = lease(1, 'ea:32:52:97:8a:4f');
const LEASE_2 = lease(2, '46:ad:3b:a8:ef:14');

const snapshot = (over: Partial<DatastoreSnapshot> = {}): DatastoreSnapshot => ({
  flannelConfigs: [],
  flannelLeases: [LEASE_1, LEASE_2],
  ipPools: [],
  ipamBlocks: [],
  blockAffinities: [],
  problems: [],
  ...over,
});

const nodeNamed = (cluster: ClusterState, name: string) => {
  const node = cluster.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`fixture has no ${name}`);
  return node;
};

const codes = (cluster: ClusterState, s: DatastoreSnapshot) => runDatastoreChecks(s, cluster, { now: NOW }).map((f) => `${f.code} ${f.subject}`);

describe('runDatastoreChecks', () => {
  let cluster: ClusterState;
  beforeEach(() => {
    cluster = loadFixtureCluster(FIXTURE);
  });

  it('should find nothing when the leases match what both nodes programmed', () => {
    expect(codes(cluster, snapshot())).toEqual([]);
  });

  it('should report the FDB, neighbour and device MAC when a lease announces another VtepMAC', () => {
    const findings = runDatastoreChecks(snapshot({ flannelLeases: [LEASE_1, lease(2, '02:00:00:00:00:99')] }), cluster, { now: NOW });
    expect(findings.map((f) => f.subject).sort()).toEqual([
      'node-1:flannel.1:fdb:10.244.2.0/24',
      'node-1:flannel.1:neigh:10.244.2.0/24',
      'node-2:flannel.1:lease:10.244.2.0/24',
    ]);
    expect(findings.every((f) => f.code === 'lease-vtep-mac-mismatch')).toBe(true);
    const fdb = findings.find((f) => f.subject.includes(':fdb:'));
    expect(fdb?.evidence.map((e) => `${e.node} ${e.table} ${e.key}`)).toEqual([
      'node-2 leases /coreos.com/network/subnets/10.244.2.0-24',
      'node-1 fdb flannel.1|46:ad:3b:a8:ef:14|192.168.250.12||',
    ]);
  });

  it('should report the missing route when a node lost the route to a peer lease', () => {
    const node1 = nodeNamed(cluster, 'node-1');
    node1.routes = node1.routes.filter((r) => r.dst !== '10.244.2.0/24');
    expect(codes(cluster, snapshot())).toEqual(['lease-route-missing node-1->10.244.2.0/24']);
  });

  it('should report a route missing on every member when a third lease has no node routing it', () => {
    const stranger = { ...lease(2, '02:00:00:00:00:03'), key: '/coreos.com/network/subnets/10.244.3.0-24', subnet: '10.244.3.0/24', publicIp: '192.168.250.13' };
    expect(codes(cluster, snapshot({ flannelLeases: [LEASE_1, LEASE_2, stranger] }))).toEqual([
      'lease-route-missing node-1->10.244.3.0/24',
      'lease-route-missing node-2->10.244.3.0/24',
    ]);
  });

  it('should report the vtep address when flannel.1 holds another subnet than the lease', () => {
    const node2 = nodeNamed(cluster, 'node-2');
    node2.addresses = node2.addresses.map((a) => (a.ifname === 'flannel.1' && a.family === 'inet' ? { ...a, local: '10.244.9.0' } : a));
    const findings = runDatastoreChecks(snapshot(), cluster, { now: NOW });
    expect(findings.map((f) => f.code)).toEqual(['lease-vtep-address-mismatch']);
    expect(findings[0].message).toContain('10.244.9.0/32');
  });

  it('should report expired and soon-expiring leases when their etcd lease runs out', () => {
    const s = snapshot({ flannelLeases: [{ ...LEASE_1, expiresAt: inHours(-0.1) }, { ...LEASE_2, expiresAt: inHours(0.5) }] });
    expect(codes(cluster, s)).toEqual(['lease-expired lease:/coreos.com/network:10.244.1.0/24', 'lease-expiring lease:/coreos.com/network:10.244.2.0/24']);
  });

  it('should report a malformed value when the datastore holds one', () => {
    const s = snapshot({
      problems: [{ source: 'flannel', key: '/coreos.com/network/subnets/10.244.7.0-24', expected: 'flannel-lease', message: 'not valid JSON', excerpt: '{' }],
    });
    expect(codes(cluster, s)).toEqual(['datastore-value-malformed etcd:/coreos.com/network/subnets/10.244.7.0-24']);
  });
});

describe('Calico IPAM checks and usage', () => {
  const pool = (name: string, cidr: string): CalicoIpPool => ({
    name,
    cidr,
    blockSize: 26,
    ipipMode: 'Never',
    vxlanMode: 'Never',
    natOutgoing: true,
    disabled: false,
    nodeSelector: 'all()',
  });
  const block = (cidr: string, node: string, allocated: number): IpamBlock => ({
    cidr,
    affinity: `host:${node}`,
    node,
    size: 64,
    allocated,
    borrowed: 0,
    strictAffinity: false,
    deleted: false,
    sequenceNumber: allocated,
  });
  const affinity = (node: string, cidr: string): BlockAffinity => ({ node, cidr, state: 'confirmed', deleted: false });

  it('should report overlapping pools when two pools share addresses', () => {
    const cluster: ClusterState = { nodes: [] };
    const s = snapshot({ flannelLeases: [], ipPools: [pool('a', '10.10.0.0/16'), pool('b', '10.10.128.0/17'), pool('c', '10.20.0.0/16')] });
    expect(codes(cluster, s)).toEqual(['ip-pool-overlap ippools:a|b']);
  });

  it('should report a missing blackhole when a Calico node owns a block it does not blackhole', () => {
    const cluster = loadFixtureCluster(FIXTURE);
    cluster.nodes[0].identity.modes = ['calico-bgp'];
    const s = snapshot({ flannelLeases: [], blockAffinities: [affinity(cluster.nodes[0].name, '10.10.0.64/26')] });
    expect(codes(cluster, s)).toEqual([`block-blackhole-missing ${cluster.nodes[0].name}:blackhole:10.10.0.64/26`]);
    cluster.nodes[0].routes.push({
      dst: '10.10.0.64/26', table: 'main', family: 'inet', type: 'blackhole', protocol: 'bird', scope: 'global', metric: 0, tos: 0, flags: [],
    });
    expect(codes(cluster, s)).toEqual([]);
  });

  it('should sum allocations per pool and per node when blocks are carved from a pool', () => {
    const blocks = [block('10.10.0.0/26', 'node-1', 3), block('10.10.0.64/26', 'node-1', 61), block('10.10.1.0/26', 'node-2', 1)];
    expect(poolUsage([pool('a', '10.10.0.0/22')], blocks)[0].usage).toEqual({ blocks: 3, addresses: 1024, allocated: 65, utilisation: 65 / 1024 });
    expect(nodeUsage(blocks)).toEqual([
      { node: 'node-1', blocks: 2, addresses: 128, allocated: 64, utilisation: 0.5 },
      { node: 'node-2', blocks: 1, addresses: 64, allocated: 1, utilisation: 1 / 64 },
    ]);
  });
});
