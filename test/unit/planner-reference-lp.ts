// Reference solutions for the dispatch planner from general LP solvers: the same lexicographic
// problem as a sequence of LPs — maximise met priority-5 demand; fix it; maximise priority 4; …;
// then minimise Σ quantity × km. Used by the planner-vs-LP tests and scripts/bench/dispatch.ts.

import {
  usableRoadKm, type PlanDemand, type PlanDepot, type PlanOptions, type Priority,
} from '../../api/modules/dispatch/planner';

export interface LexOutcome { metByPriority: Record<Priority, number>; cost: number }
interface Arc { name: string; depot: number; demand: number; km: number }

const CLASSES: Priority[] = [5, 4, 3, 2, 1];

export function usableArcs(depots: readonly PlanDepot[], demands: readonly PlanDemand[], opts: PlanOptions): Arc[] {
  const arcs: Arc[] = [];
  depots.forEach((dp, i) => demands.forEach((dm, j) => {
    const km = usableRoadKm(dp, dm, opts);
    if (km !== undefined) arcs.push({ name: `x${i}_${j}`, depot: i, demand: j, km });
  }));
  return arcs;
}

type HighsSolve = (lp: string, options?: Record<string, unknown>) => { Status: string; ObjectiveValue: number };

/** Sequential LPs in CPLEX-LP text, solved by HiGHS. */
export function solveWithHighs(
  highs: { solve: HighsSolve }, depots: readonly PlanDepot[], demands: readonly PlanDemand[], opts: PlanOptions,
): LexOutcome {
  const arcs = usableArcs(depots, demands, opts);
  const byDepot = depots.map((): string[] => []);
  const byDemand = demands.map((): string[] => []);
  const byClass = new Map<Priority, string[]>(CLASSES.map((p) => [p, []]));
  for (const a of arcs) {
    byDepot[a.depot].push(a.name);
    byDemand[a.demand].push(a.name);
    byClass.get(demands[a.demand].priority)!.push(a.name);
  }
  const rows: string[] = [];
  depots.forEach((d, i) => { if (byDepot[i].length > 0) rows.push(`s${i}: ${sum(byDepot[i])} <= ${d.stock}`); });
  demands.forEach((d, j) => { if (byDemand[j].length > 0) rows.push(`d${j}: ${sum(byDemand[j])} <= ${d.quantity}`); });
  const bounds = arcs.length > 0 ? `Bounds\n${arcs.map((a) => ` ${a.name} >= 0`).join('\n')}\n` : '';
  const run = (sense: string, objective: string): number => {
    const r = highs.solve(`${sense}\n obj: ${objective}\nSubject To\n${rows.join('\n')}\n${bounds}End\n`, {
      output_flag: false, primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9,
    });
    if (r.Status !== 'Optimal') throw new Error(`HiGHS: ${r.Status}`);
    return r.ObjectiveValue;
  };

  const met = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Priority, number>;
  for (const p of CLASSES) {
    const terms = byClass.get(p)!;
    if (terms.length === 0) continue;
    // LP optima here are integers (the constraint matrix is a network matrix), so rounding
    // only strips solver noise; the fixing row keeps the exact integer.
    met[p] = Math.round(run('Maximize', sum(terms)));
    rows.push(`fix${p}: ${sum(terms)} >= ${met[p]}`);
  }
  if (arcs.length === 0) return { metByPriority: met, cost: 0 };
  const cost = run('Minimize', sum(arcs.map((a) => `${a.km} ${a.name}`)));
  return { metByPriority: met, cost };
}

/** The same sequence with javascript-lp-solver's JSON models. */
export function solveWithJsLp(
  solver: { Solve: (model: unknown) => unknown }, depots: readonly PlanDepot[], demands: readonly PlanDemand[],
  opts: PlanOptions,
): LexOutcome {
  const arcs = usableArcs(depots, demands, opts);
  const constraints: Record<string, { max?: number; min?: number }> = {};
  depots.forEach((d, i) => { constraints[`s${i}`] = { max: d.stock }; });
  demands.forEach((d, j) => { constraints[`d${j}`] = { max: d.quantity }; });
  const variables: Record<string, Record<string, number>> = {};
  for (const a of arcs) {
    variables[a.name] = { [`s${a.depot}`]: 1, [`d${a.demand}`]: 1, [`met${demands[a.demand].priority}`]: 1, km: a.km };
  }
  const run = (opType: 'max' | 'min', optimize: string): number => {
    const r = solver.Solve({ optimize, opType, constraints, variables }) as { feasible: boolean; result: number };
    if (!r.feasible) throw new Error('javascript-lp-solver: infeasible');
    return r.result;
  };
  const met = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Priority, number>;
  for (const p of CLASSES) {
    if (!arcs.some((a) => demands[a.demand].priority === p)) continue;
    met[p] = Math.round(run('max', `met${p}`));
    constraints[`met${p}`] = { min: met[p] };
  }
  if (arcs.length === 0) return { metByPriority: met, cost: 0 };
  return { metByPriority: met, cost: run('min', 'km') };
}

// Long sums are broken over lines: the LP format is line-oriented and readers cap line length.
function sum(terms: string[]): string {
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += 8) lines.push(terms.slice(k, k + 8).join(' + '));
  return lines.join('\n + ');
}

/**
 * The same sequence on one persistent HiGHS model: arrays instead of LP text, and each stage
 * warm-starts from the previous basis (HiGHS keeps it across cost changes and added rows).
 * HiGHS's best case, for the benchmark.
 */
export function solveWithHighsModel(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  highs: any, depots: readonly PlanDepot[], demands: readonly PlanDemand[], opts: PlanOptions,
): LexOutcome {
  const arcs = usableArcs(depots, demands, opts);
  const met = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Priority, number>;
  if (arcs.length === 0) return { metByPriority: met, cost: 0 };
  const m = depots.length;
  const numCols = arcs.length;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(2 * numCols);
  arcs.forEach((a, k) => { starts[k + 1] = 2 * k + 2; indices[2 * k] = a.depot; indices[2 * k + 1] = m + a.demand; });
  const model = highs.createModel({
    numCols, numRows: m + demands.length,
    colCost: new Float64Array(numCols), colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(highs.infinity),
    rowLower: new Float64Array(m + demands.length).fill(-highs.infinity),
    rowUpper: Float64Array.from([...depots.map((d) => d.stock), ...demands.map((d) => d.quantity)]),
    matrix: { format: 'csc', numRows: m + demands.length, numCols, starts, indices, values: new Float64Array(2 * numCols).fill(1) },
  });
  try {
    model.options.set({ output_flag: false });
    const run = (): number => {
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS status ${model.getModelStatus()}`);
      return model.getObjectiveValue();
    };
    model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
    for (const p of CLASSES) {
      const cols = arcs.flatMap((a, k) => (demands[a.demand].priority === p ? [k] : []));
      if (cols.length === 0) continue;
      model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, Float64Array.from(arcs, (a) => (demands[a.demand].priority === p ? 1 : 0)));
      met[p] = Math.round(run());
      model.addRow(met[p], highs.infinity, { indices: Int32Array.from(cols), values: new Float64Array(cols.length).fill(1) });
    }
    model.changeObjectiveSense(highs.constants.objectiveSense.minimize);
    model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, Float64Array.from(arcs, (a) => a.km));
    return { metByPriority: met, cost: run() };
  } finally {
    model.dispose();
  }
}
