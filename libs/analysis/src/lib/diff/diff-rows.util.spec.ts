import { routeKey, type Route } from '@meshlens/model';
import { diffRows, isEmptyDiff } from './diff-rows.util';
import { canonicalJson } from './canonical-json.util';

// Flannel VXLAN route to a remote node's subnet, as iproute2 reports it (proto boot: no protocol key upstream).
const flannelRoute: Route = {
  table: 'main',
  family: 'inet',
  type: 'unicast',
  dst: '10.244.2.0/24',
  protocol: 'boot',
  scope: 'global',
  metric: 0,
  tos: 0,
  gateway: '10.244.2.0',
  dev: 'flannel.1',
  flags: ['onlink'],
};
const routeViaOtherGateway: Route = { ...flannelRoute, gateway: '10.244.2.1' };
const routeToThirdNode: Route = { ...flannelRoute, dst: '10.244.3.0/24', gateway: '10.244.3.0' };

describe('diffRows', () => {
  it('should report nothing when both snapshots hold the same rows in another key order', () => {
    const reordered = JSON.parse(JSON.stringify(flannelRoute, Object.keys(flannelRoute).reverse())) as Route;
    expect(isEmptyDiff(diffRows([flannelRoute], [reordered], routeKey))).toBe(true);
  });

  it('should report a changed row with before and after when the gateway changes', () => {
    const d = diffRows([flannelRoute], [routeViaOtherGateway], routeKey);
    expect(d.changed).toEqual([{ key: routeKey(flannelRoute), before: flannelRoute, after: routeViaOtherGateway }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('should report added and removed rows when a node is replaced by another', () => {
    const d = diffRows([flannelRoute], [routeToThirdNode], routeKey);
    expect(d.added).toEqual([routeToThirdNode]);
    expect(d.removed).toEqual([{ key: routeKey(flannelRoute), row: flannelRoute }]);
  });
});

describe('canonicalJson', () => {
  it('should drop undefined keys when serialising', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [{ y: 1, x: 2 }] })).toBe('{"b":1,"c":[{"x":2,"y":1}]}');
  });
});
