import type { BgpSession, DeltaReport, FullReport } from '@meshlens/model';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's own alert test data
import * as fixed from '../../../apps/api/src/app/alerts/testing/alert-test-data';

// The alert tests' sessions and report shapes, collected now: these reports go to a running API, not an engine clock.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's own alert test data
export { droppedSession, establishedSession } from '../../../apps/api/src/app/alerts/testing/alert-test-data';

export const fullReport = (nodeName: string, sessions: BgpSession[], seq = 1, routes: FullReport['tables']['routes'] = []): FullReport => {
  const report = fixed.fullReport(nodeName, sessions, seq);
  return { ...report, collectedAt: new Date().toISOString(), tables: { ...report.tables, routes } };
};

export const sessionDelta = (nodeName: string, seq: number, upsert: BgpSession[]): DeltaReport => ({
  ...fixed.sessionDelta(nodeName, seq, upsert),
  collectedAt: new Date().toISOString(),
});

/** POSTs a report with the agent token; answers status and body. */
export async function postReport(base: string, token: string, report: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(report),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
