// Reserve targets (储备定额) and adequacy: per depot and item, what it should hold, what it holds
// (usable only), what is on its way to it, and the gap.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, items, reserveStandards, reserveTargets, shipments } from '../../../db/schema/index';
import { readReserveStandardsFile } from '../../../db/seed/stock-reference';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import { assertRole, regionInScope, type ScopeCtx } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { getDepot, getItem } from './ledger';
import { visibleDepotIds } from './queries';
import { adequacy, reserveTargets as targetsFromStandards, standardsFor } from './reserve';
import type { ReserveTargetInput } from './schemas';
import { usableStock } from './usable';

type Depot = typeof depots.$inferSelect;
export interface TargetRow { depotId: number; itemId: number; target: number; basis: 'set' | 'standard'; people: number | null; source: string | null }

let scaleByTier: Record<string, number> | undefined;
// Policy numbers are data: the people a depot of each tier is planned for, when the depot does not say.
function defaultPeople(tier: string): number {
  scaleByTier ??= readReserveStandardsFile().scaleByTier.defaultRelocateCapacityPeople;
  return scaleByTier[tier] ?? 0;
}

/** Targets for the given depots: an officer's figure where set, else the people × the standards. */
export function targetsFor(db: DbOrTx, tree: RegionTree, depotRows: readonly Depot[]): TargetRow[] {
  if (!depotRows.length) return [];
  const standards = db.select().from(reserveStandards).all();
  const itemByCode = new Map(db.select({ id: items.id, code: items.code }).from(items).all().map((i) => [i.code, i.id]));
  const set = db.select().from(reserveTargets).where(inArray(reserveTargets.depotId, depotRows.map((d) => d.id))).all();
  const out = new Map<string, TargetRow>();
  for (const d of depotRows) {
    const people = d.relocateCapacityPeople ?? defaultPeople(d.tier);
    const chain = tree.ancestry(d.regionCode).map((n) => n.code);
    for (const s of targetsFromStandards(people, standardsFor(chain, standards))) {
      const itemId = itemByCode.get(s.itemCode);
      if (itemId !== undefined && s.target > 0) out.set(`${d.id}/${itemId}`, { depotId: d.id, itemId, target: s.target, basis: 'standard', people, source: s.source });
    }
  }
  for (const t of set) out.set(`${t.depotId}/${t.itemId}`, { depotId: t.depotId, itemId: t.itemId, target: t.targetQuantity, basis: 'set', people: null, source: t.note });
  return [...out.values()];
}

export function setReserveTarget(tx: DbOrTx, w: WriteCtx, input: ReserveTargetInput) {
  assertRole(w.actor, 'officer', 'admin');
  const depot = getDepot(tx, input.depotId);
  getItem(tx, input.itemId);
  if (!regionInScope(w.actor, w.tree, depot.regionCode)) throw new DomainError('OUT_OF_SCOPE', 'this depot is outside your area', { depotId: depot.id });
  const before = tx.select().from(reserveTargets).where(and(eq(reserveTargets.depotId, depot.id), eq(reserveTargets.itemId, input.itemId))).get();
  const values = { depotId: depot.id, itemId: input.itemId, targetQuantity: input.targetQuantity, note: input.note ?? null, setBy: w.actor.id || null, setAt: w.now };
  const row = tx.insert(reserveTargets).values(values)
    .onConflictDoUpdate({ target: [reserveTargets.depotId, reserveTargets.itemId], set: values }).returning().get();
  writeAudit(tx, w, { action: 'stock.reserve_target.set', entity: 'reserve_target', entityId: `${depot.id}/${input.itemId}`, regionCode: depot.regionCode, before, after: row });
  return row;
}

function depotsIn(db: DbOrTx, s: ScopeCtx, q: { depotId?: number; regionCode?: string }): Depot[] {
  const ids = visibleDepotIds(db, s, q);
  return ids.length ? db.select().from(depots).where(inArray(depots.id, ids)).all() : [];
}

export function listTargets(db: DbOrTx, s: ScopeCtx, q: { depotId?: number; regionCode?: string }) {
  return targetsFor(db, s.tree, depotsIn(db, s, q));
}

/** GET /api/reserve/adequacy: per depot × item and rolled up to every region inside the query's. */
export function reserveAdequacy(db: DbOrTx, s: ScopeCtx, q: { regionCode?: string; depotId?: number }) {
  const regionCode = q.regionCode ?? (s.actor.role === 'admin' || s.actor.role === 'keeper' ? undefined : s.actor.regionCode);
  const ds = depotsIn(db, s, { ...q, regionCode });
  const depotIds = ds.map((d) => d.id);
  const targets = targetsFor(db, s.tree, ds);
  const onHand = usableStock(db, { depotIds });
  const coming = depotIds.length
    ? db.select({ depotId: shipments.toDepotId, itemId: shipments.itemId, quantity: sql<number>`sum(${shipments.quantity})` }).from(shipments)
      .where(and(eq(shipments.status, 'in_transit'), inArray(shipments.toDepotId, depotIds))).groupBy(shipments.toDepotId, shipments.itemId).all()
    : [];
  const regionOf = new Map(ds.map((d) => [d.id, d.regionCode]));
  const rows = new Map<string, { depotId: number; itemId: number; regionCode: string; target: number; onHand: number; inTransitIn: number }>();
  const row = (depotId: number, itemId: number) => {
    const k = `${depotId}/${itemId}`;
    return rows.get(k) ?? rows.set(k, { depotId, itemId, regionCode: regionOf.get(depotId)!, target: 0, onHand: 0, inTransitIn: 0 }).get(k)!;
  };
  for (const t of targets) row(t.depotId, t.itemId).target = t.target;
  for (const u of onHand) row(u.depotId, u.itemId).onHand = u.quantity;
  for (const c of coming) row(c.depotId!, c.itemId).inTransitIn = Number(c.quantity);
  const top = regionCode ?? null;
  const rollUpInto = (code: string) => s.tree.ancestry(code).map((n) => n.code).filter((c) => top === null || s.tree.isWithin(c, top));
  const result = adequacy([...rows.values()], rollUpInto);
  return { regionCode: top, depots: result.depots.sort((a, b) => a.depotId - b.depotId || a.itemId - b.itemId), regions: result.regions };
}
