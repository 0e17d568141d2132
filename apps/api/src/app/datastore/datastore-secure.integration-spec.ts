import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3, Range } from 'etcd3';
import type { DatastoreStatus, SubnetsResponse } from '@meshlens/model';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from './testing/etcd-test-server';
import { eventually, startDatastoreTestApp, type DatastoreTestApp } from './testing/datastore-test-app';
import { makeTestPki, opensslUnavailableReason, type TestPki } from './testing/test-pki';

const FIXTURES = join(__dirname, '../../../../../libs/netparse/src/lib/etcd/__fixtures__');
const FLANNEL = '/coreos.com/network';
const ROOT_PASSWORD = 'root-test-password';
const READER_PASSWORD = 'reader-test-password';

const unavailable = etcdUnavailableReason() ?? opensslUnavailableReason();
if (unavailable) console.warn(`secure datastore integration tests skipped: ${unavailable}`);
const describeWithEtcd = unavailable ? describe.skip : describe;

describeWithEtcd('datastore watch over TLS with client certificates and a password user', () => {
  let pkiDir: string;
  let pki: TestPki;
  let etcd: EtcdTestServer;
  let db: TestDatabase;
  let writer: Etcd3;
  const apps: DatastoreTestApp[] = [];

  const startApi = async (password: string) => {
    const api = await startDatastoreTestApp(db.url, {
      endpoints: [etcd.endpoint],
      tls: { caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile },
      auth: { username: 'meshlens', password },
      prefixes: [{ source: 'flannel', prefix: FLANNEL }],
    });
    apps.push(api);
    return api;
  };

  beforeAll(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), 'meshlens-pki-'));
    pki = makeTestPki(pkiDir);
    etcd = await startEtcdTestServer({ pki });
    db = await createTestDatabase();
    // Auth on: root for the test's writes, and a user that may only read Flannel's prefix, as an operator would grant.
    const admin = new Etcd3(etcd.clientOptions());
    await admin.user('root').create(ROOT_PASSWORD);
    await admin.user('root').addRole('root');
    await admin.role('flannel-reader').create();
    await admin.role('flannel-reader').grant({ permission: 'Read', range: Range.prefix(FLANNEL) });
    await admin.user('meshlens').create(READER_PASSWORD);
    await admin.user('meshlens').addRole('flannel-reader');
    await admin.auth.authEnable({});
    admin.close();
    writer = new Etcd3({ ...etcd.clientOptions(), auth: { username: 'root', password: ROOT_PASSWORD } });
  });

  afterAll(async () => {
    for (const api of apps) await api.close();
    writer?.close();
    await etcd?.destroy();
    await db?.drop();
    if (pkiDir) rmSync(pkiDir, { recursive: true, force: true });
  });

  it('should watch the prefix when the certificate and the password are right', async () => {
    const api = await startApi(READER_PASSWORD);
    await writer.put(`${FLANNEL}/subnets/10.5.52.0-24`).value(readFileSync(join(FIXTURES, 'flannel/lease-vxlan.json'), 'utf8'));
    const body = await eventually(async () => {
      const b = await api.get<SubnetsResponse>('/subnets');
      return b.networks[0]?.leases.length ? b : undefined;
    }, 20_000, 'lease over TLS');
    expect(body.networks[0].leases[0]).toMatchObject({ subnet: '10.5.52.0/24', vtepMac: 'c6:d2:32:6f:8f:44' });
  });

  it('should say why in the watch status when the password is wrong', async () => {
    const api = await startApi('wrong-password');
    const status = await eventually(async () => {
      const s = await api.get<DatastoreStatus>('/datastore/status');
      return s.watches[0]?.lastError ? s : undefined;
    }, 20_000, 'watch error');
    expect(status.watches[0]).toMatchObject({ state: 'disconnected', revision: null });
    expect(status.watches[0].lastError).toMatch(/authentication failed/i);
  });
});
