// The ledger's invariants, checked over plain rows so API tests, the crash harness and the load
// harness can all ask "did anything vanish or appear?" of whatever they read back.
//
// Conservation, per item, counting every movement row including reversals:
//
//   onHand + inTransit + losses + issued + writtenOff + delivered  =  received + adjusted
//
//   received    Σ receipt movements from outside the system (no shipmentId); a reversal of a receipt
//               has negative quantity and lowers it
//   adjusted    Σ adjustment movements, signed (stocktake surplus +, shortfall −)
//   issued      −Σ issue movements;  writtenOff  −Σ writeoff movements (reversals raise them back)
//   onHand      Σ stored balances (the projection, so it is checked as well as the movements)
//   inTransit   Σ quantity of shipments still in_transit
//   losses      Σ recorded loss rows (damaged or missing on the way)
//   delivered   Σ receivedQuantity of received shipments to a region: goods handed to the affected
//
// Transfers and dispatches (`transfer`, `dispatch`: out of a depot into a shipment) and arrivals
// (`receipt` with a shipmentId, or `transfer_in`: out of a shipment into a depot) move goods inside
// the system, so they appear only through onHand and the shipments. For that to hold, every
// shipment's goods must be accounted for: sent = Σ its out-movements; once received, sent =
// receivedQuantity (what entered the destination's stock) + its losses.

export interface MovementRow {
  id: number;
  kind: string;
  depotId: number;
  itemId: number;
  lotId: number;
  quantity: number;              // signed: + in, − out
  reversesId?: number | null;    // a reversal has the original's kind (or 'reversal') and the opposite sign
  shipmentId?: number | null;    // the shipment a transfer/dispatch fills or an arrival empties
}
export interface BalanceRow { depotId: number; itemId: number; lotId: number; quantity: number }
export interface ShipmentRow {
  id: number;
  itemId: number;
  fromDepotId: number;
  toDepotId?: number | null;
  toRegionCode?: string | null;
  quantity: number;
  status: string;                     // in_transit | received | cancelled
  receivedQuantity?: number | null;
}
export interface LossRow { shipmentId?: number | null; itemId: number; quantity: number }
export interface LedgerRows {
  movements: readonly MovementRow[];
  balances: readonly BalanceRow[];
  shipments?: readonly ShipmentRow[];
  losses?: readonly LossRow[];
}

type Flow = 'received' | 'adjusted' | 'issued' | 'writtenOff' | 'shipped' | 'arrived';
const FLOW_OF_KIND: Record<string, Flow> = {
  receipt: 'received', adjustment: 'adjusted', issue: 'issued', writeoff: 'writtenOff',
  transfer: 'shipped', dispatch: 'shipped', transfer_in: 'arrived',
};
export const LEDGER_KINDS = Object.keys(FLOW_OF_KIND);

export type ViolationRule =
  | 'unknown-kind' | 'lot-identity' | 'balance-equals-replay' | 'no-negative-balance' | 'never-negative-in-replay'
  | 'reversal-target' | 'reversed-once' | 'reversal-mirrors-original'
  | 'shipment-exists' | 'shipment-status' | 'shipment-filled-by-movements' | 'shipment-emptied-by-arrivals'
  | 'shipment-accounted' | 'item-conservation';
export interface Violation { rule: ViolationRule; message: string; at: Record<string, number | string> }

export interface ItemFlows {
  itemId: number;
  received: number; adjusted: number; issued: number; writtenOff: number;
  onHand: number; inTransit: number; losses: number; delivered: number;
}

const lotKey = (r: { depotId: number; itemId: number; lotId: number }) => `${r.depotId}/${r.itemId}/${r.lotId}`;
const SHIPMENT_STATUSES = new Set(['in_transit', 'received', 'cancelled']);

function add<K>(m: Map<K, number>, k: K, q: number) { m.set(k, (m.get(k) ?? 0) + q); }

/** The flow a movement contributes to; a reversal counts against the flow of what it reverses. */
function flowOf(m: MovementRow, byId: Map<number, MovementRow>): Flow | undefined {
  const original = m.kind === 'reversal' && m.reversesId != null ? byId.get(m.reversesId) : m;
  if (!original || original.kind === 'reversal') return undefined;
  const flow = FLOW_OF_KIND[original.kind];
  return flow === 'received' && original.shipmentId != null ? 'arrived' : flow;
}

// A reversal that does not repeat the shipment still belongs to the original's shipment.
function shipmentOf(m: MovementRow, byId: Map<number, MovementRow>): number | null {
  if (m.shipmentId != null) return m.shipmentId;
  return m.reversesId != null ? byId.get(m.reversesId)?.shipmentId ?? null : null;
}

