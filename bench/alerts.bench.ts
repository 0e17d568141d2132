// Time from `bgp-drop` on a lab node to the webhook receiver holding a firing alert for every affected session:
// real BIRD, real agents (--bgp-interval 1), ingest, the alert engine, the Postgres outbox and an HTTP receiver.
import { bgpDrop, bgpRestore, findNode, labPreflight } from '../test/lab';
import { affectedSessions, startAlertLabCluster, webhookSessions, type AlertLabCluster } from '../test/lab-e2e/support/alerts-lab-cluster';
import { percentile, reportFigures, round } from './bench-output.util';

const RUNS = Number(process.env['MESHLENS_BENCH_ALERT_RUNS'] ?? 7);
const BGP_INTERVAL_S = 1;

async function until(probe: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now();
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

describe('alerts bench', () => {
  const problems = labPreflight();
  let cluster: AlertLabCluster | undefined;

  afterAll(async () => {
    await cluster?.stop();
  });

  it('measures bgp-drop to webhook delivery', async () => {
    if (problems.length) {
      reportFigures('alerts', { skipped: problems.join('; ') });
      return;
    }
    cluster = await startAlertLabCluster({ prefix: 'mlbench', stateDir: `.data/lab-bench-alerts-${process.pid}`, nodes: 3, intervalSeconds: BGP_INTERVAL_S });
    const { lab, api, receiver } = cluster;
    // Repeated drops on purpose would trip the flapping rule, which then (rightly) holds per-drop notifications back.
    await api.send('PATCH', '/api/v1/alert-rules/bgp-session-flapping', { enabled: false });
    const dropped = findNode(lab, 'node-2');
    const affected = affectedSessions(lab, dropped);
    const all: number[] = [];
    const first: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      receiver.bodies.length = 0;
      const t0 = Date.now();
      await bgpDrop(lab, dropped.name);
      const firstAt = await until(() => webhookSessions(receiver.bodies, 'firing').length >= 1, 30_000, 'the first firing webhook');
      const allAt = await until(() => webhookSessions(receiver.bodies, 'firing').length >= affected.length, 30_000, 'every firing webhook');
      first.push(firstAt - t0);
      all.push(allAt - t0);
      await bgpRestore(lab, dropped.name);
      await until(() => webhookSessions(receiver.bodies, 'resolved').length >= affected.length, 60_000, 'every resolution');
      // Let the sessions settle (and any stray duplicate show up) before the next drop.
      await new Promise((r) => setTimeout(r, 2000));
      const duplicates = webhookSessions(receiver.bodies, 'firing').length - affected.length;
      if (duplicates !== 0) throw new Error(`run ${run}: ${duplicates} duplicate firing webhooks`);
    }
    reportFigures('alerts', {
      dropToWebhookMedianMs: round(median(all), 0),
      dropToFirstWebhookMedianMs: round(median(first), 0),
      dropToWebhookMaxMs: Math.max(...all),
      affectedSessions: affected.length,
      agentBgpIntervalS: BGP_INTERVAL_S,
      runs: RUNS,
    });
  });
});
