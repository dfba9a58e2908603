// Who may see and act on a dispatch plan. A plan belongs to the regions it sends to and the depots
// it draws on: reading needs one of them in your area; changing or approving it needs all of them.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, dispatchFlows, dispatchPlans, type DispatchPlan } from '../../../db/schema/index';
import { DomainError, notFound } from '../../http/errors';
import { regionInScope, type ScopeCtx } from '../../http/scope';
import type { RegionTree } from '../regions/tree';

export function getPlanRow(db: DbOrTx, id: number): DispatchPlan {
  const row = db.select().from(dispatchPlans).where(eq(dispatchPlans.id, id)).get();
  if (!row) throw notFound('plan', id);
  return row;
}

const demandRegions = (p: DispatchPlan) => [...new Set(p.inputs.demands.map((d) => d.regionCode))];

export function planVisible(s: ScopeCtx, p: DispatchPlan): boolean {
  if (s.actor.role === 'admin') return true;
  return regionInScope(s.actor, s.tree, p.regionCode) || demandRegions(p).some((code) => regionInScope(s.actor, s.tree, code));
}

export function visiblePlan(db: DbOrTx, s: ScopeCtx, id: number): DispatchPlan {
  const p = getPlanRow(db, id);
  if (!planVisible(s, p)) throw new DomainError('OUT_OF_SCOPE', 'this plan lies outside your area', { planId: id, yourRegion: s.actor.regionCode });
  return p;
}

/** Every region the plan sends to and every depot it may draw on must lie in the actor's area. */
export function assertPlanInHand(db: DbOrTx, s: ScopeCtx, p: DispatchPlan) {
  if (s.actor.role === 'admin') return;
  const outside = demandRegions(p).filter((code) => !regionInScope(s.actor, s.tree, code));
  const depotRows = p.inputs.depotIds.length
    ? db.select({ id: depots.id, regionCode: depots.regionCode }).from(depots).where(inArray(depots.id, p.inputs.depotIds)).all() : [];
  const farDepots = depotRows.filter((d) => !regionInScope(s.actor, s.tree, d.regionCode)).map((d) => d.id);
  if (outside.length || farDepots.length) {
    throw new DomainError('OUT_OF_SCOPE', 'this plan reaches outside your area', { planId: p.id, regions: outside.slice(0, 20), depotIds: farDepots.slice(0, 20) });
  }
}

/** The smallest region containing every code (the plan's home region). */
export function commonAncestor(tree: RegionTree, codes: readonly string[]): string {
  let chain = tree.ancestry(codes[0]).map((n) => n.code);
  for (const code of codes.slice(1)) {
    const up = new Set(tree.ancestry(code).map((n) => n.code));
    chain = chain.filter((c) => up.has(c));
  }
  return chain[0] ?? codes[0].slice(0, 2);
}

/** Stock other current drafts have promised, per `${depotId}|${itemId}` (a family does not compete with itself). */
export function promisedStock(db: DbOrTx, exceptFamily: number | null): Map<string, number> {
  const rows = db.select({ depotId: dispatchFlows.depotId, itemId: dispatchFlows.itemId, quantity: sql<number>`sum(${dispatchFlows.quantity})` })
    .from(dispatchFlows).innerJoin(dispatchPlans, eq(dispatchPlans.id, dispatchFlows.planId))
    .where(and(eq(dispatchPlans.status, 'draft'), exceptFamily === null ? undefined : ne(dispatchPlans.familyId, exceptFamily)))
    .groupBy(dispatchFlows.depotId, dispatchFlows.itemId).all();
  return new Map(rows.map((r) => [`${r.depotId}|${r.itemId}`, Number(r.quantity)]));
}
