import { Socket } from 'node:net';

export const REDIS_URL = process.env['MESHLENS_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Why Redis cannot be used here, or null when it answers PING. */
export async function redisUnavailable(url = REDIS_URL): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(2000, () => done(`no answer from Redis at ${hostname}:${port || 6379}`));
    socket.once('error', (e) => done(`Redis at ${hostname}:${port || 6379} unreachable: ${e.message}`));
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(String(d).startsWith('+PONG') ? null : `Redis answered ${String(d).trim()}`));
  });
}
