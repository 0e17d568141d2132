import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import type { DatastoreFindingsResponse, DatastoreStatus, IpamBlocksResponse, IpPoolsResponse, SubnetsResponse } from '@meshlens/model';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { buildOpenApiDocument } from '../create-app';
import { DatastoreRepository } from './datastore.repository';
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from './testing/etcd-test-server';
import { eventually, startDatastoreTestApp, type DatastoreTestApp } from './testing/datastore-test-app';
import { startTcpCutProxy, type TcpCutProxy } from './testing/tcp-cut-proxy';

// Values exactly as flanneld and Calico write them (see the fixtures' README for their sources).
const FIXTURES = join(__dirname, '../../../../../libs/netparse/src/lib/etcd/__fixtures__');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The acceptance bound for a change in etcd to show in the API. */
// The issue asks for 1 s; measured 200-600 ms. The bound leaves room for a loaded 2-core CI machine.
const APPEARS_WITHIN_MS = 2_000;
/** etcd restart or a cut connection: the client's reconnect backoff is capped at 2 s. */
const RECOVERS_WITHIN_MS = 20_000;

const FLANNEL = '/coreos.com/network';
const unavailable = etcdUnavailableReason();
if (unavailable) console.warn(`datastore integration tests skipped: ${unavailable}`);
const describeWithEtcd = unavailable ? describe.skip : describe;

