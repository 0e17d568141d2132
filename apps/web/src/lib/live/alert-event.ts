import { alertSchema, ALERT_SOCKET_EVENTS, type Alert } from '@meshlens/model';

export type AlertEventName = (typeof ALERT_SOCKET_EVENTS)[keyof typeof ALERT_SOCKET_EVENTS];
export const ALERT_EVENT_NAMES: readonly AlertEventName[] = Object.values(ALERT_SOCKET_EVENTS);

export interface AlertEvent {
  event: AlertEventName;
  alert: Alert;
}

/** What the socket delivered, checked against the model: a payload the page does not understand is dropped. */
export const parseAlertEvent = (event: AlertEventName, payload: unknown): AlertEvent | undefined => {
  const parsed = alertSchema.safeParse(payload);
  return parsed.success ? { event, alert: parsed.data } : undefined;
};

/** The engine re-announces a firing alert when it is acked or flaps: one toast per firing, keyed by its start. */
export const toastKey = (alert: Alert): string => `${alert.fingerprint}|${alert.firedAt ?? alert.startsAt}`;
