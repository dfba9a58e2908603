// Making a dispatch plan: check the request against the actor's area, read usable stock (not
// expired by arrival, not promised to another draft), run the exact planner per item, store it.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, dispatchFlows, dispatchPlans, items, regions, type DispatchPlan, type PlanInputs, type PlanStockRow } from '../../../db/schema/index';
import type { AppConfig } from '../../config';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertRole, regionInScope } from '../../http/scope';
import { visibleEvent } from '../events/service';
import { dayInShanghai } from '../stock/fefo';
import { usableStock } from '../stock/usable';
import { usableRoadMetres } from './distance';
import { planItems, type PlanDemand, type PlanDepot, type Priority } from './planner';
import { DISPATCH_POLICY } from './policy';
import { assertPlanInHand, commonAncestor, getPlanRow, promisedStock } from './plan-scope';
import type { CancelPlanInput, PlanInput, RecomputeInput } from './schemas';
import { planOut, type PlanOut } from './plan-views';

type Point = { lon: number; lat: number };

/** Demand regions: known, in the actor's area, with a point to drive to. */
function demandPoints(db: DbOrTx, w: WriteCtx, codes: readonly string[]): Map<string, Point> {
  for (const code of codes) {
    if (!w.tree.has(code)) throw notFound('region', code);
    if (!regionInScope(w.actor, w.tree, code)) throw new DomainError('OUT_OF_SCOPE', 'a demand lies outside your area', { regionCode: code, yourRegion: w.actor.regionCode });
  }
  const rows = db.select({ code: regions.code, lon: regions.lon, lat: regions.lat }).from(regions).where(inArray(regions.code, [...codes])).all();
  const points = new Map<string, Point>();
  for (const r of rows) if (r.lon !== null && r.lat !== null) points.set(r.code, { lon: r.lon, lat: r.lat });
  const missing = codes.filter((c) => !points.has(c));
  if (missing.length) throw new DomainError('VALIDATION_FAILED', 'these regions have no location to plan a road to', { regionCodes: missing.slice(0, 20) });
  return points;
}

/** The depots asked for (each known and in the area), else every depot in the actor's area. */
function planDepots(db: DbOrTx, w: WriteCtx, depotIds: readonly number[] | undefined) {
  if (!depotIds) return db.select().from(depots).all().filter((d) => regionInScope(w.actor, w.tree, d.regionCode));
  const rows = db.select().from(depots).where(inArray(depots.id, [...new Set(depotIds)])).all();
  for (const id of depotIds) {
    const d = rows.find((r) => r.id === id);
    if (!d) throw notFound('depot', id);
    if (!regionInScope(w.actor, w.tree, d.regionCode)) throw new DomainError('OUT_OF_SCOPE', 'this depot is outside your area', { depotId: id });
  }
  return rows;
}

