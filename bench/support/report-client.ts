import { Agent, request } from 'node:http';

export interface PostResult {
  status: number;
  body: string;
  ms: number;
}

/** POSTs reports over kept-alive connections to one loopback API, with a per-request timeout. */
export class ReportClient {
  // Idle sockets close after 4 s: the server drops them at 5 s (Node's keepAliveTimeout), exactly one agent
  // interval, and a request sent on a socket the server is closing fails with ECONNRESET.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {
    const host = new URL(base).hostname;
    // The bench only ever loads a server on this machine.
    if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`refusing to load ${base}: loopback only`);
  }

  post(json: string): Promise<PostResult> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}/api/v1/reports`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(json);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
