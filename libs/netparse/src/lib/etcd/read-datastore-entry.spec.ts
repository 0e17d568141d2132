import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDatastoreEntry, type WatchedPrefix } from './read-datastore-entry';
import type { EtcdKv } from './etcd-kv';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const flannel: WatchedPrefix = { source: 'flannel', prefix: '/coreos.com/network' };
const calico: WatchedPrefix = { source: 'calico', prefix: '/calico' };
const kv = (key: string, value: string, lease = '0'): EtcdKv => ({ key, value, modRevision: '7', lease });

describe('readDatastoreEntry (Flannel)', () => {
  it('should apply flanneld defaults when the config names only Network and Backend', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/config', fixture('flannel/config-host-gw.json')));
    expect(entry).toEqual({
      kind: 'flannel-config',
      value: {
        prefix: '/coreos.com/network',
        network: '10.1.0.0/16',
        subnetLen: 24,
        enableIPv4: true,
        enableIPv6: false,
        backend: { type: 'host-gw' },
      },
    });
  });

  it('should keep SubnetLen, SubnetMin/Max and the backend port when the config sets them', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/config', fixture('flannel/config-udp-subnet-range.json')));
    expect(entry?.kind === 'flannel-config' && entry.value).toMatchObject({
      network: '10.0.0.0/8',
      subnetLen: 20,
      subnetMin: '10.10.0.0',
      subnetMax: '10.99.0.0',
      backend: { type: 'udp', port: 7890 },
    });
  });

  it('should read subnet, public IP, VNI and VtepMAC when the lease is a vxlan lease', () => {
    // 64-bit lease id above 2^53: must come through unrounded.
    const entry = readDatastoreEntry(
      flannel,
      kv('/coreos.com/network/subnets/10.5.52.0-24', fixture('flannel/lease-vxlan.json'), '7587862089466614033'),
    );
    expect(entry).toEqual({
      kind: 'flannel-lease',
      value: {
        prefix: '/coreos.com/network',
        key: '/coreos.com/network/subnets/10.5.52.0-24',
        subnet: '10.5.52.0/24',
        ipv6Subnet: null,
        publicIp: '192.168.64.3',
        publicIpv6: null,
        backendType: 'vxlan',
        vni: 1,
        vtepMac: 'c6:d2:32:6f:8f:44',
        ipv6VtepMac: null,
        etcdLeaseId: '7587862089466614033',
        expiresAt: null,
        node: null,
      },
    });
  });

  it('should read a lease when it predates PublicIPv6 and VNI', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/subnets/10.5.34.0-24', fixture('flannel/lease-vxlan-legacy.json')));
    expect(entry?.kind === 'flannel-lease' && entry.value).toMatchObject({ publicIpv6: null, vni: null, vtepMac: '82:4b:b6:2f:54:4e', etcdLeaseId: null });
  });

  it('should read a lease without backend when flanneld wrote only PublicIP', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/subnets/10.1.5.0-24', fixture('flannel/lease-no-backend.json')));
    expect(entry?.kind === 'flannel-lease' && entry.value).toMatchObject({ subnet: '10.1.5.0/24', publicIp: '1.2.3.4', backendType: null, vtepMac: null });
  });

  it('should read both subnets when the key is a dual-stack key', () => {
    const entry = readDatastoreEntry(
      flannel,
      kv('/coreos.com/network/subnets/10.5.52.0-24&fc00:0:0:1::-64', fixture('flannel/lease-vxlan.json')),
    );
    expect(entry?.kind === 'flannel-lease' && entry.value).toMatchObject({ subnet: '10.5.52.0/24', ipv6Subnet: 'fc00:0:0:1::/64' });
  });

  it.each([
    ['bad JSON', '{"PublicIP":"192.168.64.3",', /not valid JSON/],
    ['an array', '[1,2]', /JSON object/],
    ['no PublicIP', '{"BackendType":"vxlan"}', /PublicIP/],
    ['a bad VtepMAC', '{"PublicIP":"10.0.0.1","BackendData":{"VtepMAC":"zz"}}', /VtepMAC/],
  ])('should report a malformed lease when the value is %s', (_what, value, message) => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/subnets/10.5.52.0-24', value));
    expect(entry?.kind).toBe('malformed');
    expect(entry?.kind === 'malformed' && entry.value).toMatchObject({ source: 'flannel', expected: 'flannel-lease', excerpt: value });
    expect(entry?.kind === 'malformed' && entry.value.message).toMatch(message);
  });

  it('should report a malformed lease when the subnet key is not a subnet', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/subnets/garbage', fixture('flannel/lease-vxlan.json')));
    expect(entry?.kind).toBe('malformed');
  });

  it('should report a malformed config when Network is missing', () => {
    const entry = readDatastoreEntry(flannel, kv('/coreos.com/network/config', '{"Backend":{"Type":"vxlan"}}'));
    expect(entry?.kind === 'malformed' && entry.value.message).toMatch(/Network/);
  });

  it('should ignore keys when they are not Flannel config or subnets', () => {
    expect(readDatastoreEntry(flannel, kv('/coreos.com/network/other', '{}'))).toBeNull();
    expect(readDatastoreEntry(flannel, kv('/coreos.com/networkx/config', '{}'))).toBeNull();
  });
});

