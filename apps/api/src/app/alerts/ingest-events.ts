import { Injectable, Logger } from '@nestjs/common';
import type { Finding, NodeReport, ReportAck } from '@meshlens/model';

/** A report whose transaction committed (or that was acknowledged again as a duplicate: still a heartbeat). */
export interface ReportCommitted {
  report: NodeReport;
  ack: ReportAck;
  /** Committed by another replica and relayed here (ClusterModule): not to be relayed again. */
  relayed?: boolean;
}

/** The complete current findings of one checker (e.g. "datastore"); findings missing from it are gone. */
export interface FindingsObserved {
  source: string;
  findings: Finding[];
}

type Listener<T> = (event: T) => void;

/**
 * In-process bus from ingest (reports, checker runs) to whoever reacts to them (the alert engine). Emitting never
 * throws and never waits: listeners do their own I/O asynchronously, so a slow or failing listener cannot hold a
 * report's acknowledgement back.
 */
@Injectable()
export class IngestEvents {
  private readonly logger = new Logger(IngestEvents.name);
  private readonly reportListeners: Listener<ReportCommitted>[] = [];
  private readonly findingListeners: Listener<FindingsObserved>[] = [];

  emit(event: ReportCommitted): void {
    this.dispatch(this.reportListeners, event, `report ${event.report.nodeName}#${event.report.seq}`);
  }

  emitFindings(event: FindingsObserved): void {
    this.dispatch(this.findingListeners, event, `findings of ${event.source}`);
  }

  onReport(listener: Listener<ReportCommitted>): () => void {
    return add(this.reportListeners, listener);
  }

  onFindings(listener: Listener<FindingsObserved>): () => void {
    return add(this.findingListeners, listener);
  }

  private dispatch<T>(listeners: Listener<T>[], event: T, what: string): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`listener failed on ${what}: ${(error as Error).stack ?? error}`);
      }
    }
  }
}

function add<T>(list: Listener<T>[], listener: Listener<T>): () => void {
  list.push(listener);
  return () => {
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  };
}
