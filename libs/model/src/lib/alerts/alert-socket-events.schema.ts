import type { Alert } from './alert.schema';

export const ALERT_SOCKET_EVENTS = {
  firing: 'alert:firing',
  resolved: 'alert:resolved',
  updated: 'alert:updated',
} as const;

/** socket.io events the API sends about alerts (server to client). */
export interface AlertServerToClientEvents {
  'alert:firing': (alert: Alert) => void;
  'alert:resolved': (alert: Alert) => void;
  /** Pending, acknowledged, silenced or a flap counted: the alert changed without a notification. */
  'alert:updated': (alert: Alert) => void;
}
