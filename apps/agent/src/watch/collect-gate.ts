/** A read in progress: what the gate knew when it began. */
export interface ReadToken {
  source: string;
  /** The source's change count when the read started. */
  changes: number;
  startedAt: number;
}

/**
 * Lets SnapshotCollector skip a table whose kernel state did not change since its last good read. A skipped table is
 * absent from the snapshot, which the composer already treats as "nothing new" (and a full report repeats its rows).
 */
export interface CollectGate {
  /** Once per cycle, before unchanged() is asked: checks (and if need be restarts) what watches the node. */
  prepare(): Promise<void>;
  unchanged(source: string): boolean;
  readStarted(source: string): ReadToken;
  readDone(token: ReadToken, ok: boolean): void;
  close(): void;
}