describe('readDatastoreEntry (Calico)', () => {
  it('should apply Calico defaults and the network address when the pool names only cidr and modes', () => {
    const entry = readDatastoreEntry(calico, kv('/calico/resources/v3/projectcalico.org/ippools/test', fixture('calico/ippool-host-bits.json')));
    expect(entry).toEqual({
      kind: 'calico-ip-pool',
      value: {
        name: '172.16.30_100-200',
        cidr: '172.16.30.128/26',
        blockSize: 26,
        ipipMode: 'Never',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
        nodeSelector: 'all()',
      },
    });
  });

  it('should count allocated addresses and name the node when the block has a host affinity', () => {
    const entry = readDatastoreEntry(calico, kv('/calico/ipam/v2/assignment/ipv4/block/100.112.209.128-26', fixture('calico/block-pods.json')));
    expect(entry).toEqual({
      kind: 'calico-ipam-block',
      value: {
        cidr: '100.112.209.128/26',
        affinity: 'host:ip-10-200-205-203',
        node: 'ip-10-200-205-203',
        size: 64,
        allocated: 9,
        borrowed: 0,
        strictAffinity: false,
        deleted: false,
        sequenceNumber: null,
      },
    });
  });

  it('should read node and block from the key when the value is a block affinity', () => {
    const entry = readDatastoreEntry(
      calico,
      kv('/calico/ipam/v2/host/node-1/ipv4/block/10.10.0.64-26', fixture('calico/affinity-confirmed.json')),
    );
    expect(entry).toEqual({ kind: 'calico-block-affinity', value: { node: 'node-1', cidr: '10.10.0.64/26', state: 'confirmed', deleted: false } });
  });

  it.each([
    ['a pool without spec', '/calico/resources/v3/projectcalico.org/ippools/p', '{"kind":"IPPool"}', 'calico-ip-pool'],
    ['a block with allocations as a string', '/calico/ipam/v2/assignment/ipv4/block/10.0.0.0-26', '{"cidr":"10.0.0.0/26","allocations":"x"}', 'calico-ipam-block'],
    ['an affinity that is not JSON', '/calico/ipam/v2/host/n/ipv4/block/10.0.0.0-26', 'confirmed', 'calico-block-affinity'],
  ])('should report a malformed entry when the value is %s', (_what, key, value, expected) => {
    const entry = readDatastoreEntry(calico, kv(key, value));
    expect(entry?.kind === 'malformed' && entry.value).toMatchObject({ source: 'calico', key, expected });
  });

  it('should ignore keys when they are not pools, blocks or affinities', () => {
    expect(readDatastoreEntry(calico, kv('/calico/ipam/v2/handle/k8s-pod-network.abc', '{"block":{}}'))).toBeNull();
    expect(readDatastoreEntry(calico, kv('/calico/resources/v3/projectcalico.org/nodes/node-1', '{}'))).toBeNull();
  });
});
