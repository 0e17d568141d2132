import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportComposer } from '../report/report-composer';
import { baseSnapshot } from '../testing/snapshot.builder';
import { ReportQueue } from './report-queue';

describe('ReportQueue', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ag-queue-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reports = (n: number, epoch = 'epoch-a') => {
    const c = new ReportComposer('node-1', epoch);
    return Array.from({ length: n }, () => c.compose(baseSnapshot()));
  };

  it('should give reports back in push order when reopened by a new process', async () => {
    const q = new ReportQueue(dir, 1 << 20);
    await q.open();
    for (const r of reports(3, 'epoch-a')) await q.push(r);
    const again = new ReportQueue(dir, 1 << 20);
    const left = await again.open();
    for (const r of reports(2, 'epoch-b')) await again.push(r);

    expect(again.list().map((i) => `${i.epoch}:${i.seq}:${i.kind}`)).toEqual([
      'epoch-a:1:full', 'epoch-a:2:delta', 'epoch-a:3:delta', 'epoch-b:1:full', 'epoch-b:2:delta',
    ]);
    expect(left).toHaveLength(3);
    expect((await again.read(left[0])).seq).toBe(1);
  });

  it('should round-trip a report byte for byte through its file', async () => {
    const q = new ReportQueue(dir, 1 << 20);
    await q.open();
    const [r] = reports(1);
    const item = await q.push(r);

    expect(await q.read(item)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(item.bytes).toBe(Buffer.byteLength(JSON.stringify(r)));
  });

  it('should discard half-written temporary files and ignore foreign files when opened', async () => {
    writeFileSync(join(dir, '0000000000000001.full.1.epoch-a.json.abcd.tmp'), '{"trunc');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const q = new ReportQueue(dir, 1 << 20);

    expect(await q.open()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('should say it is over its bound when the queued bytes exceed the maximum', async () => {
    const q = new ReportQueue(dir, 4096);
    await q.open();
    const rs = reports(20);
    let pushed = 0;
    while (!q.overBound) await q.push(rs[pushed++]);

    expect(q.totalBytes).toBeGreaterThan(4096);
    expect(pushed).toBeGreaterThan(1);
  });

  it('should leave only the replacement on disk when replacing everything', async () => {
    const q = new ReportQueue(dir, 1 << 20);
    await q.open();
    const rs = reports(4);
    for (const r of rs.slice(0, 3)) await q.push(r);
    await q.replaceAll(rs[3]);

    expect(q.list().map((i) => i.seq)).toEqual([4]);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('should treat removing an already removed report as a no-op', async () => {
    const q = new ReportQueue(dir, 1 << 20);
    await q.open();
    const item = await q.push(reports(1)[0]);

    expect(await q.remove((i) => i === item)).toBe(1);
    expect(await q.remove((i) => i === item)).toBe(0);
  });
});
