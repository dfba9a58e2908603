// Recording stock movements: receipts, issues, write-offs, adjustments, transfers, reversals, and
// the dispatch module's two entry points (dispatchToRegion, usableStock).
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { donors, lots, shipments, stockMovements, type Shipment, type StockMovement } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertAncestorOfficer, assertDepotInScope, assertRole } from '../../http/scope';
import { pickLotsFefo, pickLotsForDisposal, type FefoPick } from './fefo';
import {
  autoBatchNo, ensureLot, findLot, getDepot, getItem, lotBalance, lotById, lotsOnHand, newPostingId, postMovement, readBalance,
  todayOf, toMovementOut, type Depot, type MovementOut,
} from './ledger';
import type { MovementInput } from './schemas';
import { insertShipment, shipmentLots, toShipmentOut, type ShipmentOut } from './shipments';

export { usableStock } from './usable';
export { receiveShipment, listShipments, getShipment } from './shipments';

export interface MovementResult {
  movement: MovementOut;
  movements: MovementOut[];
  balance: { depotId: number; itemId: number; quantity: number };
  shipment?: ShipmentOut;
}

/** Keepers on their own depots, officers and admins in their area; others are refused. */
export function assertCanMoveStock(w: WriteCtx, depot: Depot) {
  assertRole(w.actor, 'keeper', 'officer', 'admin');
  assertDepotInScope(w, depot);
}

function insufficient(pick: Extract<FefoPick, { shortBy: number }>, requested: number, depotId: number, itemId: number, batchNo?: string): never {
  throw new DomainError('INSUFFICIENT_STOCK', `only ${pick.available} usable in stock, ${requested} requested`,
    { depotId, itemId, batchNo: batchNo ?? null, available: pick.available, requested, shortBy: pick.shortBy });
}

interface PostExtras { writeoffRequestId?: number; stocktakeId?: number }

/** POST /api/stock/movements: one posting, possibly over several lots (FEFO), in the caller's transaction. */
export function recordMovement(tx: DbOrTx, w: WriteCtx, input: MovementInput, extras: PostExtras = {}): MovementResult {
  const depot = getDepot(tx, input.depotId);
  getItem(tx, input.itemId);
  assertCanMoveStock(w, depot);
  const postingId = newPostingId();
  const today = todayOf(w);
  const out: MovementOut[] = [];
  let shipment: Shipment | undefined;
  const post = (kind: StockMovement['kind'], lotId: number, quantity: number, more: { shipmentId?: number; toRegionCode?: string } = {}) => {
    const lot = lotById(tx, lotId);
    out.push(toMovementOut(postMovement(tx, w, postingId, {
      kind, depotId: depot.id, itemId: input.itemId, lotId, quantity, note: input.note ?? null, ...extras, ...more,
    }), lot));
  };

  switch (input.kind) {
    case 'receipt': {
      if (input.donorId !== undefined && !tx.select({ id: donors.id }).from(donors).where(eq(donors.id, input.donorId)).get()) {
        throw notFound('donor', input.donorId);
      }
      const lot = ensureLot(tx, w, depot.id, input.itemId, {
        batchNo: input.batchNo ?? autoBatchNo('R', today, input.expiresOn), expiresOn: input.expiresOn ?? (input.batchNo ? undefined : null),
        producedOn: input.producedOn, origin: input.origin, manufacturer: input.manufacturer, qualityGrade: input.qualityGrade,
        source: input.source ?? 'purchase', donorId: input.donorId,
      });
      post('receipt', lot.id, input.quantity);
      break;
    }
    case 'issue': {
      if (input.toRegionCode !== undefined && !w.tree.has(input.toRegionCode)) throw notFound('region', input.toRegionCode);
      const pick = pickLotsFefo(lotsOnHand(tx, depot.id, input.itemId), input.quantity, today, { batchNo: input.batchNo });
      if ('shortBy' in pick) insufficient(pick, input.quantity, depot.id, input.itemId, input.batchNo);
      for (const t of pick.takes) post('issue', t.lotId, -t.quantity, { toRegionCode: input.toRegionCode });
      break;
    }
    case 'writeoff': {
      // Scrapping needs approval (domain.md §5): posted directly only by the approver, an officer above
      // the depot's region (or an admin); a keeper asks through /api/stock/writeoff-requests.
      if (extras.writeoffRequestId === undefined) {
        if (w.actor.role === 'keeper') throw new DomainError('FORBIDDEN_ROLE', 'a keeper requests a write-off (POST /api/stock/writeoff-requests); an officer approves it', { role: 'keeper' });
        assertAncestorOfficer(w, depot.regionCode);
      }
      const pick = pickLotsForDisposal(lotsOnHand(tx, depot.id, input.itemId), input.quantity, { batchNo: input.batchNo });
      if ('shortBy' in pick) insufficient(pick, input.quantity, depot.id, input.itemId, input.batchNo);
      for (const t of pick.takes) post('writeoff', t.lotId, -t.quantity);
      break;
    }
    case 'adjustment': {
      if (input.quantity > 0) post('adjustment', adjustmentLot(tx, w, depot.id, input.itemId, input.batchNo, today), input.quantity);
      else {
        const pick = pickLotsForDisposal(lotsOnHand(tx, depot.id, input.itemId), -input.quantity, { batchNo: input.batchNo });
        if ('shortBy' in pick) insufficient(pick, -input.quantity, depot.id, input.itemId, input.batchNo);
        for (const t of pick.takes) post('adjustment', t.lotId, -t.quantity);
      }
      break;
    }
    case 'transfer': {
      const to = getDepot(tx, input.toDepotId);
      const pick = pickLotsFefo(lotsOnHand(tx, depot.id, input.itemId), input.quantity, today, { batchNo: input.batchNo });
      if ('shortBy' in pick) insufficient(pick, input.quantity, depot.id, input.itemId, input.batchNo);
      shipment = insertShipment(tx, w, {
        kind: 'transfer', fromDepotId: depot.id, toDepotId: to.id, itemId: input.itemId, quantity: input.quantity,
        lots: shipmentLots(tx, pick.takes), note: input.note ?? null,
      });
      for (const t of pick.takes) post('transfer', t.lotId, -t.quantity, { shipmentId: shipment.id });
      break;
    }
  }
  const result: MovementResult = { movement: out[0], movements: out, balance: readBalance(tx, depot.id, input.itemId) };
  if (shipment) result.shipment = toShipmentOut(shipment);
  writeAudit(tx, w, { action: `stock.movement.${input.kind}`, entity: 'stock_posting', entityId: postingId, regionCode: depot.regionCode, after: { input: { ...input }, movements: out.map((m) => m.id), shipmentId: shipment?.id } });
  return result;
}

