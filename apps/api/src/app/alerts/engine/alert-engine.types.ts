import type { Alert, AlertEventType, AlertRule, AlertSilence, BgpSession } from '@meshlens/model';

/** Milliseconds since the epoch; injected so tests drive time by hand. */
export interface EngineClock {
  now(): number;
}

export type TimerHandle = unknown;

/** setTimeout/clearTimeout behind an interface: tests run `for` durations without waiting. */
export interface EngineTimers {
  set(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/** What a receiver was last told about an alert. */
export type NotifiedState = 'firing' | 'resolved';

/** The engine's own record: the public Alert plus what was last notified (so nothing is sent twice). */
export interface EngineAlert extends Alert {
  notifiedState: NotifiedState | null;
}

export interface AlertHistoryItem {
  type: AlertEventType;
  at: string;
  detail: unknown;
}

/** One step of one alert; the caller persists it, and sends `notify` (if set) to receivers. */
export interface AlertChange {
  alert: EngineAlert;
  history: AlertHistoryItem[];
  notify: NotifiedState | null;
}

export interface TrackedSession {
  node: string;
  name: string;
  bgpState: string;
  /** Seen Established at least once: only a session that was up can "leave Established". */
  wasEstablished: boolean;
  row: BgpSession;
}

/** What the engine starts from after a restart (read once from the database). */
export interface EngineSnapshot {
  rules: AlertRule[];
  silences: AlertSilence[];
  alerts: EngineAlert[];
  sessions: TrackedSession[];
  lastSeen: Array<{ node: string; at: number }>;
}

export interface EngineDeps {
  clock: EngineClock;
  timers: EngineTimers;
  newId: () => string;
  onChange: (change: AlertChange) => void;
}
