import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpCutProxy {
  port: number;
  endpoint: string;
  /** Drops every open connection and refuses new ones, as a network partition would, until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a target port, so a test can cut a client off its server while the server keeps
 * running (and is written to and compacted behind the client's back).
 */
export function startTcpCutProxy(targetPort: number): Promise<TcpCutProxy> {
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        endpoint: `http://127.0.0.1:${port}`,
        cut: () => {
          down = true;
          for (const s of sockets) s.destroy();
        },
        restore: () => {
          down = false;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
