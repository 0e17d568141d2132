import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { AgentProcess, ApiProcess, expectRoutesConverge, nodeSummary, sleep, startChurn } from './support/fleet';
import { NetnsNode, netnsUnavailableReason } from './support/netns-node';
import { OwnPostgres } from './support/own-postgres';

const skipReason = netnsUnavailableReason();
const describeOrSkip = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`postgres-restart fault test skipped: ${skipReason}`);

describeOrSkip('Postgres restarted under load', () => {
  let pg: OwnPostgres;
  let api: ApiProcess;
  const nodes = [0, 1, 2].map((i) => new NetnsNode(`pg-node-${i}`, 10 + i));
  const agents: AgentProcess[] = [];
  const stateRoot = mkdtempSync(join(tmpdir(), 'meshlens-faults-'));

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    for (const n of nodes) n.create();
    api = await ApiProcess.start({ DATABASE_URL: pg.url });
    for (const n of nodes) agents.push(new AgentProcess(n, api.base, join(stateRoot, n.nodeName)));
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await api?.stop();
    await pg?.destroy();
    for (const n of nodes) n.remove();
    rmSync(stateRoot, { recursive: true, force: true });
  });

  it('should resume ingestion by itself, drain the agents queues and converge when Postgres comes back', async () => {
    await eventually(async () => (await Promise.all(nodes.map((n) => nodeSummary(api, n.nodeName)))).every((s) => s && s.lastSeq >= 3) || undefined, 30_000, 'every agent acknowledged');
    const churn = startChurn(nodes);
    await sleep(1000);

    await pg.stop();
    // Reports pile up on the agents' disks while the database is away (each agent reports every 0.2 s).
    await eventually(async () => agents.every((a) => a.queued() >= 5) || undefined, 30_000, 'agents to queue reports while Postgres is down');
    const seqsDuringOutage = await Promise.all(agents.map((a) => a.lastAcked()?.seq ?? 0));
    await pg.start();
    await sleep(1000);
    churn.stop();

    // No restart of the API: its pool gives up the dead connections and opens new ones.
    await eventually(async () => agents.every((a) => a.queued() <= 1) || undefined, 60_000, 'the agents queues to drain').catch((e: Error) => {
      throw new Error(`${e.message}: queued ${agents.map((a) => a.queued()).join(', ')}\n${api.output().slice(-3000)}`);
    });
    await expectRoutesConverge(api, nodes);
    for (const [i, agent] of agents.entries()) {
      expect(agent.lastAcked()?.seq).toBeGreaterThan(seqsDuringOutage[i] + 5);
      expect({ node: agent.node.nodeName, resyncs: agent.resyncs() }).toEqual({ node: agent.node.nodeName, resyncs: [] });
      expect(agent.retries()).toBeGreaterThan(0);
    }
  });
});
