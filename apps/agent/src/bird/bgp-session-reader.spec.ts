import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BgpSessionReader, readBgpSessions } from './bgp-session-reader';
import {
  birdCapture,
  FakeBirdServer,
  type FakeAnswer,
} from './fake-bird-server.test-util';

describe('readBgpSessions', () => {
  let server: FakeBirdServer | undefined;
  const start = async (
    answer: (command: string) => FakeAnswer,
    greeting?: Buffer,
  ) => (server = await new FakeBirdServer(answer, greeting).listen());

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it.each(['bird-1.6', 'bird-2.0'] as const)(
    'should return status ok and the BGP sessions when %s answers',
    async (v) => {
      const { socketPath } = await start(
        () => birdCapture(v, 'show-protocols-all.txt'),
        birdCapture(v, 'greeting.txt'),
      );
      const read = await readBgpSessions(socketPath);
      expect(read.status).toEqual({
        socket: socketPath,
        status: 'ok',
        version: v === 'bird-1.6' ? '1.6.8' : '2.0.12',
      });
      expect(read.sessions.map((s) => [s.name, s.bgpState])).toEqual([
        ['Mesh_10_0_0_12', 'Established'],
        ['Mesh_10_0_0_13', 'Active'],
        ['Mesh_10_0_0_14', 'Down'],
        ['Global_10_0_0_15_with_a_long_name', 'Established'],
      ]);
      expect(read.warnings).toEqual([]);
    },
  );

  it('should report "missing", not zero sessions, when there is no socket', async () => {
    const socket = join(__dirname, 'no-such-dir', 'bird.ctl');
    expect(await readBgpSessions(socket)).toMatchObject({
      status: { socket, status: 'missing' },
      sessions: [],
    });
  });

  it('should report "unreachable" when the socket file is left behind by a dead BIRD', async () => {
    const { dir } = await start(() => 'hang');
    const stale = join(dir, 'stale.ctl');
    writeFileSync(stale, '');
    expect((await readBgpSessions(stale)).status.status).toBe('unreachable');
  });

  it('should report "unreachable" when BIRD does not answer in time', async () => {
    const { socketPath } = await start(() => 'hang');
    const read = await readBgpSessions(socketPath, { timeoutMs: 200 });
    expect(read).toMatchObject({
      status: {
        status: 'unreachable',
        error: expect.stringContaining('no reply'),
      },
      sessions: [],
    });
  });

  it('should report "error" with BIRD\'s message when BIRD answers with an error code', async () => {
    const { socketPath } = await start(() =>
      birdCapture('bird-1.6', 'syntax-error.txt'),
    );
    const read = await readBgpSessions(socketPath);
    expect(read).toMatchObject({
      status: {
        status: 'error',
        version: '1.6.8',
        error: 'BIRD error 9001: syntax error',
      },
      sessions: [],
    });
  });

  it('should keep one connection when a reader polls repeatedly', async () => {
    const { socketPath } = await start(() =>
      birdCapture('bird-2.0', 'show-protocols-all.txt'),
    );
    const reader = new BgpSessionReader(socketPath);
    for (let i = 0; i < 5; i++)
      expect((await reader.read()).status.status).toBe('ok');
    reader.close();
    expect(server?.connections).toBe(1);
  });
});
