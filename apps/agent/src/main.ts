import { runCli } from './cli/run-cli';

const stopSignal = new Promise((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  stopSignal,
}).then(
  // stdout to a pipe is asynchronous: let a --dry-run report drain before exiting.
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: Error) => {
    process.stderr.write(`${JSON.stringify({ level: 60, msg: 'agent crashed', err: e.stack ?? e.message })}\n`);
    process.exit(1);
  },
);
