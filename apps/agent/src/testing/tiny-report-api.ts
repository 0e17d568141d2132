import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { NATURAL_KEYS, NodeReport, nodeReportSchema, TABLE_NAMES, TableName, TableRows } from '@meshlens/model';

/**
 * A real HTTP server speaking the report protocol the way the API does: applies a delta only on top of the seq it
 * holds for that epoch (else 409), resets on a full report, acknowledges a repeat without applying it twice.
 */
export class TinyReportApi {
  /** Every report that reached the server, in arrival order. */
  readonly received: NodeReport[] = [];
  /** Reports applied to the state (repeats not counted). */
  readonly applied: NodeReport[] = [];
  epoch?: string;
  lastSeq = 0;
  readonly tables = new Map<TableName, Map<string, unknown>>();
  private server?: Server;
  port = 0;

  constructor(private readonly token: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections are refused until start() again); forgetState simulates an API that lost its data. */
  async stop(forgetState = false): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    if (forgetState) {
      this.epoch = undefined;
      this.lastSeq = 0;
      this.tables.clear();
    }
  }

  rows<T extends TableName>(table: T): TableRows[T][] {
    return [...(this.tables.get(table)?.values() ?? [])] as TableRows[T][];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/api/v1/reports') return reply(404, { message: 'not found' });
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { message: 'bad token' });
    const parsed = nodeReportSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) return reply(400, { message: parsed.error.message });
    const report = parsed.data;
    this.received.push(report);
    const ack = (needFull: boolean) =>
      reply(200, { nodeName: report.nodeName, epoch: report.epoch, ackedSeq: this.epoch === report.epoch ? this.lastSeq : 0, needFull, applied: { added: 0, removed: 0, changed: 0 } });

    if (report.kind === 'full') {
      this.tables.clear();
      for (const t of TABLE_NAMES) this.upsert(t, report.tables[t]);
    } else {
      if (report.epoch !== this.epoch) return reply(409, { message: 'unknown epoch' });
      if (report.seq <= this.lastSeq) return ack(false);
      if (report.baseSeq !== this.lastSeq) return reply(409, { message: `gap: have ${this.lastSeq}` });
      for (const t of TABLE_NAMES) {
        const change = report.changes[t];
        if (!change) continue;
        for (const key of change.remove) this.tables.get(t)?.delete(key);
        this.upsert(t, change.upsert);
      }
    }
    this.epoch = report.epoch;
    this.lastSeq = report.seq;
    this.applied.push(report);
    return ack(false);
  }

  private upsert(table: TableName, rows: readonly unknown[]): void {
    const keyOf = NATURAL_KEYS[table] as (row: unknown) => string;
    const state = this.tables.get(table) ?? new Map<string, unknown>();
    for (const row of rows) state.set(keyOf(row), row);
    this.tables.set(table, state);
  }
}
