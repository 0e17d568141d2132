import { createHash } from 'node:crypto';
import { io } from 'socket.io-client';
import { flannelNodeReport } from '../testing/node-report.fixture';
import { startTestApi, TEST_AGENT_TOKEN, type TestApi } from '../testing/test-api';

const sha256 = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const KEYS = { reader: 'reader-key-7f3a', operator: 'operator-key-19c2', admin: 'admin-key-e04b' };
const NODE_1_TOKEN = 'node-1-only-token';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const json = (key: string, body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { ...bearer(key), 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const nodeCount = async (api: TestApi): Promise<number> =>
  (await (await api.get('/api/v1/nodes', { headers: bearer(KEYS.reader) })).json()).length;

describe('API keys and agent tokens (real API, real Postgres)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      // Configured as hashes, as docs/security.md recommends; the cluster-wide token stays plain.
      MESHLENS_API_KEYS: `reader:${sha256(KEYS.reader)},operator:${sha256(KEYS.operator)},admin:${KEYS.admin}`,
      MESHLENS_AGENT_TOKENS: `${TEST_AGENT_TOKEN},node-1@${sha256(NODE_1_TOKEN)}`,
      MESHLENS_CORS_ORIGINS: 'https://ops.example.org',
    });
  });
  afterAll(() => api?.close());

  it('should answer 401 with WWW-Authenticate when a read carries no key', async () => {
    const res = await api.get('/api/v1/nodes');

    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ statusCode: 401, message: expect.stringMatching(/API key/) });
  });

  it('should answer 401 when a read carries an unknown key', async () => {
    expect((await api.get('/api/v1/nodes', { headers: bearer('reader-key-7f3b') })).status).toBe(401);
  });

  it('should serve reads to every role when the key is valid, whether configured hashed or plain', async () => {
    for (const key of Object.values(KEYS)) expect((await api.get('/api/v1/nodes', { headers: bearer(key) })).status).toBe(200);
  });

  it('should answer 403 when an agent token is used to read', async () => {
    const res = await api.get('/api/v1/nodes', { headers: bearer(TEST_AGENT_TOKEN) });

    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/agent tokens may only POST/);
  });

  it('should answer 401 when an API key is used to post a report', async () => {
    expect((await api.postReport(flannelNodeReport, `Bearer ${KEYS.admin}`)).status).toBe(401);
  });

  it('should let only operators and admins create silences, and name the field when the body is wrong', async () => {
    const silence = { matchers: { node: 'node-1' }, durationSeconds: 60 };

    expect((await api.get('/api/v1/alert-silences', json(KEYS.reader, silence))).status).toBe(403);
    expect((await api.get('/api/v1/alert-silences', json(KEYS.operator, silence))).status).toBe(201);
    const bad = await api.get('/api/v1/alert-silences', json(KEYS.operator, { matchers: { node: 'node-1' }, durationSeconds: 'soon' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'durationSeconds' })]));
  });

  it('should let only admins change rules and read receivers', async () => {
    const rule = { id: 'mine', name: 'Mine', kind: 'bgp-session-down' };

    expect((await api.get('/api/v1/alert-rules', json(KEYS.operator, rule))).status).toBe(403);
    expect((await api.get('/api/v1/alert-receivers', { headers: bearer(KEYS.operator) })).status).toBe(403);
    expect((await api.get('/api/v1/alert-rules', json(KEYS.admin, rule))).status).toBe(201);
    expect((await api.get('/api/v1/alert-receivers', { headers: bearer(KEYS.admin) })).status).toBe(200);
  });

  it('should name the key role in /auth/session and refuse an invalid key there', async () => {
    expect(await (await api.get('/api/v1/auth/session')).json()).toEqual({ mode: 'keys', role: null });
    expect(await (await api.get('/api/v1/auth/session', { headers: bearer(KEYS.operator) })).json()).toEqual({ mode: 'keys', role: 'operator' });
    expect((await api.get('/api/v1/auth/session', { headers: bearer('nope') })).status).toBe(401);
  });

  it('should keep /healthz public', async () => {
    expect((await api.get('/healthz')).status).toBe(200);
  });

  it('should answer 403 naming nodeName and store nothing when a node-bound token reports for another node', async () => {
    const before = await nodeCount(api);
    const res = await api.postReport({ ...flannelNodeReport, nodeName: 'node-2' }, `Bearer ${NODE_1_TOKEN}`);

    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'nodeName' }] });
    expect(await nodeCount(api)).toBe(before);
  });

  it('should accept a report from a node-bound token for its own node', async () => {
    expect((await api.postReport(flannelNodeReport, `Bearer ${NODE_1_TOKEN}`)).status).toBe(200);
  });

  it('should answer 415 naming content-type when a report is not sent as JSON', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { ...bearer(TEST_AGENT_TOKEN), 'content-type': 'text/plain' },
      body: JSON.stringify(flannelNodeReport),
    });

    expect(res.status).toBe(415);
    expect((await res.json()).message).toMatch(/^content-type: expected application\/json/);
  });

  it('should set security headers and a CSP that allows nothing on API answers', async () => {
    const res = await api.get('/api/v1/nodes', { headers: bearer(KEYS.reader) });

    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('should give the API docs a CSP that lets Swagger UI load its own scripts over plain HTTP', async () => {
    const csp = (await api.get('/api/docs')).headers.get('content-security-policy') ?? '';

    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });

  it('should answer CORS only for a listed origin', async () => {
    const listed = await api.get('/api/v1/nodes', { headers: { ...bearer(KEYS.reader), origin: 'https://ops.example.org' } });
    const other = await api.get('/api/v1/nodes', { headers: { ...bearer(KEYS.reader), origin: 'https://evil.example.com' } });

    expect(listed.headers.get('access-control-allow-origin')).toBe('https://ops.example.org');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('socket.io', () => {
    const connect = (auth: Record<string, string>, extraHeaders: Record<string, string> = {}) =>
      new Promise<{ ok: boolean; message?: string; data?: unknown; socket?: ReturnType<typeof io> }>((resolve) => {
        const socket = io(api.baseUrl, { transports: ['polling'], auth, extraHeaders, reconnection: false, timeout: 5000 });
        socket.on('connect', () => resolve({ ok: true, socket }));
        socket.on('connect_error', (e: Error & { data?: unknown }) => {
          socket.close();
          resolve({ ok: false, message: e.message, data: e.data });
        });
      });

    it('should refuse a connection without a key and with an agent token', async () => {
      const none = await connect({});
      const agent = await connect({ token: TEST_AGENT_TOKEN });

      expect(none).toMatchObject({ ok: false, data: { statusCode: 401 } });
      expect(agent).toMatchObject({ ok: false, data: { statusCode: 403 } });
    });

    it('should refuse a browser connection from an origin not listed', async () => {
      const res = await connect({ token: KEYS.reader }, { origin: 'https://evil.example.com' });

      expect(res.ok).toBe(false);
    });

    it('should accept a key in the handshake or the Authorization header, and refuse an unknown event naming it', async () => {
      const viaHeader = await connect({}, bearer(KEYS.reader));
      viaHeader.socket?.close();
      const { ok, socket } = await connect({ token: KEYS.reader });
      expect(viaHeader.ok).toBe(true);
      expect(ok).toBe(true);

      const refused = await new Promise((resolve) => socket?.emit('nodes:subscribe', { node: 'node-1' }, resolve));
      socket?.close();

      expect(refused).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^event: unknown event "nodes:subscribe"/) });
    });
  });
});

