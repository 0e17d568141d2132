import type { ReportAck } from '@meshlens/model';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import type { TransactionRunner, Tx } from '../database/transaction-runner';
import type { CounterSampleRepository } from '../nodes/counter-sample.repository';
import type { NodeRepository, NodeSyncState } from '../nodes/node.repository';
import type { NodeStateRepository } from '../nodes/node-state.repository';
import { flannelNodeDelta, flannelNodeReport, routeToNode2 } from '../testing/node-report.fixture';
import { rowHash } from './plan-table-changes';
import { ReportIngestService } from './report-ingest.service';

const tx = {} as Tx;
const storedNode: NodeSyncState = { id: 7, epoch: 'run-a', ackedSeq: 1, lastSeen: new Date('2026-11-24T10:00:00.000Z') };

describe('ReportIngestService', () => {
  let nodes: jest.Mocked<Pick<NodeRepository, 'lockName' | 'findSyncStateByName' | 'upsertFromReport' | 'recordHeartbeat'>>;
  let state: jest.Mocked<Pick<NodeStateRepository, 'findCurrentRefs' | 'findCurrentRefsByKeys' | 'closeRows' | 'insertRows'>>;
  let counters: jest.Mocked<Pick<CounterSampleRepository, 'insertSamples'>>;
  let service: ReportIngestService;

  beforeEach(() => {
    nodes = {
      lockName: jest.fn(),
      findSyncStateByName: jest.fn().mockResolvedValue(null),
      upsertFromReport: jest.fn().mockResolvedValue(7),
      recordHeartbeat: jest.fn().mockResolvedValue(null),
    };
    state = {
      findCurrentRefs: jest.fn().mockResolvedValue([]),
      findCurrentRefsByKeys: jest.fn().mockResolvedValue([]),
      closeRows: jest.fn(),
      insertRows: jest.fn(),
    };
    counters = { insertSamples: jest.fn() };
    const transactions = { run: (work: (t: Tx) => Promise<unknown>) => work(tx) } as unknown as TransactionRunner;
    service = new ReportIngestService(transactions, nodes as never, state as never, counters as never);
  });

  it('should insert every row and acknowledge the seq when a node sends its first full report', async () => {
    const ack = await service.ingest(flannelNodeReport);

    expect(ack).toEqual<ReportAck>({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 1, needFull: false, applied: { added: 22, removed: 0, changed: 0 } });
    expect(nodes.lockName).toHaveBeenCalledWith(tx, 'node-1');
    const at = new Date(flannelNodeReport.collectedAt);
    expect(nodes.upsertFromReport).toHaveBeenCalledWith(tx, flannelNodeReport, at);
    expect(state.insertRows).toHaveBeenCalledWith(tx, 7, 'routes', expect.arrayContaining([expect.objectContaining({ row: routeToNode2 })]), at);
    expect(counters.insertSamples).toHaveBeenCalledWith(tx, 7, at, flannelNodeReport.counters);
    expect(state.findCurrentRefs).not.toHaveBeenCalled();
  });

  it('should compare with the stored rows when a known node sends a full report of a new epoch', async () => {
    nodes.findSyncStateByName.mockResolvedValue({ ...storedNode, epoch: 'run-0' });

    await service.ingest(flannelNodeReport);

    expect(state.findCurrentRefs).toHaveBeenCalledWith(tx, 7, 'routes');
  });

  it('should write nothing and repeat the stored ack when the seq was already acknowledged in this epoch', async () => {
    nodes.findSyncStateByName.mockResolvedValue(storedNode);

    const ack = await service.ingest(flannelNodeReport);

    expect(ack).toEqual({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 1, needFull: false, applied: { added: 0, removed: 0, changed: 0 } });
    expect(nodes.upsertFromReport).not.toHaveBeenCalled();
    expect(state.insertRows).not.toHaveBeenCalled();
  });

  it('should close the removed key and insert the upsert when a delta follows the acknowledged seq', async () => {
    nodes.findSyncStateByName.mockResolvedValue(storedNode);
    state.findCurrentRefsByKeys.mockResolvedValue([{ id: 42n, key: 'main|inet|10.244.2.0/24|0|0', hash: rowHash(routeToNode2) }]);

    const ack = await service.ingest(flannelNodeDelta);

    expect(ack.applied).toEqual({ added: 1, removed: 1, changed: 0 });
    expect(ack.ackedSeq).toBe(2);
    expect(state.closeRows).toHaveBeenCalledWith(tx, 'routes', [42n], new Date(flannelNodeDelta.collectedAt));
    expect(state.findCurrentRefs).not.toHaveBeenCalled();
  });

  it.each([
    ['the node is unknown', null],
    ['the epoch differs', { ...storedNode, epoch: 'run-0' }],
    ['a report is missing in between', { ...storedNode, ackedSeq: 0 }],
  ])('should throw NeedFullReport carrying the stored ack when %s', async (_why, node) => {
    nodes.findSyncStateByName.mockResolvedValue(node);

    const error = await service.ingest(flannelNodeDelta).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MeshlensException);
    expect(error).toMatchObject({ code: MeshlensErrorCode.NeedFullReport, extra: { needFull: true, nodeName: 'node-1' } });
    expect(nodes.upsertFromReport).not.toHaveBeenCalled();
  });

  it('should acknowledge a heartbeat with its one statement and open no transaction when the delta changes no table', async () => {
    const heartbeat = { ...flannelNodeDelta, changes: { routes: { upsert: [], remove: [] } } };
    nodes.recordHeartbeat.mockResolvedValue({ ...storedNode, ackedSeq: 2 });

    const ack = await service.ingest(heartbeat);

    expect(ack).toEqual({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 2, needFull: false, applied: { added: 0, removed: 0, changed: 0 } });
    expect(nodes.recordHeartbeat).toHaveBeenCalledWith(heartbeat);
    expect(nodes.lockName).not.toHaveBeenCalled();
  });

  it('should answer through the transaction when a heartbeat is not the next seq of the stored epoch', async () => {
    const heartbeat = { ...flannelNodeDelta, changes: {} };
    nodes.findSyncStateByName.mockResolvedValue({ ...storedNode, ackedSeq: 2 });

    const ack = await service.ingest(heartbeat);

    expect(nodes.recordHeartbeat).toHaveBeenCalled();
    expect(ack).toMatchObject({ ackedSeq: 2, needFull: false });
    expect(nodes.upsertFromReport).not.toHaveBeenCalled();
  });

  it('should not take the heartbeat statement when the delta changes a table', async () => {
    nodes.findSyncStateByName.mockResolvedValue(storedNode);

    await service.ingest(flannelNodeDelta);

    expect(nodes.recordHeartbeat).not.toHaveBeenCalled();
  });

  it('should keep time monotonic when the agent clock steps back', async () => {
    nodes.findSyncStateByName.mockResolvedValue({ ...storedNode, lastSeen: new Date('2026-11-24T12:00:00.000Z') });

    await service.ingest({ ...flannelNodeReport, seq: 2 });

    expect(nodes.upsertFromReport).toHaveBeenCalledWith(tx, expect.anything(), new Date('2026-11-24T12:00:00.000Z'));
  });

  it('should reject with a validation error naming the field before any database work when a dst is no address', async () => {
    const bad = structuredClone(flannelNodeReport);
    bad.tables.routes[1].dst = '300.1.2.0/24';

    await expect(service.ingest(bad)).rejects.toMatchObject({
      code: MeshlensErrorCode.Validation,
      issues: [{ path: 'tables.routes.1.dst', message: 'not a valid CIDR: 300.1.2.0/24' }],
    });
    expect(nodes.lockName).not.toHaveBeenCalled();
  });
});
