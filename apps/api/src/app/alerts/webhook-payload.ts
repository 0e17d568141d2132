import type { Alert, AlertmanagerWebhook, AlertReceiver, PlainAlertWebhook } from '@meshlens/model';

/** Alertmanager's "not ended yet": Go's zero time.Time as it marshals to JSON. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

export type WebhookEvent = 'firing' | 'resolved';

/** The request body a receiver gets for one alert event, in the receiver's format. */
export function buildWebhookPayload(
  receiver: Pick<AlertReceiver, 'name' | 'format'>,
  event: WebhookEvent,
  alert: Alert,
  externalUrl: string,
): AlertmanagerWebhook | PlainAlertWebhook {
  if (receiver.format === 'json') return { event, receiver: receiver.name, alert };
  const groupLabels = { alertname: alert.labels['alertname'] ?? alert.ruleId };
  return {
    version: '4',
    // Alertmanager's groupKey is "<route matchers>:<group labels>"; meshlens has one route, so "{}".
    groupKey: `{}:${labelString(groupLabels)}`,
    truncatedAlerts: 0,
    status: event,
    receiver: receiver.name,
    groupLabels,
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: externalUrl,
    alerts: [
      {
        status: event,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.firedAt ?? alert.startsAt,
        endsAt: event === 'resolved' ? (alert.resolvedAt ?? alert.updatedAt) : GO_ZERO_TIME,
        generatorURL: `${externalUrl.replace(/\/$/, '')}/alerts/${alert.id}`,
        fingerprint: alert.fingerprint,
      },
    ],
  };
}

/** `{a="x", b="y"}` with keys sorted, as Alertmanager prints label sets. */
export const labelString = (labels: Record<string, string>): string =>
  `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
