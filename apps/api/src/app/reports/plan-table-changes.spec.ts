import { routeKey, type Route } from '@meshlens/model';
import { routeToNode2, routeToNode3 } from '../testing/node-report.fixture';
import { planTableChanges, rowHash, type CurrentRowRef } from './plan-table-changes';

const ref = (id: number, row: Route): CurrentRowRef => ({ id: BigInt(id), key: routeKey(row), hash: rowHash(row) });
const movedGateway: Route = { ...routeToNode2, gateway: '10.244.2.1' };

describe('planTableChanges', () => {
  it('should plan nothing when a full snapshot equals the current rows in another key order', () => {
    const reordered = JSON.parse(JSON.stringify(routeToNode2, Object.keys(routeToNode2).reverse())) as Route;

    const plan = planTableChanges([ref(1, routeToNode2)], { upsert: [reordered], removeMissing: true }, routeKey);

    expect(plan).toEqual({ closeIds: [], insert: [], added: 0, removed: 0, changed: 0 });
  });

  it('should close the old row and insert the new one when a row with the same key changed', () => {
    const plan = planTableChanges([ref(1, routeToNode2)], { upsert: [movedGateway], removeMissing: true }, routeKey);

    expect(plan).toEqual({
      closeIds: [1n],
      insert: [{ key: routeKey(movedGateway), hash: rowHash(movedGateway), row: movedGateway }],
      added: 0,
      removed: 0,
      changed: 1,
    });
  });

  it('should close rows missing from a full snapshot and insert new keys', () => {
    const plan = planTableChanges([ref(1, routeToNode2)], { upsert: [routeToNode3], removeMissing: true }, routeKey);

    expect(plan.closeIds).toEqual([1n]);
    expect(plan.insert.map((i) => i.row)).toEqual([routeToNode3]);
    expect([plan.added, plan.removed, plan.changed]).toEqual([1, 1, 0]);
  });

  it('should keep rows a delta does not mention when it only adds', () => {
    const plan = planTableChanges([ref(1, routeToNode2)], { upsert: [routeToNode3] }, routeKey);

    expect(plan.closeIds).toEqual([]);
    expect(plan.added).toBe(1);
  });

  it('should ignore removals of keys that are not current when a delta repeats them', () => {
    const plan = planTableChanges([ref(1, routeToNode2)], { upsert: [], remove: [routeKey(routeToNode3), routeKey(routeToNode2), routeKey(routeToNode2)] }, routeKey);

    expect(plan.closeIds).toEqual([1n]);
    expect(plan.removed).toBe(1);
  });

  it('should keep the last row when a key repeats within one snapshot', () => {
    const plan = planTableChanges([], { upsert: [routeToNode2, movedGateway], removeMissing: true }, routeKey);

    expect(plan.insert.map((i) => i.row)).toEqual([movedGateway]);
    expect(plan.added).toBe(1);
  });
});
