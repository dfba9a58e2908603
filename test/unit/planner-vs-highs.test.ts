// The planner against an independent LP solver (HiGHS) on the same lexicographic problem.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDispatchNetwork } from '../../api/modules/dispatch/dispatch-network';
import { solveMinCostFlow } from '../../api/modules/dispatch/network-simplex';
import {
  planItem, type PlanDemand, type PlanDepot, type PlanOptions, type Priority,
} from '../../api/modules/dispatch/planner';
import { solveWithHighs, type LexOutcome } from './planner-reference-lp';

type Highs = Parameters<typeof solveWithHighs>[0];
let highs: Highs;
beforeAll(async () => { highs = await (await import('highs')).default() as unknown as Highs; });

function expectSameOptimum(depots: PlanDepot[], demands: PlanDemand[], opts: PlanOptions = {}): LexOutcome {
  const plan = planItem(depots, demands, opts);
  const lp = solveWithHighs(highs, depots, demands, opts);
  expect(plan.metByPriority).toEqual(lp.metByPriority);
  expect(Math.abs(plan.cost - lp.cost)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(lp.cost)));
  return lp;
}

const depot = (id: number, lon: number, lat: number, stock: number): PlanDepot => ({ id, lon, lat, stock });
const need = (regionCode: string, lon: number, lat: number, quantity: number, priority: Priority): PlanDemand =>
  ({ regionCode, lon, lat, quantity, priority });

// Coordinates on a coarse grid make equal distances (ties) common.
const gridPoint = fc.record({ x: fc.integer({ min: 0, max: 24 }), y: fc.integer({ min: 0, max: 16 }) })
  .map(({ x, y }) => ({ lon: 110 + x * 0.25, lat: 40 + y * 0.25 }));
const instance = fc.record({
  depots: fc.array(fc.tuple(gridPoint, fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 80 }))), { minLength: 1, maxLength: 15 }),
  regions: fc.array(gridPoint, { minLength: 20, maxLength: 20 }),
  demands: fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom<Priority>(1, 2, 3, 4, 5)),
    { minLength: 1, maxLength: 40 }),
  maxHours: fc.option(fc.constantFrom(1, 1.5, 2.5, 4), { nil: undefined }),
  closed: fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 19 })), { maxLength: 6 }),
  closedRegions: fc.array(fc.integer({ min: 0, max: 19 }), { maxLength: 2 }),
  roadKm: fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 4000 })), { maxLength: 6 }),
}).map((r) => ({
  depots: r.depots.map(([p, stock], i) => depot(i + 1, p.lon, p.lat, stock)),
  demands: r.demands.map(([k, quantity, priority]) => need(`R${k}`, r.regions[k].lon, r.regions[k].lat, quantity, priority)),
  opts: {
    maxHours: r.maxHours,
    closedArcs: r.closed.map(([i, k]) => ({ depotId: i + 1, regionCode: `R${k}` })),
    closedRegions: r.closedRegions.map((k) => `R${k}`),
    roadKm: r.roadKm.map(([i, k, tenths]) => ({ depotId: i + 1, regionCode: `R${k}`, km: tenths / 10 })),
  } satisfies PlanOptions,
}));

