// The ledger's primitives: every change of stock goes through postMovement, which writes the
// immutable movement row and moves the balance projection in the same transaction.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, items, lots, stockBalances, stockMovements, type Lot, type StockMovement } from '../../../db/schema/index';
import type { WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { dayInShanghai, type LotOnHand } from './fefo';

export type MovementKind = StockMovement['kind'];
export type Depot = typeof depots.$inferSelect;
export type Item = typeof items.$inferSelect;

export const newPostingId = () => randomUUID();
export const todayOf = (w: { now: string }) => dayInShanghai(new Date(w.now));

export function getDepot(db: DbOrTx, id: number): Depot {
  const d = db.select().from(depots).where(eq(depots.id, id)).get();
  if (!d) throw notFound('depot', id);
  return d;
}

export function getItem(db: DbOrTx, id: number): Item {
  const i = db.select().from(items).where(eq(items.id, id)).get();
  if (!i) throw notFound('item', id);
  return i;
}

export interface PostLine {
  kind: MovementKind;
  depotId: number;
  itemId: number;
  lotId: number;
  quantity: number;
  shipmentId?: number | null;
  reversesId?: number | null;
  writeoffRequestId?: number | null;
  stocktakeId?: number | null;
  toRegionCode?: string | null;
  note?: string | null;
}

/** Writes one movement and moves its lot's balance; the CHECK on balances refuses a negative. */
export function postMovement(tx: DbOrTx, w: WriteCtx, postingId: string, line: PostLine): StockMovement {
  tx.insert(stockBalances)
    .values({ lotId: line.lotId, depotId: line.depotId, itemId: line.itemId, quantity: line.quantity })
    .onConflictDoUpdate({ target: stockBalances.lotId, set: { quantity: sql`${stockBalances.quantity} + ${line.quantity}` } })
    .run();
  return tx.insert(stockMovements).values({
    postingId, kind: line.kind, depotId: line.depotId, itemId: line.itemId, lotId: line.lotId, quantity: line.quantity,
    shipmentId: line.shipmentId ?? null, reversesId: line.reversesId ?? null, writeoffRequestId: line.writeoffRequestId ?? null,
    stocktakeId: line.stocktakeId ?? null, toRegionCode: line.toRegionCode ?? null, note: line.note ?? null,
    actorId: w.actor.id || null, actorName: w.actor.username, at: w.now,
  }).returning().get();
}

/** Lots of one item at one depot that hold stock, in the shape the FEFO picker reads. */
export function lotsOnHand(db: DbOrTx, depotId: number, itemId: number): LotOnHand[] {
  return db.select({ lotId: lots.id, batchNo: lots.batchNo, expiresOn: lots.expiresOn, quantity: stockBalances.quantity })
    .from(stockBalances).innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .where(and(eq(stockBalances.depotId, depotId), eq(stockBalances.itemId, itemId), gt(stockBalances.quantity, 0)))
    .all();
}

export function lotBalance(db: DbOrTx, lotId: number): number {
  return db.select({ q: stockBalances.quantity }).from(stockBalances).where(eq(stockBalances.lotId, lotId)).get()?.q ?? 0;
}

export interface DepotItemBalance { depotId: number; itemId: number; quantity: number }

export function readBalance(db: DbOrTx, depotId: number, itemId: number): DepotItemBalance {
  const row = db.select({ q: sql<number>`coalesce(sum(${stockBalances.quantity}), 0)` }).from(stockBalances)
    .where(and(eq(stockBalances.depotId, depotId), eq(stockBalances.itemId, itemId))).get();
  return { depotId, itemId, quantity: Number(row?.q ?? 0) };
}

export interface LotFacts {
  batchNo: string;
  expiresOn?: string | null;
  producedOn?: string | null;
  origin?: string | null;
  manufacturer?: string | null;
  qualityGrade?: string | null;
  source: Lot['source'];
  donorId?: number | null;
  originLotId?: number | null;
}

export function findLot(db: DbOrTx, depotId: number, itemId: number, batchNo: string): Lot | undefined {
  return db.select().from(lots).where(and(eq(lots.depotId, depotId), eq(lots.itemId, itemId), eq(lots.batchNo, batchNo))).get();
}

/**
 * The lot for this batch at this depot, created on first receipt. A batch number names one batch,
 * so a second receipt under it with a different expiry is refused rather than silently merged.
 */
export function ensureLot(tx: DbOrTx, w: WriteCtx, depotId: number, itemId: number, facts: LotFacts): Lot {
  const held = findLot(tx, depotId, itemId, facts.batchNo);
  if (held) {
    if (facts.expiresOn !== undefined && (facts.expiresOn ?? null) !== held.expiresOn) {
      throw new DomainError('CONFLICT', `batch ${facts.batchNo} is already recorded here with expiry ${held.expiresOn ?? 'none'}`,
        { batchNo: facts.batchNo, expiresOn: held.expiresOn, given: facts.expiresOn ?? null });
    }
    return held;
  }
  return tx.insert(lots).values({
    depotId, itemId, batchNo: facts.batchNo, expiresOn: facts.expiresOn ?? null, producedOn: facts.producedOn ?? null,
    origin: facts.origin ?? null, manufacturer: facts.manufacturer ?? null, qualityGrade: facts.qualityGrade ?? null,
    source: facts.source, donorId: facts.donorId ?? null, originLotId: facts.originLotId ?? null, receivedAt: w.now,
  }).returning().get();
}

/** A batch number for goods received without one: one per day and expiry, so same-day receipts merge. */
export function autoBatchNo(prefix: string, today: string, expiresOn?: string | null): string {
  const d = (s: string) => s.replaceAll('-', '');
  return `${prefix}${d(today)}${expiresOn ? `-E${d(expiresOn)}` : ''}`;
}

export interface MovementOut {
  id: number;
  postingId: string;
  kind: MovementKind;
  depotId: number;
  itemId: number;
  lotId: number;
  batchNo: string;
  expiresOn: string | null;
  quantity: number;
  shipmentId: number | null;
  reversesId: number | null;
  writeoffRequestId: number | null;
  stocktakeId: number | null;
  toRegionCode: string | null;
  note: string | null;
  actorName: string;
  at: string;
}

export function toMovementOut(m: StockMovement, lot: Pick<Lot, 'batchNo' | 'expiresOn'>): MovementOut {
  return {
    id: m.id, postingId: m.postingId, kind: m.kind, depotId: m.depotId, itemId: m.itemId, lotId: m.lotId,
    batchNo: lot.batchNo, expiresOn: lot.expiresOn, quantity: m.quantity, shipmentId: m.shipmentId, reversesId: m.reversesId,
    writeoffRequestId: m.writeoffRequestId, stocktakeId: m.stocktakeId, toRegionCode: m.toRegionCode, note: m.note,
    actorName: m.actorName, at: m.at,
  };
}

export function lotById(db: DbOrTx, id: number): Lot {
  const lot = db.select().from(lots).where(eq(lots.id, id)).get();
  if (!lot) throw notFound('lot', id);
  return lot;
}
