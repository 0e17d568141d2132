import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { findMigrationsDir } from './database-connection';
import { applyMigrations } from './migration-runner';
import { PrismaService } from './prisma.service';

// The models have unrelated delegate types; this is the part the test uses.
type ModelDelegate = {
  create(args: { data: object }): Promise<{ id: unknown }>;
  findUniqueOrThrow(args: { where: { id: unknown } }): Promise<Record<string, unknown>>;
};

/** Proves schema.prisma and the hand-written migrations agree: every model round-trips through the generated client. */
describe('generated Prisma client on the migrated schema (real Postgres)', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let nodeId: number;
  const at = new Date('2026-11-24T10:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url, findMigrationsDir(), { log: () => undefined, warn: () => undefined });
    prisma = new PrismaService(database.url);
    const node = await prisma.node.create({
      data: {
        name: 'node-1',
        hostname: 'node-1',
        kernel: '6.1.0',
        underlayAddresses: ['192.0.2.11'],
        modes: ['flannel-vxlan'],
        agentVersion: '0.1.0',
        firstSeen: at,
        lastSeen: at,
        epoch: 'e',
        ackedSeq: 1,
        bgp: { socket: '/run/bird.ctl', status: 'ok' },
        identity: { hostname: 'node-1' },
      },
    });
    nodeId = node.id;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it('should read a Node back with every column when it was created through the client', async () => {
    const node = await prisma.node.findUniqueOrThrow({ where: { id: nodeId } });

    expect(node).toEqual({
      id: nodeId,
      name: 'node-1',
      hostname: 'node-1',
      kernel: '6.1.0',
      underlayAddresses: ['192.0.2.11'],
      modes: ['flannel-vxlan'],
      agentVersion: '0.1.0',
      firstSeen: at,
      lastSeen: at,
      epoch: 'e',
      ackedSeq: 1,
      bgp: { socket: '/run/bird.ctl', status: 'ok' },
      identity: { hostname: 'node-1' },
      collectorErrors: [],
    });
  });

  // nodeId is added in the test: it exists only once beforeAll ran.
  const common = (key: string, data: object) => ({ key, hash: 'h', data, validFrom: at });
  const entities = [
    ['link', { ...common('eth0', { ifname: 'eth0' }), ifname: 'eth0', kind: 'veth' }],
    ['address', { ...common('eth0|inet|192.0.2.11/24', { local: '192.0.2.11' }), ifname: 'eth0', family: 'inet' }],
    ['route', { ...common('main|inet|10.0.0.0/8|0|0', { dst: '10.0.0.0/8' }), table: 'main', family: 'inet', dev: 'eth0', protocol: 'boot' }],
    ['neighbor', { ...common('eth0|192.0.2.1', {}), dev: 'eth0', dst: '192.0.2.1', family: 'inet' }],
    ['fdbEntry', { ...common('flannel.1|aa:bb:cc:dd:ee:ff|||', {}), dev: 'flannel.1', mac: 'aa:bb:cc:dd:ee:ff' }],
    ['bgpSession', { ...common('Mesh_192_0_2_12', {}), name: 'Mesh_192_0_2_12', bgpState: 'Established' }],
    ['cniConfig', { ...common('/etc/cni/net.d/10-flannel.conflist', {}), file: '/etc/cni/net.d/10-flannel.conflist' }],
    [
      'counterSample',
      { ifname: 'eth0', ts: at, rxBytes: 2n ** 40n, rxPackets: 1n, rxErrors: 0n, rxDropped: 0n, txBytes: 3n, txPackets: 1n, txErrors: 0n, txDropped: 0n },
    ],
  ] as const;
  // Models without a Node relation.
  const standalone = [
    [
      'datastoreEntry',
      { source: 'flannel', prefix: '/coreos.com/network', key: '/coreos.com/network/subnets/10.244.1.0-24', kind: 'flannel-lease', hash: 'h', data: { PublicIP: '192.0.2.11' }, modRevision: 12n, etcdLease: 7587883131243390000n, validFrom: at },
    ],
    ['datastoreWatch', { id: 'flannel:/coreos.com/network', source: 'flannel', prefix: '/coreos.com/network', state: 'watching', revision: 12n, updatedAt: at }],
    ['alertRule', { id: 'bgp-down', name: 'BGP session down', kind: 'bgp-session-down', enabled: true, severity: 'critical', forSeconds: 0, scope: {}, params: {}, builtin: true, createdAt: at, updatedAt: at }],
    [
      'alert',
      { id: 'a1', fingerprint: 'f1', ruleId: 'bgp-down', ruleName: 'BGP session down', kind: 'bgp-session-down', severity: 'critical', node: 'node-1', subject: 'Mesh_192_0_2_12', state: 'firing', labels: {}, annotations: {}, evidence: [], flapCount: 0, startsAt: at, updatedAt: at },
    ],
    ['alertSilence', { id: 's1', matchers: { node: 'node-1' }, comment: 'maintenance', createdBy: 'ops', startsAt: at, endsAt: at }],
    ['alertReceiver', { id: 'r1', name: 'pager', url: 'http://127.0.0.1:9/hook', format: 'alertmanager', enabled: true, createdAt: at }],
    ['alertHistory', { alertId: 'a1', type: 'firing', at, detail: {} }],
    ['alertDelivery', { alertId: 'a1', receiverId: 'r1', event: 'firing', payload: {}, status: 'pending', nextAttemptAt: at, createdAt: at }],
  ] as const;

  it('should cover every model of schema.prisma when the schema grows', () => {
    const schema = readFileSync(join(__dirname, '../../../../../prisma/schema.prisma'), 'utf8');
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1][0].toLowerCase() + m[1].slice(1));

    expect(['node', 'counterRollup', 'counterRollupWatermark', 'datastoreRevision', ...[...entities, ...standalone].map(([model]) => model)].sort()).toEqual(
      models.sort(),
    );
  });

  it.each(standalone)('should write and read back a %s when it goes through the generated client', async (model, data) => {
    const delegate = (prisma as unknown as Record<string, ModelDelegate>)[model];

    const created = await delegate.create({ data });

    expect(await delegate.findUniqueOrThrow({ where: { id: created.id } })).toEqual(expect.objectContaining(data));
  });

  it('should write and read back counter rollups and their watermark when they go through the generated client', async () => {
    const rollup = { nodeId, ifname: 'eth0', stepSeconds: 60, bucket: at, seconds: 60, rxBytes: 1n, rxPackets: 2n, rxErrors: 0n, rxDropped: 0n, txBytes: 3n, txPackets: 4n, txErrors: 0n, txDropped: 0n };
    await prisma.counterRollup.create({ data: rollup });
    await prisma.counterRollupWatermark.create({ data: { stepSeconds: 60, rolledUntil: at } });

    const key = { nodeId, ifname: 'eth0', stepSeconds: 60, bucket: at };
    expect(await prisma.counterRollup.findUniqueOrThrow({ where: { nodeId_ifname_stepSeconds_bucket: key } })).toEqual(rollup);
    expect(await prisma.counterRollupWatermark.findUniqueOrThrow({ where: { stepSeconds: 60 } })).toEqual({ stepSeconds: 60, rolledUntil: at });
  });

  it('should write and read back a datastore revision by its source and prefix when it goes through the generated client', async () => {
    const data = { source: 'flannel', prefix: '/coreos.com/network', revision: 12n, storedAt: at };
    await prisma.datastoreRevision.create({ data });

    expect(await prisma.datastoreRevision.findUniqueOrThrow({ where: { source_prefix: { source: 'flannel', prefix: '/coreos.com/network' } } })).toEqual(data);
  });

  it.each(entities)('should write and read back a %s when it goes through the generated client', async (model, fields) => {
    const data = { ...fields, nodeId };
    const delegate = (prisma as unknown as Record<string, ModelDelegate>)[model];

    const created = await delegate.create({ data });
    const read = await delegate.findUniqueOrThrow({ where: { id: created.id } });

    expect(typeof read.id).toBe('bigint');
    expect(read).toEqual(expect.objectContaining(data));
    if ('validFrom' in data) expect(read.validTo).toBeNull();
  });

  it('should fill the generated cidr/inet columns from data when routes and addresses are written', async () => {
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const route = await db.query(`SELECT dst::text FROM "Route"`);
      const address = await db.query(`SELECT host(local) AS local FROM "Address"`);
      expect(route.rows).toEqual([{ dst: '10.0.0.0/8' }]);
      expect(address.rows).toEqual([{ local: '192.0.2.11' }]);
    } finally {
      await db.end();
    }
  });

  it('should refuse a second current row for one natural key when the first is not closed', async () => {
    const data = { ...common('lo', {}), nodeId, ifname: 'lo', kind: 'loopback' };
    await prisma.link.create({ data });

    await expect(prisma.link.create({ data })).rejects.toThrow();
    await prisma.link.updateMany({ where: { key: 'lo' }, data: { validTo: at } });
    await expect(prisma.link.create({ data })).resolves.toBeDefined();
  });
});