function zeroFlows(itemId: number): ItemFlows {
  return { itemId, received: 0, adjusted: 0, issued: 0, writtenOff: 0, onHand: 0, inTransit: 0, losses: 0, delivered: 0 };
}

/** The terms of the conservation equation per item: what a report or a harness prints. */
export function itemFlows(rows: LedgerRows): ItemFlows[] {
  const byId = new Map(rows.movements.map((m) => [m.id, m]));
  const items = new Map<number, ItemFlows>();
  const of = (itemId: number) => items.get(itemId) ?? items.set(itemId, zeroFlows(itemId)).get(itemId)!;
  for (const m of rows.movements) {
    const flow = flowOf(m, byId);
    const f = of(m.itemId);
    if (flow === 'received') f.received += m.quantity;
    else if (flow === 'adjusted') f.adjusted += m.quantity;
    else if (flow === 'issued') f.issued -= m.quantity;
    else if (flow === 'writtenOff') f.writtenOff -= m.quantity;
  }
  for (const b of rows.balances) of(b.itemId).onHand += b.quantity;
  for (const s of rows.shipments ?? []) {
    if (s.status === 'in_transit') of(s.itemId).inTransit += s.quantity;
    else if (s.status === 'received' && s.toDepotId == null) of(s.itemId).delivered += s.receivedQuantity ?? 0;
  }
  for (const l of rows.losses ?? []) of(l.itemId).losses += l.quantity;
  return [...items.values()].sort((a, b) => a.itemId - b.itemId);
}

/** Every broken invariant, or [] when the ledger is sound. */
export function checkLedgerInvariants(rows: LedgerRows): Violation[] {
  const out: Violation[] = [];
  const byId = new Map(rows.movements.map((m) => [m.id, m]));
  checkMovements(rows, byId, out);
  checkBalances(rows, out);
  checkReversals(rows.movements, byId, out);
  checkShipments(rows, byId, out);
  for (const f of itemFlows(rows)) {
    const held = f.onHand + f.inTransit + f.losses + f.issued + f.writtenOff + f.delivered;
    const came = f.received + f.adjusted;
    if (held !== came) {
      out.push({ rule: 'item-conservation', message: `item ${f.itemId}: ${held} accounted for, ${came} received + adjusted`, at: { ...f, difference: held - came } });
    }
  }
  return out;
}

function checkMovements(rows: LedgerRows, byId: Map<number, MovementRow>, out: Violation[]) {
  const placeOfLot = new Map<number, string>();
  const place = (r: { depotId: number; itemId: number; lotId: number }, what: string) => {
    const seen = placeOfLot.get(r.lotId), here = `${r.depotId}/${r.itemId}`;
    if (seen === undefined) placeOfLot.set(r.lotId, here);
    else if (seen !== here) out.push({ rule: 'lot-identity', message: `lot ${r.lotId} appears at depot/item ${seen} and ${here} (${what})`, at: { lotId: r.lotId } });
  };
  for (const m of rows.movements) {
    place(m, `movement ${m.id}`);
    if (flowOf(m, byId) === undefined) out.push({ rule: 'unknown-kind', message: `movement ${m.id} has kind '${m.kind}' the ledger does not define`, at: { movementId: m.id } });
  }
  for (const b of rows.balances) place(b, 'balance');
}

function checkBalances(rows: LedgerRows, out: Violation[]) {
  const replayed = new Map<string, number>();
  const lowest = new Map<string, { quantity: number; movementId: number }>();
  for (const m of [...rows.movements].sort((a, b) => a.id - b.id)) {
    const k = lotKey(m);
    add(replayed, k, m.quantity);
    const now = replayed.get(k)!;
    if (now < 0 && !lowest.has(k)) lowest.set(k, { quantity: now, movementId: m.id });
  }
  for (const [k, first] of lowest) {
    out.push({ rule: 'never-negative-in-replay', message: `lot ${k} went to ${first.quantity} at movement ${first.movementId}`, at: { lot: k, ...first } });
  }
  const stored = new Map<string, number>();
  for (const b of rows.balances) {
    add(stored, lotKey(b), b.quantity);
    if (b.quantity < 0) out.push({ rule: 'no-negative-balance', message: `lot ${lotKey(b)} holds ${b.quantity}`, at: { ...b } });
  }
  for (const k of new Set([...replayed.keys(), ...stored.keys()])) {
    const want = replayed.get(k) ?? 0, have = stored.get(k) ?? 0;
    if (want !== have) out.push({ rule: 'balance-equals-replay', message: `lot ${k}: balance ${have}, movements sum to ${want}`, at: { lot: k, balance: have, replayed: want } });
  }
}

