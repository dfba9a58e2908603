// The single-item dispatch problem as one balanced min-cost flow whose optimum is exactly the
// lexicographic plan: most priority-5 demand met, then priority 4, … 1, then least km.
//
// Nodes: depots (supply = stock), SHORT (supply = Σ demand), demands (need = quantity),
// LEFT (need = Σ stock). Arcs: depot→demand (cost = road metres), SHORT→demand (cost U_p per
// unmet unit, p = that demand's priority), depot→LEFT and SHORT→LEFT (cost 0: stock left
// unused). Every arc is uncapacitated; the node balances do the bounding.
//
// Why U_p = p·B with B = N·Cmax + 1 (N nodes, Cmax the longest usable road in metres) is
// exact, not a big-M that merely "usually" dominates. Minimising
//     cost_B(f) = Σ metres·flow + Σ_p U_p·unmet_p
// and minimising the tuple cost_lex(f) = (unmet_5, …, unmet_1, Σ metres·flow) lexicographically
// have the same optima. A flow f is optimal for either cost iff its residual graph has no
// simple cycle of negative cost in that cost (flow decomposition: any other feasible flow is f
// plus residual cycles; this holds over any ordered group, so for tuples too). A simple cycle
// passes SHORT at most once, so it changes the unmet vector by one of: 0, +1 on one demand,
// -1 on one demand, or -1 on demand a and +1 on demand b. Its metre part M satisfies
// |M| ≤ N·Cmax < B. Case by case, its two costs have the same sign or cost_B is negative when
// cost_lex is:  change 0: both equal M.  -1 on a (a newly met unit): cost_B = M - U ≤ M - B < 0
// and cost_lex < 0.  +1 on a: both > 0.  -1 on a, +1 on b: if p_a > p_b, cost_B ≤ M - B < 0
// and cost_lex < 0; if p_a < p_b, both > 0; if equal, both are M. So a cost_B-optimal flow has
// no cost_lex-negative cycle: it is lexicographically optimal. Integers keep this exact: every
// cost is an integer and every potential is a tree-path sum of at most two penalties and N road
// arcs, |π| ≤ 10B + N·Cmax < 11B, so reduced costs stay below 27B, which we check is < 2^53.

import { usableRoadMetres, type DemandPoint, type DepotPoint, type RoadOptions } from './distance';
import type { MinCostFlowProblem } from './network-simplex';

export interface NetworkDepot extends DepotPoint { stock: number }
export interface NetworkDemand extends DemandPoint { quantity: number; priority: number }

export interface DispatchNetwork {
  problem: MinCostFlowProblem;
  depotCount: number;   // depots with stock > 0; node i is usedDepots[i]
  usedDepots: number[]; // index into the caller's depot list
  firstRoadArc: number; // arcs from here on are depot→demand roads (cost = metres)
  shortArc: Int32Array; // per demand, the arc index of SHORT→demand
}

/**
 * How many nearest depots per demand are priced first; the rest are priced when needed. Only a
 * speed choice: the solver stops only when no arc at all can improve the plan.
 */
const NEAREST_DEPOTS = 12;

