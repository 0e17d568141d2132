import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { AgentProcess, ApiProcess, expectRoutesConverge, nodeSummary, sleep, startChurn } from './support/fleet';
import { NetnsNode, netnsUnavailableReason } from './support/netns-node';

const skipReason = netnsUnavailableReason();
const describeOrSkip = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`api-kill fault test skipped: ${skipReason}`);

describeOrSkip('the API killed (SIGKILL) while agents keep reporting', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  const nodes = [0, 1, 2].map((i) => new NetnsNode(`kill-node-${i}`, i));
  const agents: AgentProcess[] = [];
  const stateRoot = mkdtempSync(join(tmpdir(), 'meshlens-faults-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const n of nodes) n.create();
    api = await ApiProcess.start({ DATABASE_URL: db.url });
    for (const n of nodes) agents.push(new AgentProcess(n, api.base, join(stateRoot, n.nodeName)));
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await api?.stop();
    for (const n of nodes) n.remove();
    rmSync(stateRoot, { recursive: true, force: true });
    await db?.drop();
  });

  it('should store every node state and keep every acknowledged report when the API dies mid-ingest and comes back', async () => {
    await eventually(async () => (await Promise.all(nodes.map((n) => nodeSummary(api, n.nodeName)))).every((s) => s && s.lastSeq >= 3) || undefined, 30_000, 'every agent acknowledged');
    const churn = startChurn(nodes);
    for (let round = 0; round < 3; round++) {
      // Agents send every 0.2 s and routes change every 0.1 s: some report is always in flight when the kill lands.
      await sleep(700 + 300 * round);
      await api.kill();
      await sleep(800);
      await api.start();
    }
    await sleep(1500);
    churn.stop();

    await expectRoutesConverge(api, nodes);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const agent of agents) {
        const acked = agent.lastAcked();
        const { rows } = await client.query<{ epoch: string; ackedSeq: number }>(`SELECT epoch, "ackedSeq" FROM "Node" WHERE name = $1`, [agent.node.nodeName]);
        // A report acknowledged but lost would leave the next delta a gap: the API would ask for a full report.
        expect({ node: agent.node.nodeName, resyncs: agent.resyncs() }).toEqual({ node: agent.node.nodeName, resyncs: [] });
        expect(acked).toBeDefined();
        expect(rows[0].epoch).toBe(acked?.epoch);
        expect(rows[0].ackedSeq).toBeGreaterThanOrEqual(acked?.seq ?? Infinity);
        expect(agent.acknowledgedCount()).toBeGreaterThan(10);
      }
    } finally {
      await client.end();
    }
    expect(churn.changes()).toBeGreaterThan(30);
    // The kills were felt: sends failed and were retried.
    expect(agents.reduce((n, a) => n + a.retries(), 0)).toBeGreaterThan(0);
  });
});