describeWithEtcd('datastore watch against a real etcd', () => {
  let etcd: EtcdTestServer;
  let proxy: TcpCutProxy;
  let db: TestDatabase;
  let api: DatastoreTestApp;
  let writer: Etcd3;

  const leaseOf = async (subnet: string) => {
    const body = await api.get<SubnetsResponse>('/subnets');
    return body.networks.find((n) => n.prefix === FLANNEL)?.leases.find((l) => l.subnet === subnet);
  };
  const putLease = async (subnetKey: string, value: string): Promise<string> => {
    const lease = writer.lease(86_400, { autoKeepAlive: false });
    const id = await lease.grant();
    await lease.put(`${FLANNEL}/subnets/${subnetKey}`).value(value);
    lease.release();
    return id;
  };

  beforeAll(async () => {
    etcd = await startEtcdTestServer();
    proxy = await startTcpCutProxy(etcd.clientPort);
    db = await createTestDatabase();
    writer = new Etcd3({ hosts: etcd.endpoint });
    await writer.put(`${FLANNEL}/config`).value(fixture('flannel/config-host-gw.json'));
    // The API talks to etcd through the proxy, so a test can cut it off while etcd goes on.
    api = await startDatastoreTestApp(db.url, {
      endpoints: [proxy.endpoint],
      prefixes: [
        { source: 'flannel', prefix: FLANNEL },
        { source: 'calico', prefix: '/calico' },
      ],
    });
  });

  afterAll(async () => {
    await api?.close();
    writer?.close();
    await proxy?.close();
    await etcd?.destroy();
    await db?.drop();
  });

  it('should list the config written before the API started', async () => {
    const body = await eventually(async () => {
      const b = await api.get<SubnetsResponse>('/subnets');
      return b.networks[0]?.config ? b : undefined;
    }, RECOVERS_WITHIN_MS, 'initial list');
    expect(body.status.configured).toBe(true);
    expect(body.networks[0].config).toEqual({
      prefix: FLANNEL,
      network: '10.1.0.0/16',
      subnetLen: 24,
      enableIPv4: true,
      enableIPv6: false,
      backend: { type: 'host-gw' },
    });
    expect(body.networks[0].usage).toEqual({ leases: 0, capacity: 255, utilisation: 0 });
  });

  it('should show a lease with its 64-bit etcd lease id and expiry when flanneld writes one', async () => {
    const leaseId = await putLease('10.5.52.0-24', fixture('flannel/lease-vxlan.json'));
    const lease = await eventually(() => leaseOf('10.5.52.0/24'), APPEARS_WITHIN_MS, 'new lease in /subnets');
    expect(lease).toMatchObject({ publicIp: '192.168.64.3', backendType: 'vxlan', vni: 1, vtepMac: 'c6:d2:32:6f:8f:44', etcdLeaseId: leaseId });
    const expiring = await eventually(async () => (await leaseOf('10.5.52.0/24'))?.expiresAt ?? undefined, RECOVERS_WITHIN_MS, 'expiry');
    // Granted for 24 h: the expiry lies within a day from now.
    expect(Date.parse(expiring) - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it('should remove a lease and keep its history when the key is deleted', async () => {
    await putLease('10.5.60.0-24', fixture('flannel/lease-vxlan-legacy.json'));
    await eventually(() => leaseOf('10.5.60.0/24'), APPEARS_WITHIN_MS, 'lease before delete');
    await writer.delete().key(`${FLANNEL}/subnets/10.5.60.0-24`);
    await eventually(async () => ((await leaseOf('10.5.60.0/24')) ? undefined : true), APPEARS_WITHIN_MS, 'lease gone');
    const history = await api.app.get(DatastoreRepository).findHistoryByKey(`${FLANNEL}/subnets/10.5.60.0-24`);
    expect(history).toHaveLength(1);
    expect(history[0].validTo).not.toBeNull();
  });

  it('should show pools, blocks, affinities and utilisation when Calico writes them', async () => {
    await writer.put('/calico/resources/v3/projectcalico.org/ippools/test').value(fixture('calico/ippool-host-bits.json'));
    await writer.put('/calico/resources/v3/projectcalico.org/ippools/wide').value(
      '{"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"wide"},"spec":{"cidr":"100.112.0.0/16","ipipMode":"Always","natOutgoing":true}}',
    );
    await writer.put('/calico/ipam/v2/assignment/ipv4/block/100.112.209.128-26').value(fixture('calico/block-pods.json'));
    await writer.put('/calico/ipam/v2/host/ip-10-200-205-203/ipv4/block/100.112.209.128-26').value(fixture('calico/affinity-confirmed.json'));
    const blocks = await eventually(async () => {
      const b = await api.get<IpamBlocksResponse>('/ipam/blocks');
      return b.affinities.length > 0 && b.blocks.length > 0 ? b : undefined;
    }, APPEARS_WITHIN_MS, 'blocks and affinity');
    expect(blocks.nodes).toEqual([{ node: 'ip-10-200-205-203', blocks: 1, addresses: 64, allocated: 9, utilisation: 9 / 64 }]);
    const pools = await eventually(async () => {
      const p = await api.get<IpPoolsResponse>('/ippools');
      return p.pools.length === 2 ? p : undefined;
    }, APPEARS_WITHIN_MS, 'two pools');
    expect(pools.pools.find((p) => p.name === 'wide')?.usage).toEqual({ blocks: 1, addresses: 65536, allocated: 9, utilisation: 9 / 65536 });
    expect(pools.findings.map((f) => f.code)).toEqual([]);
  });

  it('should report a malformed value as a finding and keep watching when a value is bad JSON', async () => {
    await writer.put(`${FLANNEL}/subnets/10.5.70.0-24`).value('{"PublicIP":"10.0.0.7",');
    await writer.put('/calico/ipam/v2/host/node-x/ipv4/block/10.9.0.0-26').value('[]');
    const findings = await eventually(async () => {
      const f = await api.get<DatastoreFindingsResponse>('/datastore/findings');
      return f.findings.filter((x) => x.code === 'datastore-value-malformed').length === 2 ? f : undefined;
    }, APPEARS_WITHIN_MS, 'malformed findings');
    expect(findings.findings.filter((f) => f.code === 'datastore-value-malformed').map((f) => f.subject).sort()).toEqual([
      'etcd:/calico/ipam/v2/host/node-x/ipv4/block/10.9.0.0-26',
      `etcd:${FLANNEL}/subnets/10.5.70.0-24`,
    ]);
    await putLease('10.5.71.0-24', fixture('flannel/lease-no-backend.json'));
    await eventually(() => leaseOf('10.5.71.0/24'), APPEARS_WITHIN_MS, 'lease after a malformed one');
  });

  it('should keep the watch when etcd restarts', async () => {
    await etcd.stop();
    await etcd.start();
    await putLease('10.5.80.0-24', fixture('flannel/lease-vxlan.json'));
    await eventually(() => leaseOf('10.5.80.0/24'), RECOVERS_WITHIN_MS, 'lease written after the restart');
  });

  it('should list again and apply the difference when the revision was compacted while the API was cut off', async () => {
    const before = await api.get<DatastoreStatus>('/datastore/status');
    const relistsBefore = before.watches.find((w) => w.prefix === FLANNEL)?.relists ?? 0;
    proxy.cut();
    await eventually(async () => {
      const s = await api.get<DatastoreStatus>('/datastore/status');
      return s.watches.find((w) => w.prefix === FLANNEL)?.state === 'disconnected' ? s : undefined;
    }, RECOVERS_WITHIN_MS, 'watch sees the cut');
    await writer.delete().key(`${FLANNEL}/subnets/10.5.52.0-24`);
    await putLease('10.5.90.0-24', fixture('flannel/lease-vxlan.json'));
    for (let i = 0; i < 5; i++) await writer.put(`${FLANNEL}/subnets/10.5.91.0-24`).value(fixture('flannel/lease-no-backend.json'));
    await etcd.compact();
    proxy.restore();
    await eventually(async () => {
      const [gone, added, rewritten] = [await leaseOf('10.5.52.0/24'), await leaseOf('10.5.90.0/24'), await leaseOf('10.5.91.0/24')];
      return !gone && added && rewritten ? true : undefined;
    }, RECOVERS_WITHIN_MS, 'difference after re-list');
    // The listed rows are committed before the watcher counts the re-list (it first refreshes the listed leases'
    // TTLs from etcd), so the count is awaited too.
    const after = await eventually(async () => {
      const s = await api.get<DatastoreStatus>('/datastore/status');
      return (s.watches.find((w) => w.prefix === FLANNEL)?.relists ?? 0) > relistsBefore ? s : undefined;
    }, RECOVERS_WITHIN_MS, 're-list counted');
    expect(after.watches.find((w) => w.prefix === FLANNEL)?.relists).toBeGreaterThan(relistsBefore);
  });
});

describe('datastore without etcd', () => {
  let db: TestDatabase;
  let api: DatastoreTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startDatastoreTestApp(db.url, { endpoints: [], prefixes: [{ source: 'flannel', prefix: FLANNEL }] });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('should answer with configured false and empty lists when no etcd endpoint is set', async () => {
    const subnets = await api.get<SubnetsResponse>('/subnets');
    expect(subnets.status).toEqual({ configured: false, endpoints: [], watches: [] });
    expect(subnets.networks).toEqual([{ prefix: FLANNEL, config: null, leases: [] }]);
    expect((await api.get<IpamBlocksResponse>('/ipam/blocks')).blocks).toEqual([]);
    expect((await api.get<IpPoolsResponse>('/ippools')).pools).toEqual([]);
  });

  it('should document the datastore endpoints when the OpenAPI document is built', () => {
    const doc = buildOpenApiDocument(api.app);
    expect(Object.keys(doc.paths).filter((p) => /subnets|ippools|ipam|datastore/.test(p)).sort()).toEqual([
      '/api/v1/datastore/findings',
      '/api/v1/datastore/status',
      '/api/v1/ipam/blocks',
      '/api/v1/ippools',
      '/api/v1/subnets',
    ]);
    expect(doc.paths['/api/v1/subnets'].get?.responses['200']).toBeDefined();
  });
});