// A surplus lands in the named batch (created if new), else in the most recently received batch.
function adjustmentLot(tx: DbOrTx, w: WriteCtx, depotId: number, itemId: number, batchNo: string | undefined, today: string): number {
  if (batchNo) return (findLot(tx, depotId, itemId, batchNo) ?? ensureLot(tx, w, depotId, itemId, { batchNo, source: 'purchase' })).id;
  const latest = tx.select({ id: lots.id }).from(lots).where(and(eq(lots.depotId, depotId), eq(lots.itemId, itemId))).orderBy(desc(lots.id)).limit(1).get();
  return latest?.id ?? ensureLot(tx, w, depotId, itemId, { batchNo: autoBatchNo('ADJ', today), expiresOn: null, source: 'purchase' }).id;
}

const NOT_REVERSIBLE_KINDS: Partial<Record<StockMovement['kind'], string>> = {
  reversal: 'a reversal cannot itself be reversed; post a new movement instead',
  transfer_in: 'a delivery booked from a shipment is final; correct it with a stocktake adjustment',
  dispatch: 'a dispatch belongs to its plan; the dispatch module cancels it',
};

/**
 * POST /api/stock/movements/:id/reverse: posts the opposite of every movement of the same posting
 * (an issue that took two lots is undone as a whole). A transfer is reversible only while its
 * shipment is in transit; reversing it cancels the shipment.
 */
