// A stand-in for dist/apps/api/checks-worker.js in the ChecksWorkerThread tests: plain JS (worker threads load no
// TypeScript), speaking the same protocol. `nodesJson` is a script: "exit", "throw", "hang", "fail", or a JSON array
// returned as the findings.
const { parentPort } = require('node:worker_threads');

parentPort.on('message', ({ id, nodesJson }) => {
  switch (nodesJson) {
    case 'exit':
      process.exit(3);
      break;
    case 'throw':
      throw new Error('scripted crash');
    case 'hang':
      for (;;);
    case 'fail':
      parentPort.postMessage({ id, error: 'scripted check error' });
      break;
    default:
      parentPort.postMessage({ id, findings: JSON.parse(nodesJson) });
  }
});
