import type { AlertSilence } from '@meshlens/model';
import type { EngineAlert } from './engine/alert-engine.types';

/** What operators change on the running engine; sent to the replica that owns it when it runs elsewhere. */
export type AlertCommand =
  | { type: 'ack'; id: string; by: string }
  | { type: 'find'; id: string }
  | { type: 'add-silence'; silence: AlertSilence }
  | { type: 'remove-silence'; id: string }
  | { type: 'reload-rules' }
  | { type: 'reload-receivers' };

/** The answer of `ack` and `find` (null: no such alert); the others answer null. */
export type AlertCommandResult = EngineAlert | null;

/**
 * Which replica runs the alert engine (its timers) and the webhook delivery. Provided by ClusterModule; without
 * it (tests of the alerts module alone) this process owns them.
 */
export interface AlertOwnership {
  /**
   * Calls `listener` with the current state once the first election settled, then on every change. Before this
   * process gives ownership up on purpose (shutdown) it waits for the listener's promise: the engine's last
   * changes are committed before another replica loads them.
   */
  watchLeadership(listener: (leader: boolean) => void | Promise<void>): Promise<void>;
  /** Runs a command on the owner (this process when it owns the engine); rejects when no owner answers. */
  callOwner(command: AlertCommand): Promise<AlertCommandResult>;
  /** Registers what this process runs for commands while it owns the engine. */
  handleCommands(handler: (command: AlertCommand) => Promise<AlertCommandResult>): void;
}

export const ALERT_OWNERSHIP = Symbol('ALERT_OWNERSHIP');
