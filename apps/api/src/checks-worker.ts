// Second entry of the API bundle (webpack.config.js): dist/apps/api/checks-worker.js, run as a worker thread by
// the findings sweep (app/findings/checks-worker-thread.ts) so the cluster checks spend no time of the event loop
// that serves ingest.
import { parentPort } from 'node:worker_threads';
import { checkClusterJson } from './app/findings/check-cluster-json.util';
import type { ChecksRequest, ChecksResponse } from './app/findings/checks-worker.protocol';

if (!parentPort) throw new Error('checks-worker.js runs as a worker thread of the API, not on its own');
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
