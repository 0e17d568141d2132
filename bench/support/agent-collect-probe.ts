// The agent's in-process collection timed in a plain Node process of its own, started by agent.bench.ts. Not under
// jest: jest runs test code in a vm context whose global lookups (Array, Object, JSON...) go through interceptors,
// which makes hot loops over 20k rows 5-10 times slower than the agent itself ever runs them.
import { agentDumpCommands, createInProcessAgent, runDump } from './agent-in-process';
import { collectBreakdown } from './collect-breakdown';

export interface CollectProbeResult {
  /** Per run: the raw dumps in parallel, the agent's collect(), the raw dumps one after another; ms. */
  rawMs: number[];
  collectMs: number[];
  rawSequentialMs: number[];
  composeFullMs: number;
  composeDeltaMs: number;
  rowsCollected: number;
  breakdown: Record<string, number>;
}

const elapsed = async (task: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await task();
  return performance.now() - t0;
};

async function main(netns: string, runs: number): Promise<CollectProbeResult> {
  const commands = agentDumpCommands(netns);
  const parallel = () => Promise.all(commands.map(runDump));
  const sequential = async () => {
    for (const c of commands) await runDump(c);
  };
  const agent = createInProcessAgent(netns);
  let snapshot = await agent.snapshots.collect();
  await parallel();
  const result: Pick<CollectProbeResult, 'rawMs' | 'collectMs' | 'rawSequentialMs'> = { rawMs: [], collectMs: [], rawSequentialMs: [] };
  // Interleaved, so a change in the machine's load hits both sides of the ratio alike.
  for (let i = 0; i < runs; i++) {
    result.rawMs.push(await elapsed(parallel));
    result.collectMs.push(
      await elapsed(async () => {
        snapshot = await agent.snapshots.collect();
      }),
    );
    result.rawSequentialMs.push(await elapsed(sequential));
  }
  const rowsCollected = (snapshot.tables.routes?.length ?? 0) + (snapshot.tables.neighbors?.length ?? 0);
  let t0 = performance.now();
  const full = agent.composer.compose(snapshot);
  const composeFullMs = performance.now() - t0;
  const next = await agent.snapshots.collect();
  t0 = performance.now();
  const heartbeat = agent.composer.compose(next);
  const composeDeltaMs = performance.now() - t0;
  agent.close();
  if (heartbeat.kind !== 'delta') throw new Error('second compose was not a delta');
  return { ...result, composeFullMs, composeDeltaMs, rowsCollected, breakdown: collectBreakdown(netns, runs, full) };
}

const [netns, runs] = process.argv.slice(2);
main(netns, Number(runs)).then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
