import type { BgpStatus, CollectorError, Counters, NodeIdentity, ReportTables, TableName } from '@meshlens/model';

/** What one collection cycle saw. A table that is absent was not read (its collector failed): never "empty". */
export interface Snapshot {
  tables: Partial<ReportTables>;
  /** Absent when the link collector failed. */
  counters?: Counters[];
  bgp?: BgpStatus;
  identity: NodeIdentity;
  errors: CollectorError[];
  warnings: string[];
  /** When the reads began (performance.now()): orders snapshots whose reads overlapped. */
  readAt: number;
}

export type CollectorOutput = Partial<Omit<Snapshot, 'identity' | 'errors' | 'warnings' | 'readAt'>> & {
  identity?: NodeIdentity;
  errors?: CollectorError[];
  warnings?: string[];
};

export interface CollectContext {
  /** The freshest rows known for each table (this cycle's, else the last good read): input of derived collectors. */
  known: Partial<ReportTables>;
}

/**
 * One data source. `source` names it in CollectorError (for table collectors it is the table's name, so the API can
 * tell which table was withheld). Derived collectors run after the table collectors, with their results in context.
 */
export interface Collector {
  readonly source: string;
  readonly stage: 'tables' | 'derived';
  readonly tables: readonly TableName[];
  collect(context: CollectContext): Promise<CollectorOutput>;
}
