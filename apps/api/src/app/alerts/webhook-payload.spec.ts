import { alertmanagerWebhookSchema, plainAlertWebhookSchema, type Alert } from '@meshlens/model';
import { buildWebhookPayload, GO_ZERO_TIME } from './webhook-payload';

const firing: Alert = {
  id: '5d0c7b1e-4c1f-4f39-9d2a-0b8f0c1f2a3b',
  fingerprint: '1a30ba71cca2921f',
  ruleId: 'bgp-session-down',
  ruleName: 'BGP session not Established',
  kind: 'bgp-session-down',
  severity: 'critical',
  node: 'node-1',
  subject: 'Mesh_172_31_250_12',
  state: 'firing',
  labels: { alertname: 'bgp-session-down', rule: 'bgp-session-down', severity: 'critical', node: 'node-1', session: 'Mesh_172_31_250_12' },
  annotations: { summary: 'BGP session Mesh_172_31_250_12 on node-1 is not Established', description: 'Active: Received: Administrative shutdown' },
  evidence: { session: { name: 'Mesh_172_31_250_12', bgpState: 'Active' } },
  flapCount: 0,
  startsAt: '2026-11-24T12:00:00.000Z',
  firedAt: '2026-11-24T12:00:00.000Z',
  resolvedAt: null,
  updatedAt: '2026-11-24T12:00:00.000Z',
  ackedAt: null,
  ackedBy: null,
  silencedBy: null,
};

describe('buildWebhookPayload', () => {
  it('should build Alertmanager version 4 JSON with a zero endsAt when the alert fires', () => {
    const body = buildWebhookPayload({ name: 'oncall', format: 'alertmanager' }, 'firing', firing, 'http://meshlens.example:3000/');

    expect(alertmanagerWebhookSchema.parse(body)).toEqual({
      version: '4',
      groupKey: '{}:{alertname="bgp-session-down"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'oncall',
      groupLabels: { alertname: 'bgp-session-down' },
      commonLabels: firing.labels,
      commonAnnotations: firing.annotations,
      externalURL: 'http://meshlens.example:3000/',
      alerts: [
        {
          status: 'firing',
          labels: firing.labels,
          annotations: firing.annotations,
          startsAt: '2026-11-24T12:00:00.000Z',
          endsAt: GO_ZERO_TIME,
          generatorURL: `http://meshlens.example:3000/alerts/${firing.id}`,
          fingerprint: '1a30ba71cca2921f',
        },
      ],
    });
  });

  it('should set endsAt to the resolution time when the alert resolved', () => {
    const resolved: Alert = { ...firing, state: 'resolved', resolvedAt: '2026-11-24T12:00:07.000Z' };

    const body = alertmanagerWebhookSchema.parse(buildWebhookPayload({ name: 'oncall', format: 'alertmanager' }, 'resolved', resolved, ''));

    expect(body.status).toBe('resolved');
    expect(body.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-11-24T12:00:07.000Z' });
  });

  it('should send the alert with its evidence when the receiver wants plain JSON', () => {
    const body = buildWebhookPayload({ name: 'ops', format: 'json' }, 'firing', firing, '');

    expect(plainAlertWebhookSchema.parse(body)).toEqual({ event: 'firing', receiver: 'ops', alert: firing });
  });
});
