import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeReport } from '@meshlens/model';

/** One queued report on disk; `order` is the queue position, kept across agent restarts. */
export interface QueuedReport {
  order: number;
  epoch: string;
  seq: number;
  kind: NodeReport['kind'];
  bytes: number;
  file: string;
}

// <order>.<kind>.<seq>.<epoch>.json: ordering and routing need no file read.
const NAME = /^(\d{16})\.(full|delta)\.(\d+)\.([A-Za-z0-9-]{1,64})\.json$/;

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Unacknowledged reports, one file each, written to a temporary name, fsynced and renamed (then the folder is
 * fsynced) so a crash leaves either the whole report or nothing. The caller enforces the bound (see `overBound`)
 * by collapsing the queue into one full report, never by dropping changes.
 */
export class ReportQueue {
  private items: QueuedReport[] = [];
  private nextOrder = 1;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** Loads what a previous run left; removes half-written temporary files. */
  async open(): Promise<QueuedReport[]> {
    await mkdir(this.dir, { recursive: true });
    const found: QueuedReport[] = [];
    for (const name of await readdir(this.dir)) {
      const file = join(this.dir, name);
      if (name.endsWith('.tmp')) {
        await rm(file, { force: true });
        continue;
      }
      const m = NAME.exec(name);
      if (!m) continue;
      const { size } = await stat(file);
      found.push({ order: Number(m[1]), kind: m[2] as NodeReport['kind'], seq: Number(m[3]), epoch: m[4], bytes: size, file });
    }
    this.items = found.sort((a, b) => a.order - b.order);
    this.nextOrder = (this.items.at(-1)?.order ?? 0) + 1;
    return [...this.items];
  }

  get size(): number {
    return this.items.length;
  }

  get totalBytes(): number {
    return this.items.reduce((sum, i) => sum + i.bytes, 0);
  }

  get overBound(): boolean {
    return this.totalBytes > this.maxBytes;
  }

  head(): QueuedReport | undefined {
    return this.items[0];
  }

  list(): QueuedReport[] {
    return [...this.items];
  }

  async push(report: NodeReport): Promise<QueuedReport> {
    const order = this.nextOrder++;
    const body = JSON.stringify(report);
    const name = `${String(order).padStart(16, '0')}.${report.kind}.${report.seq}.${report.epoch}.json`;
    const file = join(this.dir, name);
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(body, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    await fsyncPath(this.dir);
    const item: QueuedReport = { order, epoch: report.epoch, seq: report.seq, kind: report.kind, bytes: Buffer.byteLength(body), file };
    this.items.push(item);
    return item;
  }

  async read(item: QueuedReport): Promise<NodeReport> {
    return JSON.parse(await readFile(item.file, 'utf8')) as NodeReport;
  }

  /** Removes the items matching `which`; removing what is already gone is a no-op (acks can race a collapse). */
  async remove(which: (item: QueuedReport) => boolean): Promise<number> {
    const gone = this.items.filter(which);
    if (gone.length === 0) return 0;
    this.items = this.items.filter((i) => !gone.includes(i));
    await Promise.all(gone.map((i) => rm(i.file, { force: true })));
    return gone.length;
  }

  /** Writes `report` first, then removes everything queued before it: a crash in between only leaves extra files. */
  async replaceAll(report: NodeReport): Promise<QueuedReport> {
    const before = [...this.items];
    const item = await this.push(report);
    await this.remove((i) => before.includes(i));
    return item;
  }
}
