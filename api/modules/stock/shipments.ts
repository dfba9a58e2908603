// Goods on the road. A shipment is filled by out-movements (transfer, dispatch) and, once received,
// emptied by arrivals into the destination depot (transfer_in) plus recorded transit losses.
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, lots, shipments, transitLosses, type Shipment, type ShipmentLot } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertDepotInScope, regionInScope, type ScopeCtx } from '../../http/scope';
import type { Actor } from '../../context';
import type { RegionTree } from '../regions/tree';
import { ensureLot, findLot, getDepot, lotById, newPostingId, postMovement, toMovementOut, type MovementOut } from './ledger';
import type { ReceiveShipmentInput } from './schemas';

export interface ShipmentOut extends Omit<Shipment, 'photo' | 'sentBy' | 'receivedBy'> {
  hasPhoto: boolean;
  photo?: string | null;
}

export function toShipmentOut(s: Shipment, withPhoto = false): ShipmentOut {
  const { photo, sentBy: _s, receivedBy: _r, ...rest } = s;
  return withPhoto ? { ...rest, hasPhoto: photo != null, photo } : { ...rest, hasPhoto: photo != null };
}

export function getShipmentRow(db: DbOrTx, id: number): Shipment {
  const s = db.select().from(shipments).where(eq(shipments.id, id)).get();
  if (!s) throw notFound('shipment', id);
  return s;
}

export interface NewShipment {
  kind: 'transfer' | 'dispatch';
  fromDepotId: number;
  toDepotId?: number | null;
  toRegionCode?: string | null;
  itemId: number;
  quantity: number;
  planId?: number | null;
  lots: ShipmentLot[];
  etaAt?: string | null;
  note?: string | null;
}

export function insertShipment(tx: DbOrTx, w: WriteCtx, s: NewShipment): Shipment {
  return tx.insert(shipments).values({
    kind: s.kind, fromDepotId: s.fromDepotId, toDepotId: s.toDepotId ?? null, toRegionCode: s.toRegionCode ?? null,
    itemId: s.itemId, quantity: s.quantity, status: 'in_transit', planId: s.planId ?? null, lots: s.lots,
    note: s.note ?? null, sentBy: w.actor.id || null, sentAt: w.now, etaAt: s.etaAt ?? null,
  }).returning().get();
}

/** The facts of the lots a shipment takes, frozen into the shipment so the receiver can book them. */
export function shipmentLots(db: DbOrTx, takes: readonly { lotId: number; quantity: number }[]): ShipmentLot[] {
  return takes.map((t) => {
    const lot = lotById(db, t.lotId);
    return { lotId: lot.id, batchNo: lot.batchNo, expiresOn: lot.expiresOn, producedOn: lot.producedOn, quantity: t.quantity };
  });
}

/** Who may book a delivery: the destination depot's people, or for a region its township staff and officers. */
function assertCanReceive(w: WriteCtx, s: Shipment, db: DbOrTx) {
  if (s.toDepotId != null) {
    if (!['keeper', 'officer', 'admin'].includes(w.actor.role)) throw new DomainError('FORBIDDEN_ROLE', 'a depot delivery is booked by its keeper or an officer', { role: w.actor.role });
    assertDepotInScope(w, getDepot(db, s.toDepotId));
    return;
  }
  if (!['reporter', 'officer', 'admin'].includes(w.actor.role)) throw new DomainError('FORBIDDEN_ROLE', 'a delivery to a region is booked by its township staff or an officer', { role: w.actor.role });
  if (!regionInScope(w.actor, w.tree, s.toRegionCode!)) {
    throw new DomainError('OUT_OF_SCOPE', 'this delivery goes to a region outside your area', { toRegionCode: s.toRegionCode });
  }
}

const DEFAULT_DAMAGE_REASON = '运输途中损坏 damaged in transit';
const DEFAULT_MISSING_REASON = '到货短少 short on arrival';

/**
 * Proof of delivery. The good quantity enters the destination depot in the batches sent (their expiry
 * kept); damaged goods and any shortfall become transit losses. Which batches the losses came from is
 * not known on the road, so the good goods are taken to be the earliest-expiring ones sent.
 */
