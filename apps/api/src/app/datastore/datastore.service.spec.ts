import type { ClusterState } from '@meshlens/analysis';
import type { DatastoreEntry, DatastoreWatchStatus } from '@meshlens/model';
import type { ClusterStateRepository } from '../analysis/cluster-state.repository';
import type { DatastoreConfig } from './datastore-config';
import type { DatastoreSyncService } from './datastore-sync.service';
import type { CurrentDatastoreRow, DatastoreRepository } from './datastore.repository';
import { DatastoreService } from './datastore.service';

const CONFIG: DatastoreConfig = {
  endpoints: ['http://127.0.0.1:2379'],
  prefixes: [
    { source: 'flannel', prefix: '/coreos.com/network' },
    { source: 'flannel', prefix: '/flannel/host-gw' },
    { source: 'calico', prefix: '/calico' },
  ],
};
const LEASE_ID = '7587862089466614033';
const EXPIRY = Date.parse('2026-11-25T12:00:00.000Z');

const row = (source: string, prefix: string, key: string, entry: DatastoreEntry): CurrentDatastoreRow => ({ source, prefix, key, entry, modRevision: 5n });

const ROWS: CurrentDatastoreRow[] = [
  row('flannel', '/coreos.com/network', '/coreos.com/network/subnets/10.5.52.0-24', {
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
      etcdLeaseId: LEASE_ID,
      expiresAt: null,
      node: null,
    },
  }),
  row('calico', '/calico', '/calico/resources/v3/projectcalico.org/ippools/a', {
    kind: 'calico-ip-pool',
    value: { name: 'a', cidr: '10.10.0.0/16', blockSize: 26, ipipMode: 'Never', vxlanMode: 'Never', natOutgoing: true, disabled: false, nodeSelector: 'all()' },
  }),
  row('calico', '/calico', '/calico/resources/v3/projectcalico.org/ippools/b', {
    kind: 'calico-ip-pool',
    value: { name: 'b', cidr: '10.10.0.0/24', blockSize: 26, ipipMode: 'Never', vxlanMode: 'Never', natOutgoing: true, disabled: false, nodeSelector: 'all()' },
  }),
  row('calico', '/calico', '/calico/ipam/v2/host/n/ipv4/block/10.9.0.0-26', {
    kind: 'malformed',
    value: { source: 'calico', key: '/calico/ipam/v2/host/n/ipv4/block/10.9.0.0-26', expected: 'calico-block-affinity', message: 'expected a JSON object', excerpt: '[]' },
  }),
];

function service(): { svc: DatastoreService; clusterReads: () => number } {
  let reads = 0;
  const repository = { findCurrent: async () => ROWS } as unknown as DatastoreRepository;
  const status: DatastoreWatchStatus = {
    source: 'flannel', prefix: '/coreos.com/network', state: 'watching', revision: '5', relists: 0, lastError: null, lastChangeAt: null,
  };
  const sync = {
    watchStatuses: () => [status],
    leaseExpiry: (id: string) => (id === LEASE_ID ? EXPIRY : undefined),
  } as unknown as DatastoreSyncService;
  const reader = {
    findAt: async (): Promise<ClusterState> => {
      reads++;
      return { nodes: [] };
    },
  } as unknown as ClusterStateRepository;
  return { svc: new DatastoreService(CONFIG, repository, sync, reader), clusterReads: () => reads };
}

describe('DatastoreService', () => {
  it('should list every configured Flannel prefix with the lease expiry etcd gave when /subnets is read', async () => {
    const body = await service().svc.subnets();
    expect(body.networks.map((n) => [n.prefix, n.leases.length])).toEqual([
      ['/coreos.com/network', 1],
      ['/flannel/host-gw', 0],
    ]);
    expect(body.networks[0].leases[0].expiresAt).toBe(new Date(EXPIRY).toISOString());
    expect(body.status).toMatchObject({ configured: true, watches: [{ state: 'watching', revision: '5' }] });
    expect(body.problems).toEqual([]);
  });

  it('should give pool usage and only Calico findings without reading the nodes when /ippools is read', async () => {
    const { svc, clusterReads } = service();
    const body = await svc.ipPools();
    expect(body.pools.map((p) => [p.name, p.usage.addresses])).toEqual([
      ['a', 65536],
      ['b', 256],
    ]);
    expect(body.findings.map((f) => f.code).sort()).toEqual(['datastore-value-malformed', 'ip-pool-overlap']);
    expect(body.problems).toHaveLength(1);
    expect(clusterReads()).toBe(0);
  });
});
