'use client';
import { ALERT_SOCKET_EVENTS, type Alert } from '@meshlens/model';
import Link from 'next/link';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ALERT_EVENT_NAMES, parseAlertEvent, toastKey, type AlertEvent } from '../../lib/live/alert-event';
import { Badge } from '../badge';

type Listener = (event: AlertEvent) => void;
export type LiveState = 'connecting' | 'live' | 'offline' | 'off';

interface LiveAlerts {
  state: LiveState;
  subscribe: (listener: Listener) => () => void;
}

const LiveAlertsContext = createContext<LiveAlerts>({
  state: 'offline',
  subscribe: () => () => undefined,
});

const TOAST_MS = 15_000;
const MAX_TOASTS = 20;
/** One drop fires an alert per affected session: the newest few are shown, the rest are counted. */
const VISIBLE_TOASTS = 3;

/**
 * One socket.io connection per tab for alert events, through this web server's /socket.io relay (long-polling, see
 * app/socket.io/route.ts): the browser needs no route to the API, no CORS and no API key.
 */
const connect = (): Socket => io({ path: '/socket.io', addTrailingSlash: false, transports: ['polling'] });

export const useAlertEvents = (listener: Listener): void => {
  const { subscribe } = useContext(LiveAlertsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
};

export const useLiveState = (): LiveState => useContext(LiveAlertsContext).state;

const AlertToast = ({ alert, onClose }: { alert: Alert; onClose: () => void }) => (
  <div className={`toast toast-${alert.severity}`} data-testid="alert-toast" data-node={alert.node}>
    <div className="toast-head">
      <Badge tone={alert.severity === 'critical' ? 'bad' : alert.severity === 'warning' ? 'warn' : 'info'}>
        {alert.severity} · firing
      </Badge>{' '}
      <strong>{alert.ruleName}</strong>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
    <div>
      <span className="mono">{alert.node}</span>
      {alert.subject && alert.subject !== alert.node && (
        <>
          {' · '}
          <span className="mono">{alert.subject}</span>
        </>
      )}
    </div>
    <Link href={`/alerts?node=${encodeURIComponent(alert.node)}`} onClick={onClose}>
      open in alerts →
    </Link>
  </div>
);

export const LiveAlertsProvider = ({ enabled, children }: { enabled: boolean; children: ReactNode }) => {
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<LiveState>(enabled ? 'connecting' : 'off');
  const [toasts, setToasts] = useState<Alert[]>([]);
  const shown = useRef(new Set<string>());

  const dismiss = useCallback((key: string) => setToasts((all) => all.filter((a) => toastKey(a) !== key)), []);

  useEffect(() => {
    if (!enabled) return;
    const socket = connect();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    socket.on('connect', () => setState('live'));
    socket.on('disconnect', () => setState('connecting'));
    // socket.io keeps retrying by itself; the indicator says the page is not live meanwhile.
    socket.on('connect_error', () => setState('offline'));
    for (const name of ALERT_EVENT_NAMES) {
      socket.on(name, (payload: unknown) => {
        const event = parseAlertEvent(name, payload);
        if (!event) return;
        for (const listener of listeners.current) listener(event);
        const key = toastKey(event.alert);
        if (name !== ALERT_SOCKET_EVENTS.firing || shown.current.has(key)) return;
        shown.current.add(key);
        setToasts((all) => [event.alert, ...all].slice(0, MAX_TOASTS));
        const timer = setTimeout(() => {
          timers.delete(timer);
          dismiss(key);
        }, TOAST_MS);
        timers.add(timer);
      });
    }
    return () => {
      for (const timer of timers) clearTimeout(timer);
      socket.close();
    };
  }, [enabled, dismiss]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return (
    <LiveAlertsContext.Provider value={{ state, subscribe }}>
      {children}
      <div className="toasts" aria-live="assertive" aria-label="Alert notifications">
        {toasts.slice(0, VISIBLE_TOASTS).map((alert) => (
          <AlertToast key={toastKey(alert)} alert={alert} onClose={() => dismiss(toastKey(alert))} />
        ))}
        {toasts.length > VISIBLE_TOASTS && (
          <div className="toast toast-more" data-testid="alert-toast-more">
            <span>
              and {toasts.length - VISIBLE_TOASTS} more firing · <Link href="/alerts">open alerts →</Link>
            </span>
            <button type="button" className="toast-close" aria-label="Dismiss all" onClick={() => setToasts([])}>
              ×
            </button>
          </div>
        )}
      </div>
    </LiveAlertsContext.Provider>
  );
};

/** The topbar's dot: whether alert events reach this tab. */
export const LiveIndicator = () => {
  const state = useLiveState();
  const title =
    state === 'live'
      ? 'alert events arrive live'
      : state === 'connecting'
        ? 'connecting to alert events'
        : state === 'off'
          ? 'alert events are turned off (MESHLENS_LIVE_EVENTS=off): pages refresh on a timer'
          : 'alert events unavailable: the API cannot be reached, retrying';
  return (
    <span className={`live-indicator live-${state}`} data-testid="live-status" data-state={state} title={title}>
      <span className="live-dot" aria-hidden="true" />
      alerts {state}
    </span>
  );
};
