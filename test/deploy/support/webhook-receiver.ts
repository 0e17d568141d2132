import { createServer, type Server } from 'node:http';

export interface ReceivedAlert {
  status: string;
  fingerprint: string;
  labels: Record<string, string>;
  startsAt: string;
}

/** A real HTTP receiver that records every Alertmanager-format POST it gets. */
export class WebhookReceiver {
  readonly posts: Array<{ alerts: ReceivedAlert[] }> = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        this.posts.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/hook`;
  }

  /** Every alert notification received, flattened (one POST may carry several). */
  alerts(): ReceivedAlert[] {
    return this.posts.flatMap((p) => p.alerts);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
