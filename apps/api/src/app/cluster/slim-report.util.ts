import type { NodeReport } from '@meshlens/model';

/**
 * What another replica's alert engine needs of a committed report: who sent it and its BGP sessions (all of them
 * in a full report, the changed ones in a delta). Relaying whole reports would push megabytes of routes through
 * Redis per node and interval for nothing.
 */
export function slimReport(report: NodeReport): NodeReport {
  const head = { nodeName: report.nodeName, seq: report.seq, epoch: report.epoch, collectedAt: report.collectedAt };
  if (report.kind === 'full') {
    return { ...report, ...head, tables: { ...emptyTables(report.tables), bgpSessions: report.tables.bgpSessions }, counters: [] };
  }
  return { ...report, ...head, changes: report.changes.bgpSessions ? { bgpSessions: report.changes.bgpSessions } : {}, counters: [] };
}

function emptyTables<T extends object>(tables: T): T {
  return Object.fromEntries(Object.keys(tables).map((k) => [k, []])) as T;
}
