import type { NodeSummary } from '@meshlens/model';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { flannelNodeReport } from '../testing/node-report.fixture';
import type { NodeRepository } from './node.repository';
import type { NodeStateRepository } from './node-state.repository';
import { NodesService } from './nodes.service';

const summary: NodeSummary = {
  name: 'node-1',
  hostname: 'node-1',
  kernel: null,
  underlayAddresses: ['192.0.2.11'],
  modes: ['flannel-vxlan'],
  agentVersion: '0.1.0',
  firstSeen: '2026-11-24T10:00:00.000Z',
  lastSeen: '2026-11-24T10:00:00.000Z',
  lastSeq: 1,
  counts: { links: 0, addresses: 0, routes: 0, neighbors: 0, fdb: 0, bgpSessions: 0 },
  bgp: null,
};

const routesJson = JSON.stringify(flannelNodeReport.tables.routes);

describe('NodesService', () => {
  let nodes: jest.Mocked<Pick<NodeRepository, 'findSummaries' | 'findSummaryByName' | 'findIdByName'>>;
  let state: jest.Mocked<Pick<NodeStateRepository, 'findCurrentRowsJson' | 'findRowsValidAtJson'>>;
  let service: NodesService;

  beforeEach(() => {
    nodes = { findSummaries: jest.fn().mockResolvedValue([summary]), findSummaryByName: jest.fn().mockResolvedValue(null), findIdByName: jest.fn().mockResolvedValue(null) };
    state = { findCurrentRowsJson: jest.fn().mockResolvedValue(routesJson), findRowsValidAtJson: jest.fn().mockResolvedValue('[]') };
    service = new NodesService(nodes as never, state as never);
  });

  it('should throw NodeNotFound naming the node when it never reported', async () => {
    await expect(service.get('node-9')).rejects.toMatchObject({ code: MeshlensErrorCode.NodeNotFound, message: expect.stringContaining('node-9') });
    await expect(service.table('node-9', 'routes', {})).rejects.toMatchObject({ code: MeshlensErrorCode.NodeNotFound });
  });

  it('should pass the filters to the repository when the node exists', async () => {
    nodes.findIdByName.mockResolvedValue(3);

    const rows = await service.table('node-1', 'routes', { prefix: '10.244.0.0/16', family: 'inet' });

    expect(rows).toBe(routesJson);
    expect(state.findCurrentRowsJson).toHaveBeenCalledWith(3, 'routes', { prefix: '10.244.0.0/16', family: 'inet' });
  });

  it('should read the rows valid at that time when at is given', async () => {
    nodes.findIdByName.mockResolvedValue(3);

    await service.table('node-1', 'links', { at: '2026-11-24T10:00:05.000Z', dev: 'eth0' });

    expect(state.findRowsValidAtJson).toHaveBeenCalledWith(3, 'links', new Date('2026-11-24T10:00:05.000Z'), { at: '2026-11-24T10:00:05.000Z', dev: 'eth0' });
    expect(state.findCurrentRowsJson).not.toHaveBeenCalled();
  });

  it('should reject a prefix naming the parameter when its address is not valid', async () => {
    await expect(service.table('node-1', 'routes', { prefix: '10.0.0.256/8' })).rejects.toMatchObject({
      code: MeshlensErrorCode.Validation,
      issues: [{ path: 'prefix', message: expect.any(String) }],
    });
    expect(nodes.findIdByName).not.toHaveBeenCalled();
  });
});