function assertItems(db: DbOrTx, ids: readonly number[]) {
  const known = new Set(db.select({ id: items.id }).from(items).where(inArray(items.id, [...ids])).all().map((r) => r.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw notFound('item', missing);
}

/**
 * Per depot, the last day its goods must still be good: the day of arrival at its farthest usable
 * destination (at most maxHours away). Lots expiring earlier are left out, so approval on the day
 * of planning never finds a planned lot expired on arrival.
 */
function usableAfterByDepot(ds: readonly (Point & { id: number })[], points: readonly (Point & { regionCode: string })[], opts: Omit<PlanInputs, 'demands' | 'depotIds'>, now: Date): Map<number, string> {
  const metres = usableRoadMetres(ds, points, { ...opts, maxHours: opts.maxHours ?? undefined });
  const out = new Map<number, string>();
  ds.forEach((d, i) => {
    let far = 0;
    for (let j = 0; j < points.length; j++) far = Math.max(far, metres[i * points.length + j]);
    out.set(d.id, dayInShanghai(new Date(now.getTime() + (far / 1000 / opts.speedKmh) * 3600_000)));
  });
  return out;
}

interface Computed { inputs: PlanInputs; stock: PlanStockRow[]; flows: Omit<typeof dispatchFlows.$inferInsert, 'planId'>[]; unmet: DispatchPlan['unmet']; metByPriority: Record<string, number>; demanded: number; met: number; cost: number; computeMs: number }

function compute(db: DbOrTx, w: WriteCtx, config: AppConfig, input: Omit<PlanInputs, 'roadFactor' | 'speedKmh' | 'depotIds'> & { depotIds?: number[] }, family: number | null): Computed {
  // One row per (region, item, priority, request): the planner treats each as its own demand node;
  // a request keeps its own row so that approving the plan can mark exactly it.
  const merged = new Map<string, PlanInputs['demands'][number]>();
  for (const d of input.demands) {
    const key = `${d.regionCode}|${d.itemId}|${d.priority}|${d.requestId ?? ''}`;
    const held = merged.get(key);
    if (held) held.quantity += d.quantity;
    else merged.set(key, { ...d });
  }
  const demands = [...merged.values()];
  const itemIds = [...new Set(demands.map((d) => d.itemId))];
  assertItems(db, itemIds);
  const points = demandPoints(db, w, [...new Set(demands.map((d) => d.regionCode))]);
  const ds = planDepots(db, w, input.depotIds);
  if (ds.length === 0) throw new DomainError('VALIDATION_FAILED', 'no depot in your area to plan from', { yourRegion: w.actor.regionCode });
  const inputs: PlanInputs = {
    demands, depotIds: ds.map((d) => d.id), maxHours: input.maxHours, closedArcs: input.closedArcs, closedRegions: input.closedRegions,
    roadKm: input.roadKm, roadFactor: config.roadFactor, speedKmh: config.speedKmh,
  };
  const opts = { maxHours: inputs.maxHours ?? undefined, closedArcs: inputs.closedArcs, closedRegions: inputs.closedRegions, roadKm: inputs.roadKm, roadFactor: inputs.roadFactor, speedKmh: inputs.speedKmh };

  const regionPoints = [...points].map(([regionCode, p]) => ({ regionCode, ...p }));
  const byDay = new Map<string, number[]>();
  for (const [depotId, day] of usableAfterByDepot(ds, regionPoints, inputs, new Date(w.now))) byDay.set(day, [...(byDay.get(day) ?? []), depotId]);
  const usable = new Map<string, number>();
  for (const [day, depotIds] of byDay) {
    for (const r of usableStock(db, { depotIds, usableAfter: day }, dayInShanghai(new Date(w.now)))) usable.set(`${r.depotId}|${r.itemId}`, r.quantity);
  }
  const promised = promisedStock(db, family);
  const stock: PlanStockRow[] = [];
  const problems = itemIds.map((itemId) => {
    const planDepotsOfItem: PlanDepot[] = ds.map((d) => {
      const key = `${d.id}|${itemId}`;
      const u = usable.get(key) ?? 0, p = promised.get(key) ?? 0;
      const planned = Math.max(0, u - p);
      if (u > 0 || p > 0) stock.push({ depotId: d.id, itemId, usable: u, promised: p, planned });
      return { id: d.id, lon: d.lon, lat: d.lat, stock: planned };
    });
    const planDemands: PlanDemand[] = demands.filter((d) => d.itemId === itemId)
      .map((d) => ({ regionCode: d.regionCode, ...points.get(d.regionCode)!, quantity: d.quantity, priority: d.priority as Priority }));
    return { itemId, depots: planDepotsOfItem, demands: planDemands };
  });

  const started = performance.now();
  const plans = planItems(problems, opts);
  const computeMs = Math.round((performance.now() - started) * 100) / 100;

  const metByPriority: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const flows: Computed['flows'] = [];
  const unmet: DispatchPlan['unmet'] = [];
  let cost = 0;
  for (const p of plans) {
    for (const f of p.flows) flows.push({ ...f, itemId: p.itemId });
    for (const u of p.unmet) unmet.push({ ...u, itemId: p.itemId });
    for (const [k, v] of Object.entries(p.metByPriority)) metByPriority[k] += v;
    cost += p.cost;
  }
  const demanded = demands.reduce((s, d) => s + d.quantity, 0);
  const met = demanded - unmet.reduce((s, u) => s + u.quantity, 0);
  return { inputs, stock, flows, unmet, metByPriority, demanded, met, cost, computeMs };
}

function storePlan(tx: DbOrTx, w: WriteCtx, c: Computed, meta: { eventId: number | null; version: number; previousId: number | null; familyId: number | null; name?: string | null; note?: string | null }): DispatchPlan {
  let row = tx.insert(dispatchPlans).values({
    familyId: meta.familyId, version: meta.version, previousId: meta.previousId, eventId: meta.eventId,
    regionCode: commonAncestor(w.tree, [...new Set(c.inputs.demands.map((d) => d.regionCode))]), status: 'draft',
    name: meta.name ?? null, note: meta.note ?? null, inputs: c.inputs, stock: c.stock, unmet: c.unmet, metByPriority: c.metByPriority,
    demanded: c.demanded, met: c.met, cost: c.cost, computeMs: c.computeMs, createdBy: w.actor.id || null, createdByName: w.actor.username, createdAt: w.now,
  }).returning().get();
  if (meta.familyId === null) row = tx.update(dispatchPlans).set({ familyId: row.id }).where(eq(dispatchPlans.id, row.id)).returning().get();
  for (const f of c.flows) tx.insert(dispatchFlows).values({ ...f, planId: row.id }).run();
  return row;
}

const withDefaults = (input: PlanInput | RecomputeInput) => ({
  closedArcs: input.closedArcs ?? [], closedRegions: input.closedRegions ?? [], roadKm: input.roadKm ?? [],
});

/** POST /api/dispatch/plans: a new plan (version 1) in status draft. */
export function createPlan(tx: DbOrTx, w: WriteCtx, config: AppConfig, input: PlanInput): PlanOut {
  assertRole(w.actor, 'officer', 'admin');
  if (input.eventId !== undefined) visibleEvent(tx, w, input.eventId);
  const demands = input.demands.map((d) => ({ ...d, priority: d.priority ?? DISPATCH_POLICY.defaultPriority.value }));
  const c = compute(tx, w, config, { demands, depotIds: input.depotIds, maxHours: input.maxHours ?? null, ...withDefaults(input) }, null);
  const row = storePlan(tx, w, c, { eventId: input.eventId ?? null, version: 1, previousId: null, familyId: null, name: input.name, note: input.note });
  writeAudit(tx, w, { action: 'dispatch.plan.create', entity: 'dispatch_plan', entityId: row.id, regionCode: row.regionCode, after: { version: 1, eventId: row.eventId, demanded: c.demanded, met: c.met, cost: c.cost, flows: c.flows.length } });
  return planOut(tx, w, row);
}

/** A draft's next version, from its inputs with the changes given; the draft is superseded. */
export function recomputePlan(tx: DbOrTx, w: WriteCtx, config: AppConfig, id: number, input: RecomputeInput): PlanOut {
  assertRole(w.actor, 'officer', 'admin');
  const prev = getPlanRow(tx, id);
  assertPlanInHand(tx, w, prev);
  if (prev.status !== 'draft') throw new DomainError('INVALID_TRANSITION', `plan ${id} is ${prev.status}; only a draft is recomputed`, { planId: id, status: prev.status });
  const was = prev.inputs;
  const demands = input.demands?.map((d) => ({ ...d, priority: d.priority ?? DISPATCH_POLICY.defaultPriority.value })) ?? was.demands;
  const c = compute(tx, w, config, {
    demands, depotIds: input.depotIds ?? was.depotIds, maxHours: input.maxHours === undefined ? was.maxHours : input.maxHours,
    closedArcs: input.closedArcs ?? was.closedArcs, closedRegions: input.closedRegions ?? was.closedRegions, roadKm: input.roadKm ?? was.roadKm,
  }, prev.familyId);
  tx.update(dispatchPlans).set({ status: 'superseded', closedAt: w.now }).where(eq(dispatchPlans.id, prev.id)).run();
  const row = storePlan(tx, w, c, { eventId: prev.eventId, version: prev.version + 1, previousId: prev.id, familyId: prev.familyId, name: prev.name, note: input.note ?? prev.note });
  writeAudit(tx, w, {
    action: 'dispatch.plan.recompute', entity: 'dispatch_plan', entityId: row.id, regionCode: row.regionCode,
    before: { id: prev.id, version: prev.version, met: prev.met, cost: prev.cost }, after: { id: row.id, version: row.version, met: c.met, cost: c.cost, changed: Object.keys(input) },
  });
  return planOut(tx, w, row);
}

/** An officer drops a draft: its promise on the stock ends. */
export function cancelPlan(tx: DbOrTx, w: WriteCtx, id: number, input: CancelPlanInput): PlanOut {
  assertRole(w.actor, 'officer', 'admin');
  const p = getPlanRow(tx, id);
  assertPlanInHand(tx, w, p);
  if (p.status !== 'draft') throw new DomainError('INVALID_TRANSITION', `plan ${id} is ${p.status}; only a draft is cancelled`, { planId: id, status: p.status });
  const row = tx.update(dispatchPlans).set({ status: 'cancelled', closedAt: w.now, note: input.note ?? p.note }).where(eq(dispatchPlans.id, id)).returning().get();
  writeAudit(tx, w, { action: 'dispatch.plan.cancel', entity: 'dispatch_plan', entityId: id, regionCode: p.regionCode, before: { status: p.status }, after: { status: 'cancelled', note: input.note } });
  return planOut(tx, w, row);
}
