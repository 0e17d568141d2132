import type { FindingCode } from '@meshlens/model';
import { citeRoute } from '../cluster/cite.util';
import { fixtureDir, loadFixtureCluster } from '../path/__testing__/load-fixture-cluster';
import { FindingCollector, slotToFinding, type FindingDetail, type FindingKind, type FindingSlot } from './finding-collector';

describe('FindingCollector', () => {
  const [node] = loadFixtureCluster(fixtureDir('flannel-vxlan-2node')).nodes.filter((n) => n.name === 'node-1');
  const kind: FindingKind = { code: 'host-gw-next-hop-not-onlink' satisfies FindingCode, severity: 'critical' };
  // One offer per route of the capture, as a check over node-1's routing table would make them.
  const offerRoutes = (collector: FindingCollector, onNode: string | undefined, built: { details: number; abouts: number }) =>
    node.routes
      .map((r) =>
        collector.offer(
          kind,
          onNode,
          () => {
            built.abouts++;
            return r.dst;
          },
          (): FindingDetail => {
            built.details++;
            return { subject: `${onNode}:${r.table}:${r.dst}`, message: r.dst, evidence: [citeRoute(node.name, r)] };
          },
        ),
      )
      .filter((s): s is FindingSlot => s !== undefined);

  it('should build only the listed findings and three examples when far more than the cap are offered', () => {
    expect(node.routes.length).toBeGreaterThan(5);
    const built = { details: 0, abouts: 0 };
    const slots = offerRoutes(new FindingCollector(2), 'node-1', built);
    expect(built).toEqual({ details: 2 + 3, abouts: 3 });
    expect(slots).toHaveLength(3);
    expect(slotToFinding(slots[2])).toEqual({
      ...kind,
      node: 'node-1',
      subject: 'node-1:host-gw-next-hop-not-onlink:more',
      message: `node-1: ${node.routes.length - 2} more like the 2 above: ${node.routes.slice(2, 5).map((r) => r.dst).join(', ')}, ...`,
      evidence: node.routes.slice(2, 5).map((r) => citeRoute('node-1', r)),
    });
  });

  it('should group findings of no node by code alone when they pass the cap', () => {
    const slots = offerRoutes(new FindingCollector(1), undefined, { details: 0, abouts: 0 }).map(slotToFinding);
    expect(slots).toHaveLength(2);
    expect(slots[0]).not.toHaveProperty('node');
    expect(slots[1]).toEqual(expect.objectContaining({ subject: 'host-gw-next-hop-not-onlink:more' }));
    expect(slots[1].message).toMatch(new RegExp(`^${node.routes.length - 1} more like the 1 above: `));
    expect(slots[1]).not.toHaveProperty('node');
  });

  it('should count every finding into the summary when the cap is zero', () => {
    const slots = offerRoutes(new FindingCollector(0), 'node-1', { details: 0, abouts: 0 }).map(slotToFinding);
    expect(slots).toEqual([expect.objectContaining({ subject: 'node-1:host-gw-next-hop-not-onlink:more' })]);
    expect(slots[0].message).toMatch(new RegExp(`^node-1: ${node.routes.length} host-gw-next-hop-not-onlink findings: `));
  });

  it('should refuse a cap that is not a whole number when one is given', () => {
    expect(() => new FindingCollector(-1)).toThrow(RangeError);
    expect(() => new FindingCollector(2.5)).toThrow(RangeError);
  });
});
