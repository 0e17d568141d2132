#!/usr/bin/env node
// Connects to a BIRD control socket and writes what it sends, byte for byte, one file per reply.
//   node tools/bird2/dump-bird-socket.mjs <socket> <out-dir> <name>=<command> ...
// Writes <out-dir>/greeting.txt and <out-dir>/<name>.txt. A reply ends at the first line whose 4-digit code is
// followed by a space (what birdc itself waits for); lines starting with '+' are asynchronous messages.
import { createConnection } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [socketPath, outDir, ...specs] = process.argv.slice(2);
if (!socketPath || !outDir) {
  console.error(
    'usage: dump-bird-socket.mjs <socket> <out-dir> <name>=<command> ...',
  );
  process.exit(2);
}
const jobs = specs.map((spec) => {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new Error(`expected <name>=<command>, got ${spec}`);
  return { name: spec.slice(0, eq), command: spec.slice(eq + 1) };
});
mkdirSync(outDir, { recursive: true });

const socket = createConnection({ path: socketPath });
socket.setTimeout(5000, () => {
  console.error('timed out waiting for BIRD');
  process.exit(1);
});
let pending = Buffer.alloc(0);
const queue = [{ name: 'greeting', command: null }, ...jobs];

const replyEnd = (buf) => {
  // Offset just past the terminating line, or -1 while the reply is incomplete.
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) return -1;
    const line = buf.subarray(start, nl).toString('latin1');
    if (/^\d{4} /.test(line)) return nl + 1;
    start = nl + 1;
  }
  return -1;
};

socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const end = replyEnd(pending);
    if (end < 0) return;
    const job = queue.shift();
    writeFileSync(join(outDir, `${job.name}.txt`), pending.subarray(0, end));
    console.log(
      `${job.name}: ${end} bytes${job.command ? ` (${job.command})` : ''}`,
    );
    pending = pending.subarray(end);
    if (queue.length === 0) {
      socket.end();
      return;
    }
    socket.write(`${queue[0].command}\n`);
  }
});
socket.on('error', (err) => {
  console.error(`${socketPath}: ${err.message}`);
  process.exit(1);
});
