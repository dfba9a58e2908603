// The dispatch planner: which depot sends how much of an item to which region.
// Pure and exact: meets the most demand lexicographically by priority (5 first), then takes the
// least Σ quantity × km among plans that do. How that is made exact: dispatch-network.ts;
// how it is solved: network-simplex.ts.

import { buildDispatchNetwork } from './dispatch-network';
import { DEFAULT_SPEED_KMH, type RoadOptions } from './distance';
import { solveMinCostFlow } from './network-simplex';

export {
  DEFAULT_ROAD_FACTOR, DEFAULT_SPEED_KMH, greatCircleKm, roadDistanceKm, usableRoadKm,
} from './distance';

export type Priority = 1 | 2 | 3 | 4 | 5;
export const PRIORITIES: readonly Priority[] = [5, 4, 3, 2, 1];

/** stock: usable stock of this item (not expired, not promised), a whole number ≥ 0. */
export interface PlanDepot { id: number; lon: number; lat: number; stock: number }
/** A region may appear several times, once per priority. */
export interface PlanDemand { regionCode: string; lon: number; lat: number; quantity: number; priority: Priority }
/** roadFactor defaults to 1.3 and speedKmh to 60; closed roads and regions are unreachable. */
export type PlanOptions = RoadOptions;

/**
 * km and hours are rounded for display (0.1 km, 0.01 h). The optimiser measures roads in whole
 * metres; cost is Σ quantity × (those metres / 1000), unrounded, so it matches an LP on the same
 * distances.
 */
export interface PlanFlow { depotId: number; regionCode: string; quantity: number; km: number; hours: number }
export interface ItemPlan {
  flows: PlanFlow[];
  unmet: { regionCode: string; quantity: number }[];
  cost: number;
  metByPriority: Record<Priority, number>;
}

export function planItem(depots: readonly PlanDepot[], demands: readonly PlanDemand[], opts: PlanOptions = {}): ItemPlan {
  assertWholeQuantities(depots, demands);
  const net = buildDispatchNetwork(depots, demands, opts);
  const { flow } = solveMinCostFlow(net.problem);
  const { source, target, cost } = net.problem;
  const firstDemandNode = net.depotCount + 1;
  const speed = opts.speedKmh ?? DEFAULT_SPEED_KMH;

  // Several demand rows of one region (one per priority) become one flow row per depot.
  const rows = new Map<string, { depot: number; regionCode: string; quantity: number; metreUnits: number }>();
  let metreUnits = 0;
  for (let e = net.firstRoadArc; e < flow.length; e++) {
    if (flow[e] === 0) continue;
    const depot = net.usedDepots[source[e]];
    const regionCode = demands[target[e] - firstDemandNode].regionCode;
    const key = `${depot}\u0000${regionCode}`;
    const row = rows.get(key) ?? { depot, regionCode, quantity: 0, metreUnits: 0 };
    row.quantity += flow[e];
    row.metreUnits += flow[e] * cost[e];
    rows.set(key, row);
    metreUnits += flow[e] * cost[e];
  }
  const regionOrder = new Map<string, number>();
  demands.forEach((d) => { if (!regionOrder.has(d.regionCode)) regionOrder.set(d.regionCode, regionOrder.size); });
  const flows = [...rows.values()]
    .sort((a, b) => a.depot - b.depot || regionOrder.get(a.regionCode)! - regionOrder.get(b.regionCode)!)
    .map((r): PlanFlow => {
      const km = r.metreUnits / r.quantity / 1000; // one road per pair, unless a region's rows sit at different points
      return { depotId: depots[r.depot].id, regionCode: r.regionCode, quantity: r.quantity,
        km: Math.round(km * 10) / 10, hours: Math.round((km / speed) * 100) / 100 };
    });

  const metByPriority: Record<Priority, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const unmetByRegion = new Map<string, number>();
  demands.forEach((d, j) => {
    const short = flow[net.shortArc[j]];
    metByPriority[d.priority] += d.quantity - short;
    if (short > 0) unmetByRegion.set(d.regionCode, (unmetByRegion.get(d.regionCode) ?? 0) + short);
  });
  const unmet = [...unmetByRegion].map(([regionCode, quantity]) => ({ regionCode, quantity }));
  return { flows, unmet, cost: metreUnits / 1000, metByPriority };
}

export function planItems<T extends { itemId: number; depots: readonly PlanDepot[]; demands: readonly PlanDemand[] }>(
  items: readonly T[], opts: PlanOptions = {},
): ({ itemId: number } & ItemPlan)[] {
  return items.map((it) => ({ itemId: it.itemId, ...planItem(it.depots, it.demands, opts) }));
}

// Exactness rests on whole quantities (integral min-cost flow); refuse anything else loudly.
function assertWholeQuantities(depots: readonly PlanDepot[], demands: readonly PlanDemand[]): void {
  for (const d of depots) {
    if (!Number.isSafeInteger(d.stock) || d.stock < 0) throw new RangeError(`depot ${d.id}: stock must be a whole number ≥ 0, got ${d.stock}`);
  }
  for (const d of demands) {
    if (!Number.isSafeInteger(d.quantity) || d.quantity <= 0) throw new RangeError(`region ${d.regionCode}: quantity must be a whole number > 0, got ${d.quantity}`);
    if (!PRIORITIES.includes(d.priority)) throw new RangeError(`region ${d.regionCode}: priority must be 1–5, got ${d.priority}`);
  }
}
