import { Worker } from 'node:worker_threads';
import type { Finding } from '@meshlens/model';
import type { ClusterChecksRunner } from './cluster-checks-runner';
import type { ChecksRequest, ChecksResponse } from './checks-worker.protocol';

interface PendingRun {
  id: number;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface ChecksWorkerLogger {
  log(message: string): void;
}

/**
 * One long-lived worker thread running `script` (the checks-worker protocol), started on the first run. A thread that
 * dies fails the run in flight and is replaced on the next run; a run past `timeoutMs` fails and its thread is
 * terminated (a check that loops would otherwise hold the thread, and every later sweep, forever).
 */
export class ChecksWorkerThread implements ClusterChecksRunner {
  private worker?: Worker;
  private pending?: PendingRun;
  private lastId = 0;

  constructor(
    private readonly script: string,
    private readonly timeoutMs: number,
    private readonly logger: ChecksWorkerLogger,
  ) {}

  run(nodesJson: string): Promise<Finding[]> {
    if (this.pending) return Promise.reject(new Error('a cluster check run is already in flight'));
    const worker = this.worker ?? this.start();
    return new Promise<Finding[]>((resolve, reject) => {
      const id = ++this.lastId;
      const timer = setTimeout(() => {
        this.settle(id, new Error(`cluster checks ran past ${this.timeoutMs} ms: worker thread terminated`));
        this.discard(worker);
      }, this.timeoutMs);
      this.pending = { id, resolve, reject, timer };
      const request: ChecksRequest = { id, nodesJson };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    if (this.pending) this.settle(this.pending.id, new Error('cluster checks worker closed'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    // The thread never keeps the process alive: shutdown closes it, and a process that is otherwise done may exit.
    worker.unref();
    worker.on('message', (response: ChecksResponse) => {
      if (worker !== this.worker) return;
      this.settle(response.id, 'error' in response ? new Error(response.error) : response.findings);
    });
    worker.on('error', (error) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      if (this.pending) this.settle(this.pending.id, new Error(`cluster checks worker thread failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      if (this.pending) this.settle(this.pending.id, new Error(`cluster checks worker thread exited with code ${code}`));
    });
    this.worker = worker;
    this.logger.log(`consistency checks run in a worker thread (thread ${worker.threadId})`);
    return worker;
  }

  private discard(worker: Worker): void {
    if (worker === this.worker) this.worker = undefined;
    void worker.terminate();
  }

  private settle(id: number, outcome: Finding[] | Error): void {
    const pending = this.pending;
    if (!pending || pending.id !== id) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }
}