describe('rate limits (real API)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      MESHLENS_API_KEYS: `reader:${KEYS.reader},admin:${KEYS.admin}`,
      MESHLENS_RATE_LIMIT_PER_MINUTE: '5',
      MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(() => api?.close());

  it('should answer 429 with Retry-After once a key has used its budget, and keep serving other keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.get('/api/v1/nodes', { headers: bearer(KEYS.reader) })).status);
    const limited = await api.get('/api/v1/nodes', { headers: bearer(KEYS.reader) });

    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).message).toMatch(/rate limit of 5 requests per 60 s/);
    expect((await api.get('/api/v1/nodes', { headers: bearer(KEYS.admin) })).status).toBe(200);
  });

  it('should count reports per node, so one busy node does not starve another sharing the token', async () => {
    const report = (nodeName: string, seq: number) => ({ ...flannelNodeReport, nodeName, seq, identity: { ...flannelNodeReport.identity, hostname: nodeName } });
    const statuses: number[] = [];
    for (let seq = 1; seq <= 4; seq++) statuses.push((await api.postReport(report('node-a', seq))).status);

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await api.postReport(report('node-b', 1))).status).toBe(200);
  });
});

describe('open API (no keys configured)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('should serve reads and admin actions without a key and say so in /auth/session', async () => {
    expect((await api.get('/api/v1/nodes')).status).toBe(200);
    expect(await (await api.get('/api/v1/auth/session')).json()).toEqual({ mode: 'open', role: 'admin' });
  });

  it('should answer 400 naming the parameter when a query or path holds a NUL, which Postgres cannot compare', async () => {
    const query = await api.get('/api/v1/nodes/node-1/routes?q=a%00b');
    const param = await api.get('/api/v1/nodes/node%00-1');

    expect(query.status).toBe(400);
    expect((await query.json()).issues).toEqual([expect.objectContaining({ path: 'q' })]);
    expect(param.status).toBe(400);
    expect((await param.json()).issues).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('should still refuse reports without an agent token', async () => {
    expect((await api.postReport(flannelNodeReport, null)).status).toBe(401);
  });
});
