import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  greatCircleKm, planItem, planItems, roadDistanceKm, type ItemPlan, type PlanDemand, type PlanDepot,
} from '../../api/modules/dispatch/planner';

// Places around Xilinhot; 0.1° of latitude ≈ 11.1 km, × 1.3 road factor ≈ 14.5 km of road.
const depot = (id: number, lat: number, stock: number, lon = 116): PlanDepot => ({ id, lon, lat, stock });
const need = (regionCode: string, lat: number, quantity: number, priority: PlanDemand['priority'], lon = 116): PlanDemand =>
  ({ regionCode, lon, lat, quantity, priority });
const shipped = (plan: ItemPlan, depotId: number, regionCode: string) =>
  plan.flows.find((f) => f.depotId === depotId && f.regionCode === regionCode)?.quantity ?? 0;

describe('dispatch planner', () => {
  it('a priority-5 demand far away beats a priority-1 demand next door', () => {
    const plan = planItem([depot(1, 44, 100)], [need('next-door', 44.01, 100, 1), need('far', 46, 100, 5)]);
    expect(shipped(plan, 1, 'far')).toBe(100);
    expect(plan.unmet).toEqual([{ regionCode: 'next-door', quantity: 100 }]);
    expect(plan.metByPriority).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 100 });
  });

  it('meeting a lower priority may send a higher one to a farther depot', () => {
    // Staging greedily (nearest depot for priority 5 first, then priority 4) would strand B.
    const depots = [depot(1, 44.0, 10), depot(2, 44.5, 10)];
    const demands = [need('A', 44.1, 10, 5), need('B', 44.0, 10, 4, 116.1)];
    const plan = planItem(depots, demands, { closedArcs: [{ depotId: 2, regionCode: 'B' }] });
    expect(plan.metByPriority).toMatchObject({ 5: 10, 4: 10 });
    expect(shipped(plan, 2, 'A')).toBe(10);
    expect(shipped(plan, 1, 'B')).toBe(10);
  });

  it('among plans meeting the same demand, the nearer depot ships', () => {
    const plan = planItem([depot(1, 45, 50), depot(2, 44.2, 50)], [need('T', 44, 30, 3)]);
    expect(plan.flows).toEqual([expect.objectContaining({ depotId: 2, regionCode: 'T', quantity: 30 })]);
  });

  it('maxHours excludes slow arcs', () => {
    // 1° of latitude ≈ 144.6 road km ≈ 2.4 h at 60 km/h.
    const depots = [depot(1, 43, 100), depot(2, 44.5, 20)];
    const plan = planItem(depots, [need('T', 44, 50, 5)], { maxHours: 2 });
    expect(plan.flows).toEqual([expect.objectContaining({ depotId: 2, quantity: 20 })]);
    expect(plan.flows.every((f) => f.hours <= 2)).toBe(true);
    expect(plan.unmet).toEqual([{ regionCode: 'T', quantity: 30 }]);
  });

  it('closed roads and closed regions are never used', () => {
    const depots = [depot(1, 44, 100), depot(2, 44.3, 100)];
    const demands = [need('open', 44.1, 10, 3), need('cut-off', 44.2, 10, 5)];
    const plan = planItem(depots, demands, {
      closedArcs: [{ depotId: 1, regionCode: 'open' }], closedRegions: ['cut-off'],
    });
    expect(plan.flows).toEqual([expect.objectContaining({ depotId: 2, regionCode: 'open', quantity: 10 })]);
    expect(plan.unmet).toEqual([{ regionCode: 'cut-off', quantity: 10 }]);
  });

  it("an officer's road km replaces the great-circle estimate", () => {
    const depots = [depot(1, 44.1, 10), depot(2, 44.3, 10)];
    const plan = planItem(depots, [need('T', 44, 10, 3)], { roadKm: [{ depotId: 1, regionCode: 'T', km: 400 }] });
    expect(plan.flows).toEqual([expect.objectContaining({ depotId: 2 })]);
    const forced = planItem([depots[0]], [need('T', 44, 10, 3)], { roadKm: [{ depotId: 1, regionCode: 'T', km: 400 }] });
    expect(forced.flows[0]).toMatchObject({ km: 400, hours: 6.67 });
    expect(forced.cost).toBe(4000);
  });

  it('unmet is reported exactly, per region, summed over its priorities', () => {
    const demands = [need('X', 44.1, 30, 5), need('X', 44.1, 40, 2), need('Y', 44.2, 25, 3)];
    const plan = planItem([depot(1, 44, 50)], demands);
    expect(plan.metByPriority).toEqual({ 1: 0, 2: 0, 3: 20, 4: 0, 5: 30 });
    expect(plan.unmet).toEqual([{ regionCode: 'X', quantity: 40 }, { regionCode: 'Y', quantity: 5 }]);
    expect(plan.flows).toEqual([expect.objectContaining({ depotId: 1, regionCode: 'X', quantity: 30 }),
      expect.objectContaining({ depotId: 1, regionCode: 'Y', quantity: 20 })]);
  });

  it('zero stock and no usable road leave all demand unmet at zero cost', () => {
    expect(planItem([depot(1, 44, 0)], [need('T', 44.1, 5, 4)])).toEqual({
      flows: [], unmet: [{ regionCode: 'T', quantity: 5 }], cost: 0, metByPriority: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
    const closed = planItem([depot(1, 44, 9)], [need('T', 44.1, 5, 4)], { closedRegions: ['T'] });
    expect(closed.unmet).toEqual([{ regionCode: 'T', quantity: 5 }]);
    expect(planItem([], []).flows).toEqual([]);
  });

  it('ties in distance: either equidistant depot may ship, at the same cost', () => {
    const depots = [depot(1, 44.5, 30, 116), depot(2, 43.5, 30, 116)];
    const plan = planItem(depots, [need('T', 44, 40, 3)]);
    expect(plan.flows.reduce((s, f) => s + f.quantity, 0)).toBe(40);
    expect(plan.cost).toBeCloseTo(40 * roadDistanceKm(depots[0], need('T', 44, 40, 3)), 6);
  });

  it('a plan never ships more than a depot holds, nor more than a region asked for', () => {
    const point = fc.record({ lon: fc.integer({ min: 0, max: 20 }), lat: fc.integer({ min: 0, max: 20 }) })
      .map((p) => ({ lon: 110 + p.lon / 4, lat: 40 + p.lat / 4 }));
    const depotArb = fc.tuple(point, fc.integer({ min: 0, max: 50 }));
    const demandArb = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 2, 3, 4, 5));
    fc.assert(fc.property(fc.array(depotArb, { maxLength: 12 }), fc.array(point, { minLength: 10, maxLength: 10 }),
      fc.array(demandArb, { maxLength: 30 }), (ds, regions, ns) => {
        const depots = ds.map(([p, stock], i) => ({ id: i + 1, ...p, stock }));
        const demands = ns.map(([r, quantity, priority]) => ({ regionCode: `R${r}`, ...regions[r], quantity, priority: priority as PlanDemand['priority'] }));
        const plan = planItem(depots, demands, { maxHours: 3 });
        for (const d of depots) expect(plan.flows.filter((f) => f.depotId === d.id).reduce((s, f) => s + f.quantity, 0)).toBeLessThanOrEqual(d.stock);
        const asked = new Map<string, number>();
        for (const d of demands) asked.set(d.regionCode, (asked.get(d.regionCode) ?? 0) + d.quantity);
        for (const [code, q] of asked) {
          const got = plan.flows.filter((f) => f.regionCode === code).reduce((s, f) => s + f.quantity, 0);
          const short = plan.unmet.find((u) => u.regionCode === code)?.quantity ?? 0;
          expect(got + short).toBe(q);
        }
        const met = Object.values(plan.metByPriority).reduce((s, q) => s + q, 0);
        expect(met).toBe(plan.flows.reduce((s, f) => s + f.quantity, 0));
        expect(plan.flows.every((f) => Number.isInteger(f.quantity) && f.quantity > 0 && f.hours <= 3)).toBe(true);
      }), { seed: 20240611, numRuns: 150 });
  });

  it('road distance is the haversine great circle times the road factor, to the metre', () => {
    // One degree of a meridian is 6371.0088 × π / 180 = 111.1951 km.
    expect(greatCircleKm({ lon: 116, lat: 43 }, { lon: 116, lat: 44 })).toBeCloseTo(111.1951, 4);
    const d = { id: 1, lon: 116, lat: 43 };
    const r = { regionCode: 'T', lon: 116, lat: 44 };
    expect(roadDistanceKm(d, r)).toBe(144.554);
    expect(roadDistanceKm(d, r, { roadFactor: 1 })).toBe(111.195);
    expect(roadDistanceKm(d, r, { roadKm: [{ depotId: 1, regionCode: 'T', km: 150.25 }] })).toBe(150.25);
  });

  it('cost is Σ quantity × km over the flows', () => {
    const plan = planItem([depot(1, 44, 30), depot(2, 44.6, 30)], [need('A', 44.2, 20, 3), need('B', 44.5, 25, 3)]);
    const shown = plan.flows.reduce((s, f) => s + f.quantity * f.km, 0);
    expect(Math.abs(plan.cost - shown)).toBeLessThanOrEqual(0.05 * 45); // display km are rounded to 0.1
  });

  it('refuses fractional quantities instead of planning them approximately', () => {
    expect(() => planItem([depot(1, 44, 1.5)], [need('T', 44, 1, 3)])).toThrow(RangeError);
    expect(() => planItem([depot(1, 44, 1)], [need('T', 44, 0, 3)])).toThrow(RangeError);
  });

  it('planItems plans each item on its own stock', () => {
    const plans = planItems([
      { itemId: 7, depots: [depot(1, 44, 5)], demands: [need('T', 44.1, 8, 3)] },
      { itemId: 9, depots: [depot(1, 44, 50)], demands: [need('T', 44.1, 8, 3)] },
    ]);
    expect(plans.map((p) => [p.itemId, p.unmet])).toEqual([[7, [{ regionCode: 'T', quantity: 3 }]], [9, []]]);
  });
});
