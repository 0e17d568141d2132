import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { NATURAL_KEYS, type DatastoreFindingsResponse, type SubnetsResponse, type TableName, type TableRows } from '@meshlens/model';
import { inferUnderlayAddresses, parseBridgeFdb, parseIpAddr, parseIpLink, parseIpNeigh, parseIpRoute, type ParseResult } from '@meshlens/netparse';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { PrismaService } from '../database/prisma.service';
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from './testing/etcd-test-server';
import { eventually, startDatastoreTestApp, type DatastoreTestApp } from './testing/datastore-test-app';

// Real iproute2 captures of two Flannel VXLAN nodes (the analysis fixture's README says how they were taken).
const CAPTURE = join(__dirname, '../../../../../libs/analysis/src/lib/__fixtures__/flannel-vxlan-2node');
const FLANNEL = '/coreos.com/network';

const must = <T>(r: ParseResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.source}: ${r.error.message}`);
  return r.value;
};

function captured(node: string) {
  const read = (f: string) => readFileSync(join(CAPTURE, node, f), 'utf8');
  const addresses = must(parseIpAddr(read('addr.json')));
  const routes = [...must(parseIpRoute(read('route.json'))), ...must(parseIpRoute(read('route6.json')))];
  return {
    identity: { hostname: node, underlayAddresses: inferUnderlayAddresses({ routes, addresses }), modes: ['flannel-vxlan'], agentVersion: 'capture' },
    tables: {
      links: must(parseIpLink(read('link.json'))),
      addresses,
      routes,
      neighbors: must(parseIpNeigh(read('neigh.json'))),
      fdb: must(parseBridgeFdb(read('fdb.json'))),
    } satisfies Partial<{ [T in TableName]: TableRows[T][] }>,
  };
}

/** Stores a node's current tables the way report ingestion leaves them (one current row per natural key). */
async function storeNode(prisma: PrismaService, name: string): Promise<void> {
  const { identity, tables } = captured(name);
  const at = new Date();
  const node = await prisma.node.create({
    data: {
      name,
      hostname: name,
      underlayAddresses: identity.underlayAddresses,
      modes: identity.modes,
      agentVersion: identity.agentVersion,
      firstSeen: at,
      lastSeen: at,
      epoch: 'capture',
      ackedSeq: 0,
      identity,
    },
  });
  const base = (key: string, data: object) => ({ nodeId: node.id, key, hash: key, data, validFrom: at });
  // Ingestion keeps the last row of a repeated natural key (the kernel lists e.g. ff00::/8 once per device).
  const unique = <T>(rows: T[], keyOf: (row: T) => string): T[] => [...new Map(rows.map((r) => [keyOf(r), r])).values()];
  await prisma.link.createMany({ data: unique(tables.links, NATURAL_KEYS.links).map((l) => ({ ...base(NATURAL_KEYS.links(l), l), ifname: l.ifname, kind: l.kind })) });
  await prisma.address.createMany({
    data: unique(tables.addresses, NATURAL_KEYS.addresses).map((a) => ({ ...base(NATURAL_KEYS.addresses(a), a), ifname: a.ifname, family: a.family })),
  });
  await prisma.route.createMany({
    data: unique(tables.routes, NATURAL_KEYS.routes).map((r) => ({ ...base(NATURAL_KEYS.routes(r), r), table: r.table, family: r.family, dev: r.dev ?? null, protocol: r.protocol })),
  });
  await prisma.neighbor.createMany({
    data: unique(tables.neighbors, NATURAL_KEYS.neighbors).map((n) => ({ ...base(NATURAL_KEYS.neighbors(n), n), dev: n.dev, dst: n.dst, family: n.family })),
  });
  await prisma.fdbEntry.createMany({ data: unique(tables.fdb, NATURAL_KEYS.fdb).map((f) => ({ ...base(NATURAL_KEYS.fdb(f), f), dev: f.dev, mac: f.mac })) });
}

const leaseValue = (publicIp: string, vtepMac: string) =>
  JSON.stringify({ PublicIP: publicIp, PublicIPv6: null, BackendType: 'vxlan', BackendData: { VNI: 1, VtepMAC: vtepMac } });

const unavailable = etcdUnavailableReason();
if (unavailable) console.warn(`datastore cross-check integration tests skipped: ${unavailable}`);
const describeWithEtcd = unavailable ? describe.skip : describe;

describeWithEtcd("etcd's leases held against the nodes' reported tables", () => {
  let etcd: EtcdTestServer;
  let db: TestDatabase;
  let api: DatastoreTestApp;
  let writer: Etcd3;

  beforeAll(async () => {
    etcd = await startEtcdTestServer();
    db = await createTestDatabase();
    writer = new Etcd3({ hosts: etcd.endpoint });
    api = await startDatastoreTestApp(db.url, { endpoints: [etcd.endpoint], prefixes: [{ source: 'flannel', prefix: FLANNEL }] });
    const prisma = api.app.get(PrismaService);
    await storeNode(prisma, 'node-1');
    await storeNode(prisma, 'node-2');
  });

  afterAll(async () => {
    await api?.close();
    writer?.close();
    await etcd?.destroy();
    await db?.drop();
  });

  it('should attribute leases to nodes and find nothing when the leases match what the nodes programmed', async () => {
    await writer.put(`${FLANNEL}/subnets/10.244.1.0-24`).value(leaseValue('192.168.250.11', 'ea:32:52:97:8a:4f'));
    await writer.put(`${FLANNEL}/subnets/10.244.2.0-24`).value(leaseValue('192.168.250.12', '46:ad:3b:a8:ef:14'));
    const subnets = await eventually(async () => {
      const s = await api.get<SubnetsResponse>('/subnets');
      return s.networks[0]?.leases.length === 2 ? s : undefined;
    }, 5_000, 'two leases');
    expect(subnets.networks[0].leases.map((l) => [l.subnet, l.node])).toEqual([
      ['10.244.1.0/24', 'node-1'],
      ['10.244.2.0/24', 'node-2'],
    ]);
    expect((await api.get<DatastoreFindingsResponse>('/datastore/findings')).findings).toEqual([]);
  });

  it('should report where the VtepMAC is not programmed when a lease announces another MAC', async () => {
    await writer.put(`${FLANNEL}/subnets/10.244.2.0-24`).value(leaseValue('192.168.250.12', '02:42:c0:a8:fa:0c'));
    const body = await eventually(async () => {
      const f = await api.get<DatastoreFindingsResponse>('/datastore/findings');
      return f.findings.length > 0 ? f : undefined;
    }, 5_000, 'mismatch findings');
    expect(body.findings.map((f) => `${f.code} ${f.subject}`).sort()).toEqual([
      'lease-vtep-mac-mismatch node-1:flannel.1:fdb:10.244.2.0/24',
      'lease-vtep-mac-mismatch node-1:flannel.1:neigh:10.244.2.0/24',
      'lease-vtep-mac-mismatch node-2:flannel.1:lease:10.244.2.0/24',
    ]);
    const fdb = body.findings.find((f) => f.subject.includes(':fdb:'));
    expect(fdb?.evidence.map((e) => [e.node, e.table, e.key])).toEqual([
      ['node-2', 'leases', `${FLANNEL}/subnets/10.244.2.0-24`],
      ['node-1', 'fdb', 'flannel.1|46:ad:3b:a8:ef:14|192.168.250.12||'],
    ]);
  });

  it('should report the missing route when a lease appears that no node routes', async () => {
    await writer.put(`${FLANNEL}/subnets/10.244.2.0-24`).value(leaseValue('192.168.250.12', '46:ad:3b:a8:ef:14'));
    await writer.put(`${FLANNEL}/subnets/10.244.3.0-24`).value(leaseValue('192.168.250.11', 'ea:32:52:97:8a:4f'));
    const body = await eventually(async () => {
      const f = await api.get<DatastoreFindingsResponse>('/datastore/findings');
      return f.findings.some((x) => x.code === 'lease-route-missing') ? f : undefined;
    }, 5_000, 'route finding');
    // node-1 holds both 10.244.1.0/24 and the new lease; node-2 has no route to the new subnet.
    expect(body.findings.map((f) => `${f.code} ${f.subject}`)).toContain('lease-route-missing node-2->10.244.3.0/24');
  });
});
