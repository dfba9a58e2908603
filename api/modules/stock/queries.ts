// Reads of the ledger, filtered to what the actor may see.
import { and, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, items, lots, stockBalances, stockMovements, type Lot } from '../../../db/schema/index';
import { DomainError } from '../../http/errors';
import { assertDepotInScope, type ScopeCtx } from '../../http/scope';
import { classifyExpiry, dayInShanghai } from './fefo';
import { getDepot, stmt, toMovementOut, type MovementOut } from './ledger';

/** The depots whose stock the actor may read, narrowed by the query; a named depot outside scope is a 403. */
export function visibleDepotIds(db: DbOrTx, s: ScopeCtx, q: { depotId?: number; regionCode?: string }): number[] {
  if (q.depotId !== undefined) {
    assertDepotInScope(s, getDepot(db, q.depotId));
    return [q.depotId];
  }
  if (q.regionCode !== undefined && !s.tree.has(q.regionCode)) throw new DomainError('NOT_FOUND', 'region not found', { regionCode: q.regionCode });
  const all = db.select({ id: depots.id, regionCode: depots.regionCode }).from(depots).all();
  return all.filter((d) => {
    if (q.regionCode && !s.tree.isWithin(d.regionCode, q.regionCode)) return false;
    if (s.actor.role === 'admin') return true;
    if (s.actor.role === 'keeper') return s.actor.depotIds.includes(d.id);
    return s.tree.isWithin(d.regionCode, s.actor.regionCode);
  }).map((d) => d.id);
}

export interface LotOut {
  lotId: number; batchNo: string; expiresOn: string | null; producedOn: string | null; origin: string | null;
  manufacturer: string | null; qualityGrade: string | null; source: string; donorId: number | null; receivedAt: string;
  quantity: number; expiry: 'expired' | 'expiring' | 'ok';
}
export interface BalanceOut { depotId: number; itemId: number; quantity: number; usable: number; expired: number; lots: LotOut[] }

/** GET /api/stock: per depot and item, the quantity and its lots (expired lots listed and flagged). */
export function stockOnHand(db: DbOrTx, s: ScopeCtx, q: { depotId?: number; itemId?: number; regionCode?: string }, today = dayInShanghai()): BalanceOut[] {
  const depotIds = visibleDepotIds(db, s, q);
  if (!depotIds.length) return [];
  // One cached statement whatever the number of depots: the list goes in as JSON.
  const rows = stmt(db, `SELECT b.depot_id AS depotId, b.item_id AS itemId, b.quantity, i.warn_days AS warnDays, l.id, l.batch_no AS batchNo,
      l.expires_on AS expiresOn, l.produced_on AS producedOn, l.origin, l.manufacturer, l.quality_grade AS qualityGrade, l.source,
      l.donor_id AS donorId, l.received_at AS receivedAt
    FROM stock_balances b JOIN lots l ON l.id = b.lot_id JOIN items i ON i.id = b.item_id
    WHERE b.depot_id IN (SELECT value FROM json_each(?)) AND b.quantity > 0 AND (? IS NULL OR b.item_id = ?)
    ORDER BY b.depot_id, b.item_id`).all(JSON.stringify(depotIds), q.itemId ?? null, q.itemId ?? null) as (Lot & { quantity: number; warnDays: number | null })[];
  const out = new Map<string, BalanceOut>();
  for (const l of rows) {
    const key = `${l.depotId}/${l.itemId}`;
    const bal = out.get(key) ?? out.set(key, { depotId: l.depotId, itemId: l.itemId, quantity: 0, usable: 0, expired: 0, lots: [] }).get(key)!;
    const expiry = classifyExpiry(l, today, l.warnDays);
    bal.quantity += l.quantity;
    if (expiry === 'expired') bal.expired += l.quantity; else bal.usable += l.quantity;
    bal.lots.push({
      lotId: l.id, batchNo: l.batchNo, expiresOn: l.expiresOn, producedOn: l.producedOn, origin: l.origin, manufacturer: l.manufacturer,
      qualityGrade: l.qualityGrade, source: l.source, donorId: l.donorId, receivedAt: l.receivedAt, quantity: l.quantity, expiry,
    });
  }
  // Asked about one depot and item: answer with a zero balance rather than nothing.
  if (q.depotId !== undefined && q.itemId !== undefined && out.size === 0) {
    return [{ depotId: q.depotId, itemId: q.itemId, quantity: 0, usable: 0, expired: 0, lots: [] }];
  }
  // Lots sort oldest-expiry first with undated lots last, as FEFO takes them.
  for (const b of out.values()) b.lots.sort((x, y) => (x.expiresOn ?? '9999') < (y.expiresOn ?? '9999') ? -1 : (x.expiresOn ?? '9999') > (y.expiresOn ?? '9999') ? 1 : x.lotId - y.lotId);
  return [...out.values()];
}

export interface MovementQuery { depotId?: number; itemId?: number; lotId?: number; shipmentId?: number; kind?: string; beforeId?: number; limit?: number; regionCode?: string }

/** GET /api/stock/movements: newest first, paged by `beforeId`. */
export function listMovements(db: DbOrTx, s: ScopeCtx, q: MovementQuery): MovementOut[] {
  const depotIds = visibleDepotIds(db, s, q);
  if (!depotIds.length) return [];
  const where: SQL[] = [inArray(stockMovements.depotId, depotIds)];
  if (q.itemId !== undefined) where.push(eq(stockMovements.itemId, q.itemId));
  if (q.lotId !== undefined) where.push(eq(stockMovements.lotId, q.lotId));
  if (q.shipmentId !== undefined) where.push(eq(stockMovements.shipmentId, q.shipmentId));
  if (q.kind !== undefined) where.push(eq(stockMovements.kind, q.kind as MovementOut['kind']));
  if (q.beforeId !== undefined) where.push(lt(stockMovements.id, q.beforeId));
  return db.select({ m: stockMovements, batchNo: lots.batchNo, expiresOn: lots.expiresOn }).from(stockMovements)
    .innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .where(and(...where)).orderBy(desc(stockMovements.id)).limit(q.limit ?? 200).all()
    .map(({ m, batchNo, expiresOn }) => toMovementOut(m, { batchNo, expiresOn }));
}

/** One batch with its label facts (批次标签): item, depot, quantity on hand. */
export function lotDetail(db: DbOrTx, s: ScopeCtx, id: number, today = dayInShanghai()) {
  const lot = db.select().from(lots).where(eq(lots.id, id)).get();
  if (!lot) throw new DomainError('NOT_FOUND', 'lot not found', { lotId: id });
  visibleDepotIds(db, s, { depotId: lot.depotId });
  const item = db.select().from(items).where(eq(items.id, lot.itemId)).get()!;
  const depot = getDepot(db, lot.depotId);
  const quantity = db.select({ q: stockBalances.quantity }).from(stockBalances).where(eq(stockBalances.lotId, id)).get()?.q ?? 0;
  return {
    ...lot, quantity, expiry: classifyExpiry(lot, today, item.warnDays),
    item: { id: item.id, code: item.code, name: item.name, unit: item.unit, spec: item.spec },
    depot: { id: depot.id, code: depot.code, name: depot.name },
  };
}