export function reverseMovement(tx: DbOrTx, w: WriteCtx, id: number, note?: string): MovementResult {
  const original = tx.select().from(stockMovements).where(eq(stockMovements.id, id)).get();
  if (!original) throw notFound('movement', id);
  const depot = getDepot(tx, original.depotId);
  assertCanMoveStock(w, depot);
  const why = NOT_REVERSIBLE_KINDS[original.kind] ?? (original.reversesId != null ? NOT_REVERSIBLE_KINDS.reversal : undefined);
  if (why) throw new DomainError('NOT_REVERSIBLE', why, { movementId: id, kind: original.kind });
  if (original.kind === 'writeoff' && w.actor.role === 'keeper') {
    throw new DomainError('FORBIDDEN_ROLE', 'an approved write-off is reversed by an officer', { movementId: id });
  }
  const group = tx.select().from(stockMovements).where(eq(stockMovements.postingId, original.postingId)).all();
  const reversed = tx.select({ id: stockMovements.reversesId }).from(stockMovements)
    .where(inArray(stockMovements.reversesId, group.map((m) => m.id))).all();
  if (reversed.length) throw new DomainError('ALREADY_REVERSED', 'this movement has already been reversed', { movementId: id });

  let shipment: Shipment | undefined;
  if (original.kind === 'transfer') {
    const s = tx.select().from(shipments).where(eq(shipments.id, original.shipmentId!)).get()!;
    if (s.status !== 'in_transit') throw new DomainError('NOT_REVERSIBLE', `the shipment is already ${s.status}; send the goods back with a new transfer`, { shipmentId: s.id, status: s.status });
    shipment = tx.update(shipments).set({ status: 'cancelled', receiveNote: note ?? 'reversed' }).where(eq(shipments.id, s.id)).returning().get();
  }
  for (const m of group) {
    if (m.quantity < 0) continue;
    const held = lotBalance(tx, m.lotId);
    if (held < m.quantity) {
      throw new DomainError('INSUFFICIENT_STOCK', `batch ${lotById(tx, m.lotId).batchNo} holds ${held}; ${m.quantity} of it cannot be taken back`,
        { movementId: m.id, lotId: m.lotId, available: held, requested: m.quantity });
    }
  }
  const postingId = newPostingId();
  const out = group.map((m) => toMovementOut(postMovement(tx, w, postingId, {
    kind: 'reversal', depotId: m.depotId, itemId: m.itemId, lotId: m.lotId, quantity: -m.quantity, reversesId: m.id,
    shipmentId: m.shipmentId, note: note ?? `冲正 reverses movement ${m.id}`,
  }), lotById(tx, m.lotId)));
  const result: MovementResult = { movement: out[0], movements: out, balance: readBalance(tx, depot.id, original.itemId) };
  if (shipment) result.shipment = toShipmentOut(shipment);
  writeAudit(tx, w, { action: 'stock.movement.reverse', entity: 'stock_posting', entityId: postingId, regionCode: depot.regionCode, before: { movements: group.map((m) => m.id) }, after: { movements: out.map((m) => m.id), note } });
  return result;
}

export interface DispatchInput {
  depotId: number;
  itemId: number;
  quantity: number;
  toRegionCode: string;
  planId: number;
  /** The goods must still be usable on this day (YYYY-MM-DD), e.g. the arrival day. */
  usableAfter?: string;
  etaAt?: string | null;
}

/**
 * Used by the dispatch module when a plan is approved, inside ITS transaction (the caller checks the
 * actor's right to approve): takes the quantity from the depot FEFO (never expired, nothing that
 * expires before `usableAfter`), posts `dispatch` movements linked to a new shipment in transit to
 * the region, and throws DomainError INSUFFICIENT_STOCK (nothing written by this call) when short.
 * Signature kept stable for the dispatch module.
 */
export function dispatchToRegion(tx: DbOrTx, w: WriteCtx, input: DispatchInput): { shipment: ShipmentOut; movements: MovementOut[] } {
  const depot = getDepot(tx, input.depotId);
  getItem(tx, input.itemId);
  if (!w.tree.has(input.toRegionCode)) throw notFound('region', input.toRegionCode);
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) throw new DomainError('VALIDATION_FAILED', 'quantity must be a positive integer', { quantity: input.quantity });
  const pick = pickLotsFefo(lotsOnHand(tx, depot.id, input.itemId), input.quantity, todayOf(w), { usableAfter: input.usableAfter });
  if ('shortBy' in pick) insufficient(pick, input.quantity, depot.id, input.itemId);
  const shipment = insertShipment(tx, w, {
    kind: 'dispatch', fromDepotId: depot.id, toRegionCode: input.toRegionCode, itemId: input.itemId, quantity: input.quantity,
    planId: input.planId, lots: shipmentLots(tx, pick.takes), etaAt: input.etaAt ?? null,
  });
  const postingId = newPostingId();
  const movements = pick.takes.map((t) => toMovementOut(postMovement(tx, w, postingId, {
    kind: 'dispatch', depotId: depot.id, itemId: input.itemId, lotId: t.lotId, quantity: -t.quantity,
    shipmentId: shipment.id, toRegionCode: input.toRegionCode, note: `调拨方案 plan ${input.planId}`,
  }), lotById(tx, t.lotId)));
  writeAudit(tx, w, { action: 'stock.dispatch', entity: 'shipment', entityId: shipment.id, regionCode: depot.regionCode, after: { ...input, movements: movements.map((m) => m.id) } });
  return { shipment: toShipmentOut(shipment), movements };
}