describe('dispatch planner against HiGHS (sequential LPs)', () => {
  it('meets the same demand per priority at the same cost on random instances', () => {
    fc.assert(fc.property(instance, ({ depots, demands, opts }) => { expectSameOptimum(depots, demands, opts); }),
      { seed: 4242, numRuns: 60 });
  });

  it('gives the same answer whatever the candidate shortlist', () => {
    fc.assert(fc.property(instance, ({ depots, demands, opts }) => {
      const plan = planItem(depots, demands, opts);
      for (const nearest of [0, 1, 3]) {
        const net = buildDispatchNetwork(depots, demands, opts, nearest);
        const { flow } = solveMinCostFlow(net.problem);
        let metres = 0;
        for (let e = net.firstRoadArc; e < flow.length; e++) metres += flow[e] * net.problem.cost[e];
        const met = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
        demands.forEach((d, j) => { met[d.priority] += d.quantity - flow[net.shortArc[j]]; });
        expect(met).toEqual(plan.metByPriority);
        expect(metres / 1000).toBeCloseTo(plan.cost, 6);
      }
    }), { seed: 77, numRuns: 40 });
  });

  it('ties: equidistant depots and demands', () => {
    const depots = [depot(1, 111, 41, 20), depot(2, 113, 41, 20), depot(3, 112, 42, 20), depot(4, 112, 40, 20)];
    const demands = [need('C', 112, 41, 50, 3), need('C2', 112, 41, 30, 3), need('E', 114, 41, 10, 3)];
    expectSameOptimum(depots, demands);
  });

  it('zero stock everywhere, and stock at only some depots', () => {
    const demands = [need('A', 112, 41, 10, 5), need('B', 112.5, 41, 10, 1)];
    expect(expectSameOptimum([depot(1, 112, 40, 0), depot(2, 113, 40, 0)], demands).cost).toBe(0);
    expectSameOptimum([depot(1, 112, 40, 0), depot(2, 113, 40, 7)], demands);
  });

  it('unreachable demand: closed arcs, a closed region, and maxHours', () => {
    const depots = [depot(1, 112, 40, 30), depot(2, 115, 40, 30)];
    const demands = [need('A', 112.2, 40, 20, 5), need('B', 114.8, 40, 20, 4), need('C', 113.5, 40, 20, 2), need('D', 113.5, 40.1, 20, 3)];
    const lp = expectSameOptimum(depots, demands, {
      closedArcs: [{ depotId: 1, regionCode: 'A' }], closedRegions: ['D'], maxHours: 2,
    });
    expect(lp.metByPriority[3]).toBe(0);
  });

  it('one depot', () => {
    expectSameOptimum([depot(1, 112, 41, 45)], [need('A', 112, 42, 20, 2), need('B', 113, 41, 20, 4), need('C', 111, 41, 20, 2)]);
  });

  it('priority beats distance: a far high-priority demand wins over a near low-priority one', () => {
    const depots = [depot(1, 112, 41, 30), depot(2, 112.1, 41, 10)];
    const demands = [need('near', 112.05, 41, 40, 1), need('far', 118, 47, 30, 5), need('mid', 114, 43, 10, 3)];
    const lp = expectSameOptimum(depots, demands);
    expect(lp.metByPriority).toEqual({ 1: 0, 2: 0, 3: 10, 4: 0, 5: 30 });
  });

  it('the same region twice with two priorities', () => {
    const depots = [depot(1, 112, 41, 25), depot(2, 113, 41, 10)];
    const demands = [need('X', 112.5, 41.5, 20, 1), need('X', 112.5, 41.5, 12, 5), need('Y', 112.9, 41, 9, 3)];
    const lp = expectSameOptimum(depots, demands);
    expect(lp.metByPriority).toEqual({ 1: 14, 2: 0, 3: 9, 4: 0, 5: 12 });
  });

  it('officer-entered road km override the estimate', () => {
    const depots = [depot(1, 112, 41, 20), depot(2, 112.5, 41, 20)];
    const demands = [need('A', 112.1, 41, 15, 3), need('B', 112.4, 41, 15, 3)];
    expectSameOptimum(depots, demands, {
      roadKm: [{ depotId: 1, regionCode: 'A', km: 500 }, { depotId: 2, regionCode: 'A', km: 1.5 }],
    });
  });

  it('rerouting: a lower priority can only be met if a higher one moves to a farther depot', () => {
    const depots = [depot(1, 112, 41, 10), depot(2, 112.6, 41, 10), depot(3, 113.4, 41, 10)];
    const demands = [need('A', 112.1, 41, 10, 5), need('B', 112.7, 41, 10, 4), need('C', 111.8, 41, 10, 3)];
    const lp = expectSameOptimum(depots, demands, {
      closedArcs: [{ depotId: 2, regionCode: 'C' }, { depotId: 3, regionCode: 'C' }, { depotId: 3, regionCode: 'A' }],
    });
    expect(lp.metByPriority).toEqual({ 1: 0, 2: 0, 3: 10, 4: 10, 5: 10 });
  });
});
