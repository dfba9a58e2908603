// Stocktake (盘点): snapshot the book per lot, enter what is on the shelf, and close with an
// adjustment per difference. The depot keeps working meanwhile (a disaster does not wait for a
// count), so each count is compared with the book at the moment it is entered.
import { and, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { items, lots, stockBalances, stocktakeLines, stocktakes } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import type { ScopeCtx } from '../../http/scope';
import { getDepot, lotBalance, lotById, newPostingId, postMovement, readBalance, toMovementOut, type MovementOut } from './ledger';
import { visibleDepotIds } from './queries';
import { assertCanMoveStock } from './service';
import type { StocktakeCountInput, StocktakeOpenInput } from './schemas';

type Stocktake = typeof stocktakes.$inferSelect;

function getOpen(tx: DbOrTx, w: WriteCtx, id: number): Stocktake {
  const st = tx.select().from(stocktakes).where(eq(stocktakes.id, id)).get();
  if (!st) throw notFound('stocktake', id);
  assertCanMoveStock(w, getDepot(tx, st.depotId));
  if (st.status !== 'open') throw new DomainError('INVALID_TRANSITION', 'this stocktake is closed', { stocktakeId: id });
  return st;
}

export function openStocktake(tx: DbOrTx, w: WriteCtx, input: StocktakeOpenInput) {
  const depot = getDepot(tx, input.depotId);
  assertCanMoveStock(w, depot);
  const open = tx.select({ id: stocktakes.id }).from(stocktakes).where(and(eq(stocktakes.depotId, depot.id), eq(stocktakes.status, 'open'))).get();
  if (open) throw new DomainError('CONFLICT', 'a stocktake is already open at this depot', { stocktakeId: open.id });
  const st = tx.insert(stocktakes).values({ depotId: depot.id, status: 'open', note: input.note ?? null, openedBy: w.actor.id || null, openedAt: w.now }).returning().get();
  const held = tx.select().from(stockBalances).where(and(eq(stockBalances.depotId, depot.id), gt(stockBalances.quantity, 0))).all();
  for (const b of held) {
    tx.insert(stocktakeLines).values({ stocktakeId: st.id, lotId: b.lotId, itemId: b.itemId, snapshotQuantity: b.quantity, bookQuantity: b.quantity }).run();
  }
  writeAudit(tx, w, { action: 'stock.stocktake.open', entity: 'stocktake', entityId: st.id, regionCode: depot.regionCode, after: { ...st, lines: held.length } });
  return stocktakeDetail(tx, st.id);
}

/** Enter counted quantities; a lot of this depot not in the snapshot (found goods) gets a line. */
export function countStocktake(tx: DbOrTx, w: WriteCtx, id: number, input: StocktakeCountInput) {
  const st = getOpen(tx, w, id);
  for (const line of input.lines) {
    const lot = tx.select().from(lots).where(eq(lots.id, line.lotId)).get();
    if (!lot || lot.depotId !== st.depotId) throw new DomainError('VALIDATION_FAILED', `lot ${line.lotId} is not held at this depot`, { lotId: line.lotId });
    const book = lotBalance(tx, lot.id);
    const set = { bookQuantity: book, countedQuantity: line.countedQuantity, note: line.note ?? null, countedBy: w.actor.id || null, countedAt: w.now };
    const updated = tx.update(stocktakeLines).set(set).where(and(eq(stocktakeLines.stocktakeId, id), eq(stocktakeLines.lotId, lot.id))).run();
    if (updated.changes === 0) tx.insert(stocktakeLines).values({ stocktakeId: id, lotId: lot.id, itemId: lot.itemId, snapshotQuantity: 0, ...set }).run();
  }
  writeAudit(tx, w, { action: 'stock.stocktake.count', entity: 'stocktake', entityId: id, regionCode: getDepot(tx, st.depotId).regionCode, after: input });
  return stocktakeDetail(tx, id);
}

/** Close: every line counted; one adjustment per difference; 账实相符 when there were none. */
export function closeStocktake(tx: DbOrTx, w: WriteCtx, id: number) {
  const st = getOpen(tx, w, id);
  const lines = tx.select().from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, id)).all();
  const uncounted = lines.filter((l) => l.countedQuantity === null).map((l) => l.lotId);
  if (uncounted.length) throw new DomainError('INVALID_TRANSITION', `${uncounted.length} lots are not counted yet`, { uncountedLotIds: uncounted });
  const postingId = newPostingId();
  const adjustments: MovementOut[] = [];
  for (const l of lines) {
    const diff = l.countedQuantity! - l.bookQuantity;
    if (diff === 0) continue;
    const lot = lotById(tx, l.lotId);
    const held = lotBalance(tx, l.lotId);
    if (held + diff < 0) {
      throw new DomainError('INSUFFICIENT_STOCK', `batch ${lot.batchNo} moved since it was counted; count it again`, { lotId: l.lotId, book: held, adjustment: diff });
    }
    adjustments.push(toMovementOut(postMovement(tx, w, postingId, {
      kind: 'adjustment', depotId: st.depotId, itemId: l.itemId, lotId: l.lotId, quantity: diff, stocktakeId: id,
      note: `盘点 stocktake #${id}: 账面 book ${l.bookQuantity}, 实盘 counted ${l.countedQuantity}${l.note ? ` — ${l.note}` : ''}`,
    }), lot));
  }
  const matched = adjustments.length === 0;
  tx.update(stocktakes).set({ status: 'closed', closedBy: w.actor.id || null, closedAt: w.now, matched }).where(eq(stocktakes.id, id)).run();
  writeAudit(tx, w, { action: 'stock.stocktake.close', entity: 'stocktake', entityId: id, regionCode: getDepot(tx, st.depotId).regionCode, after: { matched, adjustments: adjustments.map((a) => a.id) } });
  const itemIds = [...new Set(adjustments.map((a) => a.itemId))];
  return { ...stocktakeDetail(tx, id), adjustments, balances: itemIds.map((itemId) => readBalance(tx, st.depotId, itemId)) };
}

export function stocktakeDetail(db: DbOrTx, id: number) {
  const st = db.select().from(stocktakes).where(eq(stocktakes.id, id)).get();
  if (!st) throw notFound('stocktake', id);
  const lines = db.select({ l: stocktakeLines, batchNo: lots.batchNo, expiresOn: lots.expiresOn, itemName: items.name, unit: items.unit })
    .from(stocktakeLines).innerJoin(lots, eq(lots.id, stocktakeLines.lotId)).innerJoin(items, eq(items.id, stocktakeLines.itemId))
    .where(eq(stocktakeLines.stocktakeId, id)).orderBy(stocktakeLines.itemId, lots.expiresOn).all()
    .map(({ l, ...rest }) => ({ ...l, ...rest, difference: l.countedQuantity === null ? null : l.countedQuantity - l.bookQuantity }));
  return { ...st, lines };
}

export function getStocktake(db: DbOrTx, s: ScopeCtx, id: number) {
  const detail = stocktakeDetail(db, id);
  visibleDepotIds(db, s, { depotId: detail.depotId });
  return detail;
}

export function listStocktakes(db: DbOrTx, s: ScopeCtx, q: { depotId?: number; status?: Stocktake['status'] }) {
  const depotIds = visibleDepotIds(db, s, q);
  if (!depotIds.length) return [];
  const where: SQL[] = [inArray(stocktakes.depotId, depotIds)];
  if (q.status) where.push(eq(stocktakes.status, q.status));
  return db.select().from(stocktakes).where(and(...where)).orderBy(desc(stocktakes.id)).limit(200).all();
}
