import { Etcd3 } from 'etcd3';
import type { DatastoreStatus, SubnetsResponse } from '@meshlens/model';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from '../../apps/api/src/app/datastore/testing/etcd-test-server';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTcpCutProxy, type TcpCutProxy } from '../../apps/api/src/app/datastore/testing/tcp-cut-proxy';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { ApiProcess } from './support/fleet';

const FLANNEL = '/coreos.com/network';
const unavailable = etcdUnavailableReason();
if (unavailable) console.warn(`etcd-restart fault test skipped: ${unavailable}`);
const describeWithEtcd = unavailable ? describe.skip : describe;

/** A flanneld lease value (vxlan backend) for node n. */
const leaseValue = (n: number, mac = 'c6:d2:32:6f:8f:44') =>
  JSON.stringify({ PublicIP: `192.168.64.${n}`, PublicIPv6: null, BackendType: 'vxlan', BackendData: { VNI: 1, VtepMAC: mac } });
const keyOf = (n: number) => `${FLANNEL}/subnets/10.5.${n}.0-24`;

describeWithEtcd('etcd restarted and compacted behind the API', () => {
  let etcd: EtcdTestServer;
  let proxy: TcpCutProxy;
  let db: TestDatabase;
  let api: ApiProcess;
  let writer: Etcd3;

  /** subnet -> "publicIp vtepMac" as etcd holds it, and as the API serves it. */
  const inEtcd = async () => {
    const all = await writer.getAll().prefix(`${FLANNEL}/subnets/`).strings();
    return Object.fromEntries(
      Object.entries(all).map(([k, v]) => {
        const value = JSON.parse(v) as { PublicIP: string; BackendData: { VtepMAC: string } };
        return [k.slice(k.lastIndexOf('/') + 1).replace('-', '/'), `${value.PublicIP} ${value.BackendData.VtepMAC}`];
      }),
    );
  };
  const inApi = async () => {
    const body = await api.json<SubnetsResponse>('/api/v1/subnets');
    const leases = body.networks.find((n) => n.prefix === FLANNEL)?.leases ?? [];
    return Object.fromEntries(leases.map((l) => [l.subnet, `${l.publicIp} ${l.vtepMac}`]));
  };
  const expectApiEqualsEtcd = async (what: string) => {
    let last: unknown;
    await eventually(
      async () => {
        const [want, got] = [await inEtcd(), await inApi()];
        last = { etcd: want, api: got };
        return JSON.stringify(Object.entries(want).sort()) === JSON.stringify(Object.entries(got).sort()) || undefined;
      },
      30_000,
      what,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
  };

  beforeAll(async () => {
    etcd = await startEtcdTestServer({ name: 'meshlens-faults' });
    proxy = await startTcpCutProxy(etcd.clientPort);
    writer = new Etcd3({ hosts: etcd.endpoint });
    await writer.put(`${FLANNEL}/config`).value(JSON.stringify({ Network: '10.5.0.0/16', SubnetLen: 24, Backend: { Type: 'vxlan', VNI: 1 } }));
    for (let n = 1; n <= 10; n++) await writer.put(keyOf(n)).value(leaseValue(n));
    db = await createTestDatabase();
    // The API reaches etcd through the proxy: cut, it sees etcd down while the test still writes to etcd.
    api = await ApiProcess.start({
      DATABASE_URL: db.url,
      MESHLENS_ETCD_ENDPOINTS: proxy.endpoint,
      MESHLENS_FLANNEL_PREFIX: FLANNEL,
      MESHLENS_CALICO_PREFIX: '',
    });
  });

  afterAll(async () => {
    await api?.stop();
    writer?.close();
    await proxy?.close();
    await etcd?.destroy();
    await db?.drop();
  });

  it('should catch up with changes made while etcd was away, across a restart and a compaction', async () => {
    await expectApiEqualsEtcd('the initial leases');
    const relists = async () => (await api.json<DatastoreStatus>('/api/v1/datastore/status')).watches.find((w) => w.prefix === FLANNEL)?.relists ?? 0;
    const relistsBefore = await relists();

    proxy.cut();
    await etcd.stop();
    await etcd.start();
    // While the API cannot see etcd: leases go, come, and change several times; then the history is compacted and
    // etcd restarts once more, so the revision the API's watch stands at is gone.
    for (let n = 1; n <= 3; n++) await writer.delete().key(keyOf(n));
    for (let n = 20; n <= 24; n++) await writer.put(keyOf(n)).value(leaseValue(n));
    for (let round = 0; round < 4; round++) await writer.put(keyOf(5)).value(leaseValue(55, `c6:d2:32:6f:8f:${10 + round}`));
    await etcd.compact();
    await etcd.stop();
    await etcd.start();
    proxy.restore();

    await expectApiEqualsEtcd('the leases after restart and compaction');
    expect((await inApi())['10.5.5.0/24']).toBe('192.168.64.55 c6:d2:32:6f:8f:13');
    // It got there by listing again: the revision its watch stood at was compacted away.
    expect(await relists()).toBeGreaterThan(relistsBefore);

    // The watch is live again: a change shows without any further restart.
    await writer.put(keyOf(30)).value(leaseValue(30));
    await expectApiEqualsEtcd('a lease written after recovery');
  });
});
