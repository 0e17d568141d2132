import { join } from 'node:path';
import { ChecksWorkerThread } from './checks-worker-thread';

const SCRIPT = join(__dirname, 'testing/scripted-checks-worker.js');
const FINDING = { code: 'vxlan-fdb-missing', severity: 'warning', node: 'node-1' };

describe('ChecksWorkerThread', () => {
  let logged: string[];
  let thread: ChecksWorkerThread;
  const start = (timeoutMs = 10_000) => {
    logged = [];
    thread = new ChecksWorkerThread(SCRIPT, timeoutMs, { log: (m) => logged.push(m) });
    return thread;
  };
  const threadsStarted = () => logged.filter((m) => m.startsWith('consistency checks run in a worker thread')).length;

  afterEach(() => thread.close());

  it('should answer every run from one thread when runs succeed', async () => {
    start();
    expect(await thread.run(JSON.stringify([FINDING]))).toEqual([FINDING]);
    expect(await thread.run('[]')).toEqual([]);
    expect(threadsStarted()).toBe(1);
  });

  it('should fail the run and keep the thread when the checks throw', async () => {
    start();
    await expect(thread.run('fail')).rejects.toThrow('scripted check error');
    expect(await thread.run('[]')).toEqual([]);
    expect(threadsStarted()).toBe(1);
  });

  it('should fail the run in flight and start a new thread on the next run when the thread exits', async () => {
    start();
    await expect(thread.run('exit')).rejects.toThrow('exited with code 3');
    expect(await thread.run(JSON.stringify([FINDING]))).toEqual([FINDING]);
    expect(threadsStarted()).toBe(2);
  });

  it('should fail the run in flight and start a new thread on the next run when the thread crashes', async () => {
    start();
    await expect(thread.run('throw')).rejects.toThrow('scripted crash');
    expect(await thread.run('[]')).toEqual([]);
    expect(threadsStarted()).toBe(2);
  });

  it('should abandon a run past the time limit, terminate its thread and answer the next run from a new one', async () => {
    start(300);
    const t0 = performance.now();
    await expect(thread.run('hang')).rejects.toThrow('ran past 300 ms');
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(await thread.run('[]')).toEqual([]);
    expect(threadsStarted()).toBe(2);
  });

  it('should refuse a second run while one is in flight', async () => {
    start(300);
    const first = thread.run('hang');
    await expect(thread.run('[]')).rejects.toThrow('already in flight');
    await expect(first).rejects.toThrow('ran past');
  });

  it('should fail the run in flight when closed', async () => {
    start();
    const run = expect(thread.run('hang')).rejects.toThrow('closed');
    await thread.close();
    await run;
  });
});
