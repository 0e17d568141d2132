// Second entry of the API bundle (webpack.config.js): dist/apps/api/checks-worker.js, run as a worker thread by
// the findings sweep (app/findings/checks-worker-thread.ts) so the cluster checks spend no time of the event loop
// that serves ingest.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkClusterJson } from './app/findings/check-cluster-json.util';
import type { ChecksRequest, ChecksResponse } from './app/findings/checks-worker.protocol';

/** The nice value of the checks thread: the lowest priority. */
const CHECKS_THREAD_NICE = 19;

if (!parentPort) throw new Error('checks-worker.js runs as a worker thread of the API, not on its own');

// Background work: on Linux a thread has its own nice value, so this thread yields the CPU to the event loop that
// serves ingest (and to Postgres) when the machine is busy, and takes what is idle otherwise. /proc/thread-self names
// this thread's id; elsewhere the thread keeps the process's priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, CHECKS_THREAD_NICE);
} catch {
  // not Linux, or not allowed: run at the process's priority
}
const port = parentPort;

port.on('message', ({ id, nodesJson }: ChecksRequest) => {
  let response: ChecksResponse;
  try {
    response = { id, findings: checkClusterJson(nodesJson) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
