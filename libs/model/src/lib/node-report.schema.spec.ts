import { nodeReportSchema, type FullReport } from './node-report.schema';
import { routeKey, fdbKey } from './natural-key.util';

const baseReport: FullReport = {
  nodeName: 'node-1',
  seq: 1,
  epoch: 'e1',
  kind: 'full',
  collectedAt: '2026-11-24T10:00:00.000Z',
  identity: { hostname: 'node-1', underlayAddresses: ['192.0.2.2'], modes: ['flannel-vxlan'], agentVersion: '0.1.0' },
  counters: [],
  errors: [],
  tables: {
    links: [],
    addresses: [],
    routes: [
      {
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
      },
    ],
    neighbors: [],
    fdb: [],
    bgpSessions: [],
    cniConfigs: [],
  },
};

describe('nodeReportSchema', () => {
  it('should accept a full report when every table has the model shape', () => {
    expect(nodeReportSchema.safeParse(baseReport).success).toBe(true);
  });

  it('should name the offending field when a route destination is not a CIDR', () => {
    const bad = structuredClone(baseReport);
    bad.tables.routes[0].dst = 'default';
    const result = nodeReportSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['tables', 'routes', 0, 'dst']);
  });

  it('should reject a delta report when it has no base sequence number', () => {
    const { tables: _tables, ...rest } = baseReport;
    const result = nodeReportSchema.safeParse({ ...rest, kind: 'delta', seq: 2, changes: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('baseSeq');
  });
});

describe('natural keys', () => {
  it('should tell routes apart by metric when table and destination are equal', () => {
    const r = baseReport.tables.routes[0];
    expect(routeKey(r)).not.toEqual(routeKey({ ...r, metric: 100 }));
  });

  it('should tell fdb entries apart by vlan when mac and device are equal', () => {
    const f = { mac: '33:33:00:00:00:01', dev: 'cni0', flags: ['self'], state: 'permanent' };
    expect(fdbKey(f)).not.toEqual(fdbKey({ ...f, vlan: 1 }));
  });
});
