import { capturedReport } from '../testing/captured-report.fixture';
import { mutatedDocument, pathsOf, seededRandom } from '../testing/report-mutations';
import { startTestApi, type TestApi } from '../testing/test-api';

/** Every read route with the query parameters it takes (as the controllers' DTOs name them). */
const ROUTES: Array<{ path: string; params: string[] }> = [
  ...['links', 'addresses', 'routes', 'neighbors', 'fdb', 'bgp-sessions', 'cni'].map((t) => ({
    path: `/api/v1/nodes/node-1/${t}`,
    params: ['dev', 'table', 'prefix', 'family', 'protocol', 'q', 'at'],
  })),
  { path: '/api/v1/nodes/node-1/changes', params: ['from', 'to', 'table'] },
  { path: '/api/v1/changes', params: ['from', 'to', 'node', 'table', 'cursor', 'limit'] },
  { path: '/api/v1/nodes/node-1/bgp-sessions/Mesh_1/transitions', params: ['from', 'to'] },
  { path: '/api/v1/nodes/node-1/counters', params: ['from', 'to', 'ifname', 'step'] },
  { path: '/api/v1/topology', params: ['at'] },
  { path: '/api/v1/checks', params: ['at'] },
  { path: '/api/v1/path', params: ['src', 'dst', 'at'] },
  { path: '/api/v1/alerts', params: ['state', 'node', 'ruleId', 'limit'] },
];

const VALUES = [
  '', ' ', '0', '-1', '1e309', '99999999999999999999', 'NaN', 'null', '[]', '{}', 'true',
  '10.244.0.0/16', '999.999.1.1/99', '1.2.3/4', '::/129', 'fe80::1/64', ':::/3', '1.1.1.1', '1.1.1.1/',
  '2026-11-24T12:00:00.000Z', '0000-01-01T00:00:00Z', '275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00Z', 'yesterday',
  '%', '_', '\\', "'", '"', '%25', '*', 'a'.repeat(5000), '💥', '\u202e', 'inet', 'inet7', 'main', 'local', 'firing',
];

describe('read routes under fuzzed query strings (real API, real Postgres)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: process.env['MESHLENS_FUZZ_LOG'] ?? 'fatal', MESHLENS_RATE_LIMIT_PER_MINUTE: '1000000' });
    expect((await api.postReport(capturedReport('node-1', 1, '2026-11-24T12:00:00.000Z'))).status).toBe(200);
  });
  afterAll(() => api?.close());

  it('should answer 400 naming the field for year 0, which the first run found as a 500 from Postgres', async () => {
    const res = await api.get('/api/v1/topology?at=0000-01-01T00:00:00Z');

    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^invalid request: at: expected a date that exists, from year 0001 on/);
  });

  it('should answer every query with 2xx or a 4xx JSON error, never 5xx', async () => {
    const rng = seededRandom(Number(process.env['MESHLENS_FUZZ_SEED'] ?? 11));
    const failures: string[] = [];
    for (let i = 0; i < 600 && failures.length < 5; i++) {
      const route = ROUTES[Math.floor(rng() * ROUTES.length)];
      const search = new URLSearchParams();
      for (const p of route.params) if (rng() < 0.5) search.append(p, VALUES[Math.floor(rng() * VALUES.length)]);
      // Now and then a parameter twice (arrives as an array) or one no route takes.
      if (rng() < 0.1) search.append(route.params[0], 'again');
      if (rng() < 0.1) search.append('unknown', '1');
      const url = `${route.path}?${search.toString()}`;
      const res = await api.get(url);
      const text = await res.text();
      if (res.status >= 500) failures.push(`${url}: ${res.status} ${text.slice(0, 200)}`);
      else if (res.status >= 400 && !(JSON.parse(text) as { message?: unknown }).message) failures.push(`${url}: ${res.status} without a message`);
    }

    expect(failures).toEqual([]);
  }, 120_000);
});

/** Every write route with one valid body; the fuzz mutates it. */
const WRITES: Array<{ method: string; path: string; body: unknown }> = [
  { method: 'POST', path: '/api/v1/alert-rules', body: { id: 'fuzz-rule', name: 'Fuzz', kind: 'bgp-session-down', forSeconds: 5, scope: { nodes: ['node-*'], sessions: ['Mesh_*'] }, params: {} } },
  { method: 'PATCH', path: '/api/v1/alert-rules/bgp-session-down', body: { enabled: true, severity: 'critical', forSeconds: 10, scope: { nodes: ['node-1'] } } },
  { method: 'POST', path: '/api/v1/alert-silences', body: { matchers: { node: 'node-1', ruleId: 'bgp-session-down' }, comment: 'maintenance', durationSeconds: 600 } },
  { method: 'POST', path: '/api/v1/alert-receivers', body: { name: 'hook', url: 'http://127.0.0.1:9/hook', format: 'json', enabled: false } },
  { method: 'POST', path: '/api/v1/alerts/no-such-alert/ack', body: { by: 'oncall' } },
  { method: 'POST', path: '/api/v1/alerts/no-such-alert/silence', body: { durationSeconds: 60 } },
];

describe('write routes under fuzzed bodies (real API, real Postgres)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: process.env['MESHLENS_FUZZ_LOG'] ?? 'fatal', MESHLENS_RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(() => api?.close());

  it('should answer every mutated body with 2xx or a 4xx JSON error, never 5xx', async () => {
    const rng = seededRandom(Number(process.env['MESHLENS_FUZZ_SEED'] ?? 12));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600 && failures.length < 5; i++) {
      const write = WRITES[Math.floor(rng() * WRITES.length)];
      const input = mutatedDocument(rng, write.body, pathsOf(write.body));
      const res = await api.get(write.path, { method: write.method, headers: { 'content-type': 'application/json' }, body: input.body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${write.method} ${write.path} ${input.label}: ${res.status} ${text.slice(0, 200)}`);
      else if (res.status >= 400 && !(JSON.parse(text) as { message?: unknown }).message) failures.push(`${write.path}: ${res.status} without a message`);
    }

    expect(failures).toEqual([]);
    // Both sides reached: refused bodies and accepted ones.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  }, 120_000);
});
