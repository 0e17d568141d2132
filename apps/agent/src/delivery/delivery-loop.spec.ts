import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { NodeReport, ReportAck } from '@meshlens/model';
import { ReportQueue } from '../queue/report-queue';
import { ReportComposer } from '../report/report-composer';
import { baseSnapshot } from '../testing/snapshot.builder';
import { Backoff } from './backoff';
import { DeliveryHooks, DeliveryLoop } from './delivery-loop';
import type { ReportSender, SendOutcome } from './report-sender';

const log = pino({ level: 'silent' });

/** Answers each send with the next scripted outcome (an ack of the sent report by default). */
class ScriptedSender implements ReportSender {
  readonly sent: NodeReport[] = [];
  constructor(private readonly script: ((r: NodeReport) => SendOutcome)[] = []) {}
  async send(report: NodeReport): Promise<SendOutcome> {
    this.sent.push(report);
    return (this.script.shift() ?? ack())(report);
  }
}

const ack =
  (over: Partial<ReportAck> = {}) =>
  (r: NodeReport): SendOutcome => ({
    type: 'ack',
    ack: { nodeName: r.nodeName, epoch: r.epoch, ackedSeq: r.seq, needFull: false, applied: { added: 0, removed: 0, changed: 0 }, ...over },
  });
const status =
  (type: 'need-full' | 'rejected' | 'unauthorized', code: number) =>
  (): SendOutcome => ({ type, status: code, detail: `HTTP ${code}` });
const down = (): SendOutcome => ({ type: 'retry', detail: 'ECONNREFUSED' });

describe('DeliveryLoop', () => {
  let dir: string;
  let queue: ReportQueue;
  let composer: ReportComposer;
  let hooks: DeliveryHooks & { fulls: number; drops: number };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ag-delivery-'));
    queue = new ReportQueue(dir, 1 << 20);
    await queue.open();
    composer = new ReportComposer('node-1', 'epoch-now');
    hooks = {
      epoch: 'epoch-now',
      fulls: 0,
      drops: 0,
      needFull: async () => {
        hooks.fulls++;
        await queue.replaceAll(composer.composeBaselineFull());
      },
      dropped: () => {
        hooks.drops++;
        composer.requestFull();
      },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const enqueue = async (n: number) => {
    for (let i = 0; i < n; i++) await queue.push(composer.compose(baseSnapshot()));
  };
  const loop = (sender: ReportSender) => new DeliveryLoop(queue, sender, hooks, log, new Backoff(1, 2));

  it('should send queued reports in order and empty the queue when every one is acknowledged', async () => {
    await enqueue(3);
    const sender = new ScriptedSender();

    expect(await loop(sender).drain(3)).toBe(true);
    expect(sender.sent.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
  });

  it('should keep the report and resend the same one when the API is down', async () => {
    await enqueue(2);
    const sender = new ScriptedSender([down, down]);

    expect(await loop(sender).drain(2)).toBe(false);
    expect(queue.list().map((i) => i.seq)).toEqual([1, 2]);
    expect(await loop(sender).drain(3)).toBe(true);
    expect(sender.sent.map((r) => r.seq)).toEqual([1, 1, 1, 2]);
  });

  it('should replace queued deltas by one full report when the API answers 409', async () => {
    await enqueue(3);
    const sender = new ScriptedSender([ack(), status('need-full', 409)]);

    expect(await loop(sender).drain(3)).toBe(true);
    expect(sender.sent.map((r) => `${r.kind}:${r.seq}`)).toEqual(['full:1', 'delta:2', 'full:4']);
    expect(hooks.fulls).toBe(1);
  });

  it('should collapse into a full report when an ack says needFull', async () => {
    await enqueue(2);
    const sender = new ScriptedSender([ack(), ack({ needFull: true, ackedSeq: 1 })]);

    await loop(sender).drain(3);
    expect(sender.sent.map((r) => `${r.kind}:${r.seq}`)).toEqual(['full:1', 'delta:2', 'full:3']);
  });

  it('should drop a report the API rejects with 400 and ask for a full report next', async () => {
    await enqueue(2);
    const sender = new ScriptedSender([ack(), status('rejected', 400)]);

    await loop(sender).drain(3);
    expect(queue.size).toBe(0);
    expect(hooks.drops).toBe(1);
    expect(composer.compose(baseSnapshot()).kind).toBe('full');
  });

  it('should keep retrying the same report when the token is refused', async () => {
    await enqueue(1);
    const sender = new ScriptedSender([status('unauthorized', 401), status('unauthorized', 401)]);

    await loop(sender).drain(5);
    expect(sender.sent.map((r) => r.seq)).toEqual([1, 1, 1]);
    expect(queue.size).toBe(0);
  });

  it('should remove every report up to the acknowledged seq when the API acks ahead', async () => {
    await enqueue(3);
    const sender = new ScriptedSender([ack({ ackedSeq: 2 })]);

    await loop(sender).drain(3);
    expect(sender.sent.map((r) => r.seq)).toEqual([1, 3]);
  });

  it('should send an earlier run\'s reports first and drop the rest of that run when the API refuses one', async () => {
    const old = new ReportComposer('node-1', 'epoch-old');
    for (let i = 0; i < 3; i++) await queue.push(old.compose(baseSnapshot()));
    await enqueue(1);
    const sender = new ScriptedSender([ack(), status('need-full', 409)]);

    await loop(sender).drain(3);
    expect(sender.sent.map((r) => `${r.epoch}:${r.seq}`)).toEqual(['epoch-old:1', 'epoch-old:2', 'epoch-now:1']);
    expect(hooks.fulls).toBe(0);
  });

  it('should drop a full report instead of looping when the API asks for a full report in answer to one', async () => {
    await enqueue(1);
    const sender = new ScriptedSender([status('need-full', 409)]);

    await loop(sender).drain(3);
    expect(hooks.fulls).toBe(0);
    expect(hooks.drops).toBe(1);
    expect(queue.size).toBe(0);
  });
});
