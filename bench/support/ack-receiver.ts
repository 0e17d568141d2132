import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReportAck } from '@meshlens/model';

export interface ReceivedReport {
  nodeName: string;
  kind: 'full' | 'delta';
  seq: number;
  bytes: number;
  at: number;
  /** Tables a delta changed (empty for a heartbeat). */
  changedTables: string[];
}

/**
 * A minimal report endpoint that answers like the real API (200 with a ReportAck whose ackedSeq is the report's seq)
 * without storing anything, so the agent's own cost is what the agent bench measures.
 */
export class AckReceiver {
  readonly received: ReceivedReport[] = [];
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const report = JSON.parse(body.toString('utf8')) as { nodeName: string; epoch: string; seq: number; kind: 'full' | 'delta'; changes?: object };
        this.received.push({
          nodeName: report.nodeName,
          kind: report.kind,
          seq: report.seq,
          bytes: body.length,
          at: Date.now(),
          changedTables: Object.keys(report.changes ?? {}),
        });
        const ack: ReportAck = { nodeName: report.nodeName, epoch: report.epoch, ackedSeq: report.seq, needFull: false, applied: { added: 0, removed: 0, changed: 0 } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ack));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
