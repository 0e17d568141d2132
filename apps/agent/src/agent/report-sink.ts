import type { NodeReport } from '@meshlens/model';

/** Where composed reports go: the on-disk queue and the API, or stdout for --dry-run. */
export interface ReportSink {
  open(): Promise<void>;
  accept(report: NodeReport): Promise<void>;
  /** Delivers what is pending (--once); true when nothing is left undelivered. */
  flush(): Promise<boolean>;
  close(): Promise<void>;
}
