// The ledger's primitives: every change of stock goes through postMovement, which writes the
// immutable movement row and moves the balance projection in the same transaction.
import { randomUUID } from 'node:crypto';
import { stmt, type DbOrTx } from '../../../db/client';
import type { depots, items, Lot, StockMovement } from '../../../db/schema/index';
import type { WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { dayInShanghai, type LotOnHand } from './fefo';

export type MovementKind = StockMovement['kind'];
export type Depot = typeof depots.$inferSelect;
export type Item = typeof items.$inferSelect;

export const newPostingId = () => randomUUID();
export const todayOf = (w: { now: string }) => dayInShanghai(new Date(w.now));

// The ledger's hot path runs on prepared statements cached per connection (db/client.ts `stmt`):
// building a drizzle query and preparing it anew costs more than the write itself (measured in scripts/bench/stock.ts).
export { stmt };

const DEPOT_COLS = `id, code, name, tier, region_code AS regionCode, lon, lat, capacity_m3 AS capacityM3, address, contact_name AS contactName,
  contact_phone AS contactPhone, relocate_capacity_people AS relocateCapacityPeople, created_at AS createdAt`;
const ITEM_COLS = `id, code, name, name_en AS nameEn, unit, category, catalogue, region_code AS regionCode, weight_kg AS weightKg, volume_m3 AS volumeM3,
  shelf_life_days AS shelfLifeDays, warn_days AS warnDays, spec, source, created_at AS createdAt`;
export const LOT_COLS = `id, depot_id AS depotId, item_id AS itemId, batch_no AS batchNo, expires_on AS expiresOn, produced_on AS producedOn, origin,
  manufacturer, quality_grade AS qualityGrade, source, donor_id AS donorId, origin_lot_id AS originLotId, received_at AS receivedAt`;
export const MOVEMENT_COLS = `id, posting_id AS postingId, kind, depot_id AS depotId, item_id AS itemId, lot_id AS lotId, quantity, shipment_id AS shipmentId,
  reverses_id AS reversesId, writeoff_request_id AS writeoffRequestId, stocktake_id AS stocktakeId, to_region_code AS toRegionCode, note,
  actor_id AS actorId, actor_name AS actorName, at`;

export function getDepot(db: DbOrTx, id: number): Depot {
  const d = stmt(db, `SELECT ${DEPOT_COLS} FROM depots WHERE id = ?`).get(id) as Depot | undefined;
  if (!d) throw notFound('depot', id);
  return d;
}

export function getItem(db: DbOrTx, id: number): Item {
  const i = stmt(db, `SELECT ${ITEM_COLS} FROM items WHERE id = ?`).get(id) as Item | undefined;
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
  // Not an upsert: SQLite checks CHECK constraints on the would-be inserted row before it sees the
  // conflict, so an upsert of a negative quantity would fail even when the balance covers it.
  const moved = stmt(tx, 'UPDATE stock_balances SET quantity = quantity + ? WHERE lot_id = ?').run(line.quantity, line.lotId);
  if (moved.changes === 0) {
    stmt(tx, 'INSERT INTO stock_balances (lot_id, depot_id, item_id, quantity) VALUES (?, ?, ?, ?)').run(line.lotId, line.depotId, line.itemId, line.quantity);
  }
  return stmt(tx, `INSERT INTO stock_movements (posting_id, kind, depot_id, item_id, lot_id, quantity, shipment_id, reverses_id, writeoff_request_id,
      stocktake_id, to_region_code, note, actor_id, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${MOVEMENT_COLS}`).get(
    postingId, line.kind, line.depotId, line.itemId, line.lotId, line.quantity, line.shipmentId ?? null, line.reversesId ?? null,
    line.writeoffRequestId ?? null, line.stocktakeId ?? null, line.toRegionCode ?? null, line.note ?? null, w.actor.id || null, w.actor.username, w.now,
  ) as StockMovement;
}

/** Lots of one item at one depot that hold stock, in the shape the FEFO picker reads. */
export function lotsOnHand(db: DbOrTx, depotId: number, itemId: number): LotOnHand[] {
  return stmt(db, `SELECT l.id AS lotId, l.batch_no AS batchNo, l.expires_on AS expiresOn, b.quantity FROM stock_balances b
    JOIN lots l ON l.id = b.lot_id WHERE b.depot_id = ? AND b.item_id = ? AND b.quantity > 0`).all(depotId, itemId) as LotOnHand[];
}

export function lotBalance(db: DbOrTx, lotId: number): number {
  return (stmt(db, 'SELECT quantity FROM stock_balances WHERE lot_id = ?').get(lotId) as { quantity: number } | undefined)?.quantity ?? 0;
}

export interface DepotItemBalance { depotId: number; itemId: number; quantity: number }

export function readBalance(db: DbOrTx, depotId: number, itemId: number): DepotItemBalance {
  const row = stmt(db, 'SELECT coalesce(sum(quantity), 0) AS q FROM stock_balances WHERE depot_id = ? AND item_id = ?').get(depotId, itemId) as { q: number };
  return { depotId, itemId, quantity: Number(row.q) };
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
  return stmt(db, `SELECT ${LOT_COLS} FROM lots WHERE depot_id = ? AND item_id = ? AND batch_no = ?`).get(depotId, itemId, batchNo) as Lot | undefined;
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
  return stmt(tx, `INSERT INTO lots (depot_id, item_id, batch_no, expires_on, produced_on, origin, manufacturer, quality_grade, source, donor_id,
      origin_lot_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${LOT_COLS}`).get(
    depotId, itemId, facts.batchNo, facts.expiresOn ?? null, facts.producedOn ?? null, facts.origin ?? null, facts.manufacturer ?? null,
    facts.qualityGrade ?? null, facts.source, facts.donorId ?? null, facts.originLotId ?? null, w.now,
  ) as Lot;
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
  const lot = stmt(db, `SELECT ${LOT_COLS} FROM lots WHERE id = ?`).get(id) as Lot | undefined;
  if (!lot) throw notFound('lot', id);
  return lot;
}
