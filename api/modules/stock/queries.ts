// Reads of the ledger, filtered to what the actor may see.
import { and, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, items, lots, stockBalances, stockMovements } from '../../../db/schema/index';
import { DomainError } from '../../http/errors';
import { assertDepotInScope, type ScopeCtx } from '../../http/scope';
import { classifyExpiry, dayInShanghai } from './fefo';
import { getDepot, toMovementOut, type MovementOut } from './ledger';

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
  const where: SQL[] = [inArray(stockBalances.depotId, depotIds), gt(stockBalances.quantity, 0)];
  if (q.itemId !== undefined) where.push(eq(stockBalances.itemId, q.itemId));
  const rows = db.select({ b: stockBalances, l: lots, warnDays: items.warnDays }).from(stockBalances)
    .innerJoin(lots, eq(lots.id, stockBalances.lotId)).innerJoin(items, eq(items.id, stockBalances.itemId))
    .where(and(...where)).orderBy(stockBalances.depotId, stockBalances.itemId, lots.expiresOn, lots.id).all();
  const out = new Map<string, BalanceOut>();
  for (const { b, l, warnDays } of rows) {
    const key = `${b.depotId}/${b.itemId}`;
    const bal = out.get(key) ?? out.set(key, { depotId: b.depotId, itemId: b.itemId, quantity: 0, usable: 0, expired: 0, lots: [] }).get(key)!;
    const expiry = classifyExpiry(l, today, warnDays);
    bal.quantity += b.quantity;
    if (expiry === 'expired') bal.expired += b.quantity; else bal.usable += b.quantity;
    bal.lots.push({
      lotId: l.id, batchNo: l.batchNo, expiresOn: l.expiresOn, producedOn: l.producedOn, origin: l.origin, manufacturer: l.manufacturer,
      qualityGrade: l.qualityGrade, source: l.source, donorId: l.donorId, receivedAt: l.receivedAt, quantity: b.quantity, expiry,
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
