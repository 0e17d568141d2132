import type { DeltaReport, FullReport } from '@meshlens/model';
import { flannelNodeReport } from '../testing/node-report.fixture';
import { slimReport } from './slim-report.util';

const session = { name: 'Mesh_10_0_0_12', state: 'up', bgpState: 'Established' };

describe('slimReport', () => {
  it('should keep only the BGP sessions of a full report, with every table still present', () => {
    const report: FullReport = { ...flannelNodeReport, tables: { ...flannelNodeReport.tables, bgpSessions: [session] } };

    const slim = slimReport(report) as FullReport;

    expect(slim.tables).toEqual({ links: [], addresses: [], routes: [], neighbors: [], fdb: [], bgpSessions: [session], cniConfigs: [] });
    expect(slim.counters).toEqual([]);
    expect({ nodeName: slim.nodeName, seq: slim.seq, epoch: slim.epoch, kind: slim.kind }).toEqual({ nodeName: 'node-1', seq: 1, epoch: 'run-a', kind: 'full' });
  });

  it('should keep only the BGP changes of a delta, and none when it has none', () => {
    const delta: DeltaReport = {
      ...flannelNodeReport,
      kind: 'delta',
      seq: 2,
      baseSeq: 1,
      changes: { routes: { upsert: flannelNodeReport.tables.routes, remove: [] }, bgpSessions: { upsert: [session], remove: ['Mesh_10_0_0_13'] } },
    } as DeltaReport;

    expect((slimReport(delta) as DeltaReport).changes).toEqual({ bgpSessions: { upsert: [session], remove: ['Mesh_10_0_0_13'] } });
    expect((slimReport({ ...delta, changes: { routes: delta.changes.routes } }) as DeltaReport).changes).toEqual({});
  });
});
