/**
 * @jest-environment node
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchNode, fetchNodes, fetchNodeTable } from './api-client';
import { ApiFailure } from './api-failure';

// A real HTTP server on loopback standing in for the API: each test sets what it answers.
let answer: { status: number; body: string } = { status: 200, body: '[]' };
let lastUrl = '';
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastUrl = req.url ?? '';
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env['MESHLENS_API_URL'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  delete process.env['MESHLENS_API_URL'];
  await new Promise((resolve) => server.close(resolve));
});

const failureOf = async (promise: Promise<unknown>): Promise<ApiFailure> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected an ApiFailure');
};

describe('api client', () => {
  it('should send only the API filters and the encoded node name when fetching a table', async () => {
    answer = { status: 200, body: '[]' };
    await fetchNodeTable('node-1', 'routes', { dev: 'flannel.1', prefix: '10.244.0.0/16' });
    expect(lastUrl).toBe('/api/v1/nodes/node-1/routes?dev=flannel.1&prefix=10.244.0.0%2F16');
  });

  it('should report not-found when the API answers 404', async () => {
    answer = { status: 404, body: JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'no node x' }) };
    expect((await failureOf(fetchNode('x'))).code).toBe('not-found');
  });

  it('should show the API message and not blame the API when it rejects a query', async () => {
    answer = {
      status: 400,
      body: JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'invalid query: prefix' }),
    };
    const failure = await failureOf(fetchNodeTable('node-1', 'routes', {}));
    expect(failure).toMatchObject({ code: 'rejected', detail: 'invalid query: prefix', status: 400 });
    expect(failure.blamesApi).toBe(false);
  });

  it('should report invalid data with the offending path when a row does not match the model', async () => {
    answer = { status: 200, body: JSON.stringify([{ name: 'node-1' }]) };
    const failure = await failureOf(fetchNodes());
    expect(failure.code).toBe('invalid');
    expect(failure.detail).toMatch(/^0\.hostname: /);
  });

  it('should report unreachable when nothing listens on the API address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const saved = process.env['MESHLENS_API_URL'];
    process.env['MESHLENS_API_URL'] = `http://127.0.0.1:${port}`;
    try {
      const failure = await failureOf(fetchNodes());
      expect(failure).toMatchObject({ code: 'unreachable', detail: 'ECONNREFUSED' });
      expect(failure.blamesApi).toBe(true);
    } finally {
      process.env['MESHLENS_API_URL'] = saved;
    }
  });
});
