import type { CniConfig, FullReport } from '@meshlens/model';
import { flannelNodeReport } from '../testing/node-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';

// Table endpoints send the JSON array Postgres builds from the stored rows (never parsed on the way out): what a
// client parses must be exactly what the agent sent, whatever the strings hold, now and at any past instant.
const awkward = 'a "quoted" \\ back\\slash\n\ttab, \u0001 control, ünïcödé ✓ 🚀 </script> 100% _x_';

const cni = (file: string, error?: string): CniConfig => ({ file, plugins: ['flannel', 'portmap'], plugin: 'flannel', ...(error && { error }) });
// Byte order of the natural key (file): 'Z' (0x5a) < 'a' (0x61) < 'é' (0xc3 0xa9), whatever the database collation.
const first: FullReport = {
  ...flannelNodeReport,
  nodeName: 'node-j',
  identity: { ...flannelNodeReport.identity, hostname: 'node-j' },
  tables: {
    ...flannelNodeReport.tables,
    cniConfigs: [cni('/etc/cni/net.d/é.conf', awkward), cni('/etc/cni/net.d/a.conf'), cni('/etc/cni/net.d/Z.conf', `${awkward} (1)`)],
  },
};
const second: FullReport = {
  ...first,
  seq: 2,
  collectedAt: '2026-11-24T10:01:00.000Z',
  tables: { ...first.tables, cniConfigs: [cni('/etc/cni/net.d/a.conf', `${awkward} (2)`), cni('/etc/cni/net.d/Z.conf', `${awkward} (1)`)] },
};

describe('node table JSON (real Postgres)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    for (const report of [first, second]) expect((await api.postReport(report)).status).toBe(200);
  });

  afterAll(async () => {
    await api.close();
  });

  const cniAt = async (at?: string) => {
    const res = await api.get(`/api/v1/nodes/node-j/cni${at ? `?at=${at}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await res.json()) as CniConfig[];
  };
  const files = (rows: CniConfig[]) => rows.map((r) => r.file);

  it('should return the rows exactly as sent, in byte order of their key, when strings hold quotes, escapes and non-ASCII', async () => {
    const [a, z] = second.tables.cniConfigs;

    expect(await cniAt()).toEqual([z, a]);
  });

  it('should return the earlier rows exactly when at is a past instant, up to the millisecond before the change', async () => {
    const [e, a, z] = first.tables.cniConfigs;

    expect(await cniAt(first.collectedAt)).toEqual([z, a, e]);
    expect(await cniAt('2026-11-24T10:00:59.999Z')).toEqual([z, a, e]);
  });

  it('should return the new rows and not the closed ones when at is exactly the instant of the change', async () => {
    expect(await cniAt(second.collectedAt)).toEqual(await cniAt());
  });

  it('should answer an empty JSON array when at is before the node reported', async () => {
    const res = await api.get('/api/v1/nodes/node-j/routes?at=2026-11-24T09:59:59.999Z');

    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('[]');
  });

  it('should find a row by a search term holding LIKE wildcards when q is given', async () => {
    const res = await api.get(`/api/v1/nodes/node-j/cni?q=${encodeURIComponent('100% _x_')}`);

    expect(files(await res.json())).toEqual(['/etc/cni/net.d/Z.conf', '/etc/cni/net.d/a.conf']);
  });
});
