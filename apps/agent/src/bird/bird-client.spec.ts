import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BirdClient, BirdClientError } from './bird-client';
import {
  birdCapture,
  FakeBirdServer,
  type FakeAnswer,
} from './fake-bird-server.test-util';

const protocolsAll = birdCapture('bird-2.0', 'show-protocols-all.txt');
const syntaxError = birdCapture('bird-2.0', 'syntax-error.txt');

describe('BirdClient', () => {
  let server: FakeBirdServer | undefined;
  let client: BirdClient | undefined;
  const start = async (
    answer: (command: string) => FakeAnswer,
    greeting?: Buffer | string,
  ) => {
    server = await new FakeBirdServer(answer, greeting).listen();
    client = new BirdClient({ socketPath: server.socketPath, timeoutMs: 500 });
    return { server, client };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: BirdClientError) => err,
    );

  afterEach(async () => {
    client?.close();
    await server?.stop();
    server = client = undefined;
  });

  it('should read the version from the greeting when it connects', async () => {
    const { client } = await start(() => 'hang');
    expect(await client.connect()).toBe('1.6.8');
    expect(client.version).toBe('1.6.8');
    expect(client.connected).toBe(true);
  });

  it('should return the whole reply when BIRD sends it in small pieces', async () => {
    const pieces = Array.from(
      { length: Math.ceil(protocolsAll.length / 7) },
      (_, i) => protocolsAll.subarray(i * 7, i * 7 + 7),
    );
    const { client } = await start(() => pieces);
    const reply = await client.command('show protocols all');
    expect(reply).toMatchObject({ code: 0, ok: true });
    expect(reply.lines.filter((l) => l.code === 1002)).toHaveLength(8);
  });

  it('should answer each command with its own reply when commands are sent together', async () => {
    const { client, server } = await start((c) =>
      c === 'show protcols' ? syntaxError : protocolsAll,
    );
    const [a, b, c] = await Promise.all([
      client.command('show protocols all'),
      client.command('show protcols'),
      client.command('show protocols all'),
    ]);
    expect([a.code, b.code, c.code]).toEqual([0, 9001, 0]);
    expect(b).toMatchObject({
      ok: false,
      message: 'syntax error, unexpected CF_SYM_UNDEFINED',
    });
    expect(server.commands).toEqual([
      'show protocols all',
      'show protcols',
      'show protocols all',
    ]);
    expect(server.connections).toBe(1);
  });

  it('should reject with "missing" when there is no socket file', async () => {
    const missing = new BirdClient({
      socketPath: join(__dirname, 'no-such-dir', 'bird.ctl'),
      timeoutMs: 500,
    });
    const err = await failure(missing.command('show status'));
    expect(err).toBeInstanceOf(BirdClientError);
    expect(err.kind).toBe('missing');
  });

  it('should reject with "unreachable" when the path exists but nothing listens on it', async () => {
    const { server } = await start(() => 'hang');
    const stale = join(server.dir, 'stale.ctl');
    writeFileSync(stale, '');
    const err = await failure(
      new BirdClient({ socketPath: stale, timeoutMs: 500 }).command(
        'show status',
      ),
    );
    expect(err.kind).toBe('unreachable');
  });

  it('should reject with "timeout" and reconnect for the next command when a reply never ends', async () => {
    const { client, server } = await start((c) =>
      c === 'show protocols all' ? protocolsAll.subarray(0, 200) : syntaxError,
    );
    expect((await failure(client.command('show protocols all'))).kind).toBe(
      'timeout',
    );
    expect((await client.command('show protcols')).code).toBe(9001);
    expect(server.connections).toBe(2);
  });

  it('should reconnect by itself when BIRD dropped a kept connection', async () => {
    let calls = 0;
    const { client, server } = await start(() =>
      ++calls === 2 ? 'close' : protocolsAll,
    );
    expect((await client.command('show protocols all')).code).toBe(0);
    expect((await client.command('show protocols all')).code).toBe(0);
    expect(server.connections).toBe(2);
  });

  it('should reject with "protocol" when the socket does not greet like BIRD', async () => {
    const { client } = await start(() => 'hang', '9999 who are you\n');
    expect((await failure(client.connect())).kind).toBe('protocol');
  });

  it('should refuse a command that spans lines', async () => {
    const { client } = await start(() => protocolsAll);
    expect(
      (await failure(client.command('show status\nshow protocols'))).kind,
    ).toBe('protocol');
  });
});
