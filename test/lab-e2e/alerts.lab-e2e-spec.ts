// eslint-disable-next-line @nx/enforce-module-boundaries
import { bgpDrop, bgpRestore, findNode, labPreflight } from '../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { affectedSessions, startAlertLabCluster, webhookSessions, type AlertLabCluster } from './support/alerts-lab-cluster';

// Its own prefix and state folder: never touches another lab.
const PREFIX = 'mlalrt';
const STATE_DIR = `.data/lab-alerts-${process.pid}`;
const problems = labPreflight();
const describeLab = problems.length ? describe.skip : describe;

describeLab(`alerts on the namespace lab${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  let cluster: AlertLabCluster;

  beforeAll(async () => {
    cluster = await startAlertLabCluster({ prefix: PREFIX, stateDir: STATE_DIR, nodes: 3, intervalSeconds: 1 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('should send one firing webhook per affected session on bgp-drop and one resolution each on bgp-restore', async () => {
    const { lab, receiver } = cluster;
    const dropped = findNode(lab, 'node-2');
    const affected = affectedSessions(lab, dropped);

    await bgpDrop(lab, dropped.name);
    await eventually(
      async () => (webhookSessions(receiver.bodies, 'firing').length >= affected.length ? true : undefined),
      20_000,
      `${affected.length} firing webhooks, got ${JSON.stringify(webhookSessions(receiver.bodies, 'firing'))}\n${cluster.output()}`,
    );
    // Agents keep reporting: any duplicate would arrive within a few report intervals.
    await new Promise((r) => setTimeout(r, 3000));
    const firing = webhookSessions(receiver.bodies, 'firing');

    await bgpRestore(lab, dropped.name);
    await eventually(
      async () => (webhookSessions(receiver.bodies, 'resolved').length >= affected.length ? true : undefined),
      60_000,
      `${affected.length} resolutions, got ${JSON.stringify(webhookSessions(receiver.bodies, 'resolved'))}\n${cluster.output()}`,
    );
    await new Promise((r) => setTimeout(r, 3000));

    expect(affected).toHaveLength(4);
    expect([...firing].sort()).toEqual(affected);
    expect(webhookSessions(receiver.bodies, 'firing').sort()).toEqual(affected);
    expect(webhookSessions(receiver.bodies, 'resolved').sort()).toEqual(affected);
  });
});
