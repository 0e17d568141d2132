import { io, type Socket } from 'socket.io-client';
import type { Alert, AlertDetail, AlertmanagerWebhook, AlertReceiver, AlertRule, AlertServerToClientEvents, PlainAlertWebhook } from '@meshlens/model';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { buildOpenApiDocument } from '../create-app';
import { droppedSession, establishedSession, fullReport, sessionDelta } from './testing/alert-test-data';
import { startAlertsTestApp, type AlertsTestApp } from './testing/alerts-test-app';
import { waitFor, WebhookReceiver } from './testing/webhook-receiver';

const peerSession = { ...establishedSession, name: 'Mesh_172_31_250_13', neighborAddress: '172.31.250.13' };
const peerDropped = { ...droppedSession, name: 'Mesh_172_31_250_13', neighborAddress: '172.31.250.13' };

describe('alerts (real Postgres, real ingest, real HTTP receivers)', () => {
  let database: TestDatabase;
  let api: AlertsTestApp;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    database = await createTestDatabase();
    api = await startAlertsTestApp(database.url);
    receiver = await new WebhookReceiver().start();
  });

  afterEach(async () => {
    await api?.close();
    await receiver?.stop();
    await database?.drop();
  });

  const addReceiver = (name: string, url: string, format: 'alertmanager' | 'json' = 'alertmanager') =>
    api.send<AlertReceiver>('POST', '/api/v1/alert-receivers', { name, url, format });

  it('should send one firing webhook per dropped session and one resolution each when the sessions come back', async () => {
    await addReceiver('oncall', receiver.url);
    await api.report(fullReport('node-1', [establishedSession, peerSession]));

    await api.report(sessionDelta('node-1', 2, [droppedSession, peerDropped]));
    await api.report(sessionDelta('node-1', 3, [{ ...droppedSession, info: 'Connect' }]));
    const firing = await waitFor(() => (receiver.bodies.length >= 2 ? [...(receiver.bodies as AlertmanagerWebhook[])] : undefined), 'two firing webhooks');
    const list = await api.get<{ alerts: Alert[] }>('/api/v1/alerts?state=firing');
    await api.report(sessionDelta('node-1', 4, [establishedSession, peerSession]));
    await waitFor(() => (receiver.bodies.length >= 4 ? true : undefined), 'two resolutions');
    await new Promise((r) => setTimeout(r, 300));

    expect(firing.map((b) => [b.version, b.status, b.alerts[0].labels['session'], b.alerts[0].endsAt]).sort()).toEqual([
      ['4', 'firing', 'Mesh_172_31_250_12', '0001-01-01T00:00:00Z'],
      ['4', 'firing', 'Mesh_172_31_250_13', '0001-01-01T00:00:00Z'],
    ]);
    expect(list.alerts.map((a) => a.subject).sort()).toEqual(['Mesh_172_31_250_12', 'Mesh_172_31_250_13']);
    const all = receiver.bodies as AlertmanagerWebhook[];
    expect(all).toHaveLength(4);
    expect(all.slice(2).map((b) => [b.status, b.alerts[0].labels['session']]).sort()).toEqual([
      ['resolved', 'Mesh_172_31_250_12'],
      ['resolved', 'Mesh_172_31_250_13'],
    ]);
    expect((await api.get<{ alerts: Alert[] }>('/api/v1/alerts?state=firing')).alerts).toEqual([]);
  });

  it('should deliver to a receiver that was down once it is back, once, without holding back another receiver', async () => {
    const healthy = await new WebhookReceiver().start();
    try {
      await addReceiver('flaky', receiver.url);
      await addReceiver('healthy', healthy.url, 'json');
      receiver.down = true;
      await api.report(fullReport('node-1', [establishedSession]));
      await api.report(sessionDelta('node-1', 2, [droppedSession]));

      const plain = await waitFor(() => (healthy.bodies[0] as PlainAlertWebhook | undefined), 'the healthy receiver');
      await waitFor(() => (receiver.refused >= 2 ? true : undefined), 'two refused attempts');
      receiver.down = false;
      await waitFor(() => (receiver.bodies.length >= 1 ? true : undefined), 'delivery after recovery');
      await new Promise((r) => setTimeout(r, 1000));

      expect(plain).toMatchObject({ event: 'firing', receiver: 'healthy', alert: { subject: droppedSession.name, state: 'firing' } });
      expect(receiver.bodies).toHaveLength(1);
      expect(healthy.bodies).toHaveLength(1);
    } finally {
      await healthy.stop();
    }
  });

  it('should deliver what was still in the outbox when the API restarts', async () => {
    await addReceiver('oncall', receiver.url);
    receiver.down = true;
    await api.report(fullReport('node-1', [establishedSession]));
    await api.report(sessionDelta('node-1', 2, [droppedSession]));
    await waitFor(() => (receiver.refused >= 1 ? true : undefined), 'a refused attempt');
    await api.close();

    receiver.down = false;
    api = await startAlertsTestApp(database.url);
    await waitFor(() => (receiver.bodies.length >= 1 ? true : undefined), 'delivery by the restarted API');
    await api.report(sessionDelta('node-1', 3, [{ ...droppedSession, info: 'Connect' }]));
    await new Promise((r) => setTimeout(r, 500));

    expect((receiver.bodies as AlertmanagerWebhook[]).map((b) => b.status)).toEqual(['firing']);
  });

  it('should keep rules, acknowledgements, silences and history in Postgres when changed through the API', async () => {
    await addReceiver('oncall', receiver.url);
    const patched = await api.send<AlertRule>('PATCH', '/api/v1/alert-rules/bgp-session-down', { forSeconds: 0.2, scope: { nodes: ['node-*'] } });
    const custom = await api.send<AlertRule>('POST', '/api/v1/alert-rules', { id: 'mesh-only', name: 'Mesh sessions', kind: 'bgp-session-down', scope: { sessions: ['Global_*'] } });
    await api.report(fullReport('node-1', [establishedSession]));
    await api.report(sessionDelta('node-1', 2, [droppedSession]));
    const pending = (await api.get<{ alerts: Alert[] }>('/api/v1/alerts?state=pending')).alerts;
    const fired = await waitFor(async () => (await api.get<{ alerts: Alert[] }>('/api/v1/alerts?state=firing')).alerts[0], 'firing after for');
    const acked = await api.send<Alert>('POST', `/api/v1/alerts/${fired.id}/ack`, { by: 'oncall-1' });
    const silence = await api.send<{ id: string }>('POST', `/api/v1/alerts/${fired.id}/silence`, { durationSeconds: 600, comment: 'maintenance' });
    await api.report(sessionDelta('node-1', 3, [establishedSession]));
    await api.settled();
    const detail = await api.get<AlertDetail>(`/api/v1/alerts/${fired.id}`);
    const rules = await api.get<{ rules: AlertRule[] }>('/api/v1/alert-rules');
    const deleteDefault = await api.send('DELETE', '/api/v1/alert-rules/bgp-session-down');
    await api.send('DELETE', `/api/v1/alert-silences/${silence.body.id}`);
    await waitFor(() => (receiver.bodies.length >= 2 ? true : undefined), 'the resolution once the silence ended');

    expect(patched.body).toMatchObject({ id: 'bgp-session-down', forSeconds: 0.2, builtin: true });
    expect(custom.status).toBe(201);
    expect(pending.map((a) => a.subject)).toEqual([droppedSession.name]);
    expect(acked.body).toMatchObject({ ackedBy: 'oncall-1', state: 'firing' });
    expect(detail.alert).toMatchObject({ state: 'resolved', silencedBy: silence.body.id });
    expect(detail.history.map((h) => h.type)).toEqual(['pending', 'firing', 'ack', 'silenced', 'resolved']);
    expect(rules.rules.map((r) => r.id)).toEqual(['agent-silent', 'bgp-session-down', 'bgp-session-flapping', 'consistency-finding', 'flannel-lease-expiry', 'mesh-only']);
    expect(deleteDefault.status).toBe(400);
    expect((receiver.bodies as AlertmanagerWebhook[]).map((b) => b.status)).toEqual(['firing', 'resolved']);
  });

  it('should push alert:firing and alert:resolved over socket.io when a session drops and returns', async () => {
    const socket: Socket<AlertServerToClientEvents> = io(api.baseUrl, { transports: ['websocket'] });
    const seen: string[] = [];
    socket.on('alert:firing', (a) => seen.push(`firing ${a.subject}`));
    socket.on('alert:resolved', (a) => seen.push(`resolved ${a.subject}`));
    try {
      await waitFor(() => (socket.connected ? true : undefined), 'socket connected');
      await api.report(fullReport('node-1', [establishedSession]));
      await api.report(sessionDelta('node-1', 2, [droppedSession]));
      await api.report(sessionDelta('node-1', 3, [establishedSession]));
      await waitFor(() => (seen.length >= 2 ? true : undefined), 'two socket events');

      expect(seen).toEqual([`firing ${droppedSession.name}`, `resolved ${droppedSession.name}`]);
    } finally {
      socket.close();
    }
  });

  it('should expose BGP session state and alert counts at /metrics in the Prometheus text format', async () => {
    await api.report(fullReport('node-1', [establishedSession, peerSession]));
    await api.report(sessionDelta('node-1', 2, [droppedSession]));
    await api.settled();

    const res = await fetch(`${api.baseUrl}/metrics`);
    const text = await res.text();

    expect(res.headers.get('content-type')?.split(/;\s*/).sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
    expect(text).toContain('meshlens_bgp_session_up{node="node-1",session="Mesh_172_31_250_12"} 0\n');
    expect(text).toContain('meshlens_bgp_session_up{node="node-1",session="Mesh_172_31_250_13"} 1\n');
    expect(text).toContain('meshlens_alerts{rule="bgp-session-down",state="firing"} 1\n');
    expect(text).toMatch(/^meshlens_node_last_report_age_seconds\{node="node-1"\} [0-9.]+$/m);
    expect(text).toContain('# TYPE meshlens_alert_webhook_attempts_total counter\n');
  });

  it('should describe every alert route with its zod DTOs when the OpenAPI document is built', () => {
    const doc = buildOpenApiDocument(api.app);

    expect(Object.keys(doc.paths).filter((p) => /alert|metrics/.test(p)).sort()).toEqual([
      '/api/v1/alert-receivers',
      '/api/v1/alert-receivers/{id}',
      '/api/v1/alert-rules',
      '/api/v1/alert-rules/{id}',
      '/api/v1/alert-silences',
      '/api/v1/alert-silences/{id}',
      '/api/v1/alerts',
      '/api/v1/alerts/{id}',
      '/api/v1/alerts/{id}/ack',
      '/api/v1/alerts/{id}/silence',
      '/metrics',
    ]);
    expect(doc.components?.schemas).toHaveProperty('AlertDto');
  });
});
