import { NATURAL_KEYS, type DeltaReport, type Finding, type FullReport } from '@meshlens/model';
import { IngestEvents } from '../alerts/ingest-events';
import { CAPTURED_NODES, capturedReport } from '../testing/captured-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';
import { FindingsSweepService, MAX_SKIPPED_CLUSTER_CHECKS } from './findings-sweep.service';

describe('findings sweep reads the cluster only when a report changed it (real Postgres)', () => {
  let api: TestApi;
  let sweep: FindingsSweepService;
  const previous = process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
  const observed: { source: string; findings: Finding[] }[] = [];
  let node1: FullReport;
  let seq = 1;

  beforeAll(async () => {
    // No timer: the test runs the sweeps itself.
    process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = '0';
    api = await startTestApi();
    sweep = api.app.get(FindingsSweepService);
    api.app.get(IngestEvents).onFindings((event) => observed.push(event));
    for (const node of CAPTURED_NODES) {
      const report = capturedReport(node, 1, new Date().toISOString());
      if (node === 'node-1') node1 = report;
      expect((await api.postReport(report)).status).toBe(200);
    }
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
    else process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = previous;
    await api?.close();
  });

  /** The cluster-check findings one sweep handed over, or undefined when it skipped them. */
  const sweepClusterChecks = async (): Promise<Finding[] | undefined> => {
    observed.length = 0;
    await sweep.sweep();
    expect(observed.map((e) => e.source)).toContain('datastore');
    return observed.find((e) => e.source === 'cluster-checks')?.findings;
  };
  const postDelta = async (changes: DeltaReport['changes']) => {
    seq++;
    const { nodeName, epoch, identity, counters, errors } = node1;
    const delta: DeltaReport = { nodeName, epoch, identity, counters, errors, kind: 'delta', seq, baseSeq: seq - 1, collectedAt: new Date().toISOString(), changes };
    expect((await api.postReport(delta)).status).toBe(200);
  };

  it('should skip the cluster checks after heartbeats only and run them after a delta that changes a row', async () => {
    expect(await sweepClusterChecks()).toEqual([]);
    await postDelta({});
    expect(await sweepClusterChecks()).toBeUndefined();

    const vtepEntry = node1.tables.fdb.find((f) => f.dev === 'flannel.1' && f.dst);
    if (!vtepEntry) throw new Error('the capture of node-1 has no FDB entry to the peer VTEP');
    await postDelta({ fdb: { upsert: [], remove: [NATURAL_KEYS.fdb(vtepEntry)] } });
    expect((await sweepClusterChecks())?.map((f) => f.code)).toContain('vxlan-fdb-missing');
  });

  it('should run the cluster checks again after the most sweeps it may skip in a row', async () => {
    for (let i = 0; i < MAX_SKIPPED_CLUSTER_CHECKS; i++) expect(await sweepClusterChecks()).toBeUndefined();
    expect((await sweepClusterChecks())?.map((f) => f.code)).toContain('vxlan-fdb-missing');
  });
});