export function buildDispatchNetwork(
  depots: readonly NetworkDepot[], demands: readonly NetworkDemand[], opts: RoadOptions,
  nearestDepots = NEAREST_DEPOTS,
): DispatchNetwork {
  const usedDepots = depots.flatMap((d, i) => (d.stock > 0 ? [i] : []));
  const m = usedDepots.length;
  const n = demands.length;
  const SHORT = m;
  const LEFT = m + n + 1;
  const nodeCount = m + n + 2;
  const demandNode = (j: number) => m + 1 + j;

  const metres = usableRoadMetres(usedDepots.map((i) => depots[i]), demands, opts);
  const nearest = markNearestDepots(metres, m, n, nearestDepots);
  let roadCount = 0;
  let nearCount = 0;
  let longest = 0;
  for (let k = 0; k < metres.length; k++) {
    if (metres[k] < 0) continue;
    roadCount++;
    nearCount += nearest[k];
    if (metres[k] > longest) longest = metres[k];
  }

  const B = nodeCount * Math.max(longest, 1) + 1;
  if (27 * B >= Number.MAX_SAFE_INTEGER) throw new RangeError('dispatch network too large for exact arithmetic');
  const firstRoadArc = n + m + 1;
  const arcCount = firstRoadArc + roadCount;
  const source = new Int32Array(arcCount);
  const target = new Int32Array(arcCount);
  const cost = new Float64Array(arcCount);
  const flow = new Float64Array(arcCount);
  const predArc = new Int32Array(nodeCount).fill(-1);
  const shortArc = new Int32Array(n);

  // The starting basis: nothing shipped. Demand hangs below SHORT, depots and SHORT below LEFT
  // (the root). The only zero-flow tree arc, SHORT→LEFT, points at the root: strongly feasible.
  let e = 0;
  let totalNeed = 0;
  let totalStock = 0;
  demands.forEach((d, j) => {
    source[e] = SHORT; target[e] = demandNode(j); cost[e] = d.priority * B; flow[e] = d.quantity;
    predArc[demandNode(j)] = e; shortArc[j] = e; totalNeed += d.quantity; e++;
  });
  usedDepots.forEach((depotIndex, i) => {
    source[e] = i; target[e] = LEFT; flow[e] = depots[depotIndex].stock;
    predArc[i] = e; totalStock += depots[depotIndex].stock; e++;
  });
  source[e] = SHORT; target[e] = LEFT; predArc[SHORT] = e;
  if (totalNeed + totalStock >= Number.MAX_SAFE_INTEGER) throw new RangeError('quantities too large for exact arithmetic');

  // Near roads first, laid out with a stride (LEMON's arc mixing) so a pricing block samples
  // many depots rather than one depot's neighbourhood; far roads after them.
  const stride = Math.max(3, Math.floor(nearCount / nodeCount));
  let far = firstRoadArc + nearCount;
  for (let i = 0, k = 0, pos = 0, lane = 0; i < m; i++) {
    for (let j = 0; j < n; j++, k++) {
      if (metres[k] < 0) continue;
      let at: number;
      if (nearest[k] === 1) {
        at = firstRoadArc + pos;
        if ((pos += stride) >= nearCount) pos = ++lane;
      } else {
        at = far++;
      }
      source[at] = i;
      target[at] = demandNode(j);
      cost[at] = metres[k];
    }
  }

  return {
    problem: { nodeCount, source, target, cost, start: { root: LEFT, predArc, flow }, candidateCount: firstRoadArc + nearCount },
    depotCount: m, usedDepots, firstRoadArc, shortArc,
  };
}

// For each demand, flag its k shortest usable roads (metres is row-major by depot, -1 = none).
// Walks rows in memory order, keeping a small sorted buffer per demand.
function markNearestDepots(metres: Float64Array, m: number, n: number, k: number): Uint8Array {
  if (k <= 0) return new Uint8Array(metres.length);
  const best = new Float64Array(n * k).fill(Infinity);
  const bestAt = new Int32Array(n * k).fill(-1);
  for (let i = 0; i < m; i++) {
    for (let j = 0, at = i * n; j < n; j++, at++) {
      const d = metres[at];
      const base = j * k;
      if (d < 0 || d >= best[base + k - 1]) continue;
      let slot = base + k - 1;
      while (slot > base && best[slot - 1] > d) { best[slot] = best[slot - 1]; bestAt[slot] = bestAt[slot - 1]; slot--; }
      best[slot] = d;
      bestAt[slot] = at;
    }
  }
  const flags = new Uint8Array(metres.length);
  for (let s = 0; s < bestAt.length; s++) if (bestAt[s] >= 0) flags[bestAt[s]] = 1;
  return flags;
}