export function receiveShipment(tx: DbOrTx, w: WriteCtx, id: number, input: ReceiveShipmentInput) {
  const s = getShipmentRow(tx, id);
  assertCanReceive(w, s, tx);
  if (s.status !== 'in_transit') throw new DomainError('INVALID_TRANSITION', `this shipment is ${s.status}, not in transit`, { status: s.status });
  const damaged = input.damagedQuantity ?? 0;
  const missing = s.quantity - input.receivedQuantity - damaged;
  if (missing < 0) {
    throw new DomainError('VALIDATION_FAILED', 'received and damaged together exceed what was sent',
      { sent: s.quantity, receivedQuantity: input.receivedQuantity, damagedQuantity: damaged });
  }
  const postingId = newPostingId();
  const movements: MovementOut[] = [];
  let good = input.receivedQuantity, broken = damaged, short = missing;
  for (const part of s.lots) {
    let left = part.quantity;
    const g = Math.min(left, good); left -= g; good -= g;
    const d = Math.min(left, broken); left -= d; broken -= d;
    const m = Math.min(left, short); left -= m; short -= m;
    if (g > 0 && s.toDepotId != null) {
      const lot = arrivalLot(tx, w, s, part);
      movements.push(toMovementOut(postMovement(tx, w, postingId, {
        kind: 'transfer_in', depotId: s.toDepotId, itemId: s.itemId, lotId: lot.id, quantity: g, shipmentId: s.id, note: input.note,
      }), lot));
    }
    if (d > 0) recordLoss(tx, w, s, part.lotId, 'damaged', d, input.lossReason ?? DEFAULT_DAMAGE_REASON);
    if (m > 0) recordLoss(tx, w, s, part.lotId, 'missing', m, input.lossReason ?? DEFAULT_MISSING_REASON);
  }
  const updated = tx.update(shipments).set({
    status: 'received', receivedAt: w.now, receivedQuantity: input.receivedQuantity, damagedQuantity: damaged,
    receiverName: input.receiverName ?? w.actor.username, receivedBy: w.actor.id || null, photo: input.photo ?? null,
    lon: input.lon ?? null, lat: input.lat ?? null, receiveNote: input.note ?? null,
  }).where(and(eq(shipments.id, s.id), eq(shipments.status, 'in_transit'))).returning().get();
  const losses = tx.select().from(transitLosses).where(eq(transitLosses.shipmentId, s.id)).all();
  const out = toShipmentOut(updated);
  writeAudit(tx, w, {
    action: 'stock.shipment.receive', entity: 'shipment', entityId: s.id, regionCode: s.toRegionCode ?? getDepot(tx, s.toDepotId!).regionCode,
    before: { status: s.status }, after: { ...out, losses: losses.map((l) => ({ kind: l.kind, quantity: l.quantity, reason: l.reason })) },
  });
  return { shipment: out, movements, losses };
}

// The same batch keeps its number and expiry at the destination; if that number is already used
// there for a different expiry, the arrival gets its own lot rather than merging two batches.
function arrivalLot(tx: DbOrTx, w: WriteCtx, s: Shipment, part: ShipmentLot) {
  const src = lotById(tx, part.lotId);
  const facts = {
    expiresOn: src.expiresOn, producedOn: src.producedOn, origin: src.origin, manufacturer: src.manufacturer,
    qualityGrade: src.qualityGrade, source: 'transfer' as const, donorId: src.donorId, originLotId: src.id,
  };
  const held = findLot(tx, s.toDepotId!, s.itemId, src.batchNo);
  const batchNo = held && held.expiresOn !== src.expiresOn ? `${src.batchNo}#S${s.id}` : src.batchNo;
  return ensureLot(tx, w, s.toDepotId!, s.itemId, { batchNo, ...facts });
}

function recordLoss(tx: DbOrTx, w: WriteCtx, s: Shipment, lotId: number, kind: 'damaged' | 'missing', quantity: number, reason: string) {
  tx.insert(transitLosses).values({ shipmentId: s.id, itemId: s.itemId, lotId, kind, quantity, reason, actorId: w.actor.id || null, at: w.now }).run();
}

export interface ShipmentFilter { status?: string; planId?: number; depotId?: number; itemId?: number; toRegionCode?: string; limit?: number }

/** Shipments the actor may see: from or to their depots (keepers), else touching their region. */
export function listShipments(db: DbOrTx, s: ScopeCtx, f: ShipmentFilter): ShipmentOut[] {
  const where: SQL[] = [];
  if (f.status) where.push(eq(shipments.status, f.status as Shipment['status']));
  if (f.planId) where.push(eq(shipments.planId, f.planId));
  if (f.itemId) where.push(eq(shipments.itemId, f.itemId));
  if (f.toRegionCode) where.push(eq(shipments.toRegionCode, f.toRegionCode));
  if (f.depotId) where.push(or(eq(shipments.fromDepotId, f.depotId), eq(shipments.toDepotId, f.depotId))!);
  if (s.actor.role === 'keeper') {
    const mine = s.actor.depotIds.length ? s.actor.depotIds : [-1];
    where.push(or(inArray(shipments.fromDepotId, mine), inArray(shipments.toDepotId, mine))!);
  }
  const rows = db.select().from(shipments).where(where.length ? and(...where) : undefined).orderBy(desc(shipments.id)).limit(f.limit ?? 500).all();
  if (s.actor.role === 'admin' || s.actor.role === 'keeper') return rows.map((r) => toShipmentOut(r));
  const regionOf = depotRegions(db);
  return rows.filter((r) => shipmentVisible(s.actor, s.tree, r, regionOf)).map((r) => toShipmentOut(r));
}

export function depotRegions(db: DbOrTx): Map<number, string> {
  return new Map(db.select({ id: depots.id, regionCode: depots.regionCode }).from(depots).all().map((d) => [d.id, d.regionCode]));
}

export function shipmentVisible(actor: Actor, tree: RegionTree, r: Shipment, regionOf: Map<number, string>): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'keeper') return actor.depotIds.includes(r.fromDepotId) || (r.toDepotId != null && actor.depotIds.includes(r.toDepotId));
  const touches = [regionOf.get(r.fromDepotId), r.toDepotId != null ? regionOf.get(r.toDepotId) : r.toRegionCode];
  return touches.some((code) => code != null && tree.isWithin(code, actor.regionCode));
}

export function getShipment(db: DbOrTx, s: ScopeCtx, id: number) {
  const row = getShipmentRow(db, id);
  if (!shipmentVisible(s.actor, s.tree, row, depotRegions(db))) throw new DomainError('OUT_OF_SCOPE', 'this shipment is outside your area', { shipmentId: id });
  const losses = db.select().from(transitLosses).where(eq(transitLosses.shipmentId, id)).all();
  const lotFacts = row.lots.map((l) => db.select().from(lots).where(eq(lots.id, l.lotId)).get());
  return { ...toShipmentOut(row, true), losses, lotFacts };
}