function checkReversals(movements: readonly MovementRow[], byId: Map<number, MovementRow>, out: Violation[]) {
  const reversedBy = new Map<number, number>();
  for (const m of movements) {
    if (m.reversesId == null) continue;
    const o = byId.get(m.reversesId);
    if (!o) { out.push({ rule: 'reversal-target', message: `movement ${m.id} reverses missing movement ${m.reversesId}`, at: { movementId: m.id } }); continue; }
    const earlier = reversedBy.get(o.id);
    if (earlier !== undefined) out.push({ rule: 'reversed-once', message: `movement ${o.id} is reversed by ${earlier} and ${m.id}`, at: { movementId: o.id } });
    reversedBy.set(o.id, m.id);
    if (m.quantity !== -o.quantity || lotKey(m) !== lotKey(o) || (m.kind !== 'reversal' && m.kind !== o.kind)) {
      out.push({ rule: 'reversal-mirrors-original', message: `movement ${m.id} does not mirror movement ${o.id}`, at: { movementId: m.id, reversesId: o.id } });
    }
  }
}

function checkShipments(rows: LedgerRows, byId: Map<number, MovementRow>, out: Violation[]) {
  const shipments = new Map((rows.shipments ?? []).map((s) => [s.id, s]));
  const filled = new Map<number, number>(), emptied = new Map<number, number>(), lost = new Map<number, number>();
  for (const m of rows.movements) {
    const shipmentId = shipmentOf(m, byId);
    if (shipmentId === null) continue;
    const s = shipments.get(shipmentId);
    if (!s) { out.push({ rule: 'shipment-exists', message: `movement ${m.id} names missing shipment ${shipmentId}`, at: { movementId: m.id } }); continue; }
    const flow = flowOf(m, byId);
    if (flow === 'shipped') {
      add(filled, s.id, -m.quantity);
      if (m.depotId !== s.fromDepotId || m.itemId !== s.itemId) out.push({ rule: 'shipment-filled-by-movements', message: `movement ${m.id} sends from the wrong depot or item for shipment ${s.id}`, at: { movementId: m.id, shipmentId: s.id } });
    } else if (flow === 'arrived') {
      add(emptied, s.id, m.quantity);
      if (m.depotId !== s.toDepotId || m.itemId !== s.itemId) out.push({ rule: 'shipment-emptied-by-arrivals', message: `movement ${m.id} lands at the wrong depot or item for shipment ${s.id}`, at: { movementId: m.id, shipmentId: s.id } });
    }
  }
  for (const l of rows.losses ?? []) if (l.shipmentId != null) add(lost, l.shipmentId, l.quantity);

  for (const s of shipments.values()) {
    if (!SHIPMENT_STATUSES.has(s.status)) { out.push({ rule: 'shipment-status', message: `shipment ${s.id} has status '${s.status}'`, at: { shipmentId: s.id } }); continue; }
    // A cancelled shipment's out-movement is reversed, so it carries nothing.
    const sent = s.status === 'cancelled' ? 0 : s.quantity;
    const gotFilled = filled.get(s.id) ?? 0, gotEmptied = emptied.get(s.id) ?? 0, gotLost = lost.get(s.id) ?? 0;
    if (gotFilled !== sent) out.push({ rule: 'shipment-filled-by-movements', message: `shipment ${s.id} carries ${sent}, its out-movements sum to ${gotFilled}`, at: { shipmentId: s.id, sent, movements: gotFilled } });
    const received = s.status === 'received' ? s.receivedQuantity ?? 0 : 0;
    const landed = s.status === 'received' && s.toDepotId != null ? received : 0;
    if (gotEmptied !== landed) out.push({ rule: 'shipment-emptied-by-arrivals', message: `shipment ${s.id} should have put ${landed} into stock, its arrivals sum to ${gotEmptied}`, at: { shipmentId: s.id, expected: landed, movements: gotEmptied } });
    const settled = s.status === 'received' ? received + gotLost : s.status === 'cancelled' ? gotLost : sent;
    if (settled !== sent || (s.status === 'in_transit' && gotLost !== 0)) {
      out.push({ rule: 'shipment-accounted', message: `shipment ${s.id} (${s.status}) sent ${sent}: received ${received} + losses ${gotLost}`, at: { shipmentId: s.id, sent, received, losses: gotLost } });
    }
  }
}
