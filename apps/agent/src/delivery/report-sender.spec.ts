import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReportComposer } from '../report/report-composer';
import { freePort } from '../testing/free-port';
import { baseSnapshot } from '../testing/snapshot.builder';
import { HttpReportSender } from './report-sender';

describe('HttpReportSender', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };
  let seen: { auth?: string; type?: string; path?: string; body?: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, type: req.headers['content-type'], path: req.url, body };
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const report = new ReportComposer('node-1', 'epoch-a').compose(baseSnapshot());
  const ackBody = JSON.stringify({ nodeName: 'node-1', epoch: 'epoch-a', ackedSeq: 1, needFull: false, applied: { added: 1, removed: 0, changed: 0 } });
  const send = (status: number, body = '{}') => {
    answer = { status, body };
    return new HttpReportSender(url, 'tok').send(report);
  };

  it('should post the report as JSON with the bearer token to /api/v1/reports', async () => {
    const outcome = await send(200, ackBody);

    expect(outcome).toEqual({ type: 'ack', ack: JSON.parse(ackBody) });
    expect(seen).toMatchObject({ auth: 'Bearer tok', type: 'application/json', path: '/api/v1/reports' });
    expect(JSON.parse(seen.body ?? '')).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it.each([
    [409, 'need-full'],
    [400, 'rejected'],
    [413, 'rejected'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('should classify HTTP %d as %s', async (status, type) => {
    expect((await send(status)).type).toBe(type);
  });

  it('should retry when a 200 answer is not an ack', async () => {
    expect(await send(200, '<html>proxy</html>')).toMatchObject({ type: 'retry', status: 200 });
    expect(await send(200, '{"ok":true}')).toMatchObject({ type: 'retry', status: 200 });
  });

  it('should retry with the connection error when nothing listens', async () => {
    const outcome = await new HttpReportSender(`http://127.0.0.1:${await freePort()}`, 'tok').send(report);

    expect(outcome).toEqual({ type: 'retry', detail: 'ECONNREFUSED' });
  });
});
