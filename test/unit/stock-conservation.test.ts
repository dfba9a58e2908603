import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkLedgerInvariants, itemFlows, type BalanceRow, type LedgerRows, type LossRow, type MovementRow, type ShipmentRow,
} from '../../api/modules/stock/conservation';

const TENT = 1, XLHT = 10, ABAG = 20;   // 12㎡单帐篷; 锡林浩特库; 阿巴嘎旗库

// A ledger as the service should leave it, written out by hand.
function soundLedger(): Required<LedgerRows> & { movements: MovementRow[]; balances: BalanceRow[]; shipments: ShipmentRow[]; losses: LossRow[] } {
  const m = (id: number, kind: string, depotId: number, lotId: number, quantity: number, extra: Partial<MovementRow> = {}): MovementRow =>
    ({ id, kind, depotId, itemId: TENT, lotId, quantity, ...extra });
  return {
    movements: [
      m(1, 'receipt', XLHT, 100, 100),
      m(2, 'transfer', XLHT, 100, -30, { shipmentId: 500 }),
      m(3, 'receipt', ABAG, 200, 28, { shipmentId: 500 }),          // 2 lost on the way
      m(4, 'issue', XLHT, 100, -10),
      m(5, 'writeoff', XLHT, 100, -5),
      m(6, 'adjustment', ABAG, 200, -1),
      m(7, 'dispatch', XLHT, 100, -20, { shipmentId: 501 }),         // still on the road
      m(8, 'receipt', XLHT, 101, 7),
      m(9, 'receipt', XLHT, 101, -7, { reversesId: 8 }),             // a receipt posted by mistake
      m(10, 'dispatch', XLHT, 100, -5, { shipmentId: 502 }),         // delivered to the township
      m(11, 'issue', ABAG, 200, -3),
      m(12, 'reversal', ABAG, 200, 3, { reversesId: 11 }),
    ],
    balances: [
      { depotId: XLHT, itemId: TENT, lotId: 100, quantity: 30 },
      { depotId: XLHT, itemId: TENT, lotId: 101, quantity: 0 },
      { depotId: ABAG, itemId: TENT, lotId: 200, quantity: 27 },
    ],
    shipments: [
      { id: 500, itemId: TENT, fromDepotId: XLHT, toDepotId: ABAG, quantity: 30, status: 'received', receivedQuantity: 28 },
      { id: 501, itemId: TENT, fromDepotId: XLHT, toRegionCode: '152522101', quantity: 20, status: 'in_transit' },
      { id: 502, itemId: TENT, fromDepotId: XLHT, toRegionCode: '152522102', quantity: 5, status: 'received', receivedQuantity: 5 },
    ],
    losses: [{ shipmentId: 500, itemId: TENT, quantity: 2 }],
  };
}
const rules = (rows: LedgerRows) => [...new Set(checkLedgerInvariants(rows).map((v) => v.rule))].sort();

describe('checkLedgerInvariants', () => {
  it('finds nothing wrong in a sound ledger with transfers, losses, deliveries and reversals', () => {
    expect(checkLedgerInvariants(soundLedger())).toEqual([]);
  });

  it('accounts for every tent that came in', () => {
    expect(itemFlows(soundLedger())).toEqual([{
      itemId: TENT, received: 100, adjusted: -1, issued: 10, writtenOff: 5, onHand: 57, inTransit: 20, losses: 2, delivered: 5,
    }]);
  });

  it('catches a balance changed behind the ledger\'s back', () => {
    const rows = soundLedger();
    rows.balances[0].quantity += 4;
    expect(rules(rows)).toEqual(['balance-equals-replay', 'item-conservation']);
  });

  it('catches a deleted movement', () => {
    const rows = soundLedger();
    rows.movements = rows.movements.filter((m) => m.id !== 4);
    expect(rules(rows)).toEqual(['balance-equals-replay', 'item-conservation']);
  });

  it('catches a negative balance and a ledger that went below zero on the way', () => {
    const rows = soundLedger();
    rows.movements.push({ id: 13, kind: 'issue', depotId: ABAG, itemId: TENT, lotId: 200, quantity: -40 });
    rows.balances[2].quantity = -13;
    expect(rules(rows)).toEqual(['never-negative-in-replay', 'no-negative-balance']);
  });

  it('catches goods that vanish between depots: received short with no loss recorded', () => {
    const rows = soundLedger();
    rows.losses = [];
    const v = checkLedgerInvariants(rows);
    expect(v.map((x) => x.rule).sort()).toEqual(['item-conservation', 'shipment-accounted']);
    expect(v.find((x) => x.rule === 'item-conservation')!.at.difference).toBe(-2);
  });

  it('catches goods counted at the destination while still in transit', () => {
    const rows = soundLedger();
    rows.movements.push({ id: 13, kind: 'receipt', depotId: ABAG, itemId: TENT, lotId: 200, quantity: 20, shipmentId: 501 });
    rows.balances[2].quantity += 20;
    expect(rules(rows)).toContain('shipment-emptied-by-arrivals');
    expect(rules(rows)).toContain('item-conservation');
  });

  it('catches a shipment that no movement filled', () => {
    const rows = soundLedger();
    rows.shipments.push({ id: 503, itemId: TENT, fromDepotId: ABAG, toDepotId: XLHT, quantity: 9, status: 'in_transit' });
    expect(rules(rows)).toEqual(['item-conservation', 'shipment-filled-by-movements']);
  });

  it('accepts a cancelled shipment whose transfer was reversed', () => {
    const rows = soundLedger();
    rows.movements.push(
      { id: 13, kind: 'transfer', depotId: ABAG, itemId: TENT, lotId: 200, quantity: -9, shipmentId: 503 },
      { id: 14, kind: 'transfer', depotId: ABAG, itemId: TENT, lotId: 200, quantity: 9, reversesId: 13 },
    );
    rows.shipments.push({ id: 503, itemId: TENT, fromDepotId: ABAG, toDepotId: XLHT, quantity: 9, status: 'cancelled' });
    expect(checkLedgerInvariants(rows)).toEqual([]);
  });

  it('catches a movement reversed twice, or reversed by the wrong amount', () => {
    const twice = soundLedger();
    twice.movements.push({ id: 13, kind: 'receipt', depotId: XLHT, itemId: TENT, lotId: 101, quantity: -7, reversesId: 8 });
    twice.balances[1].quantity = -7;
    expect(rules(twice)).toContain('reversed-once');

    const wrong = soundLedger();
    wrong.movements[8].quantity = -6;
    wrong.balances[1].quantity = 1;
    expect(rules(wrong)).toEqual(['reversal-mirrors-original']);   // still conserved: 1 tent stays on the shelf
  });

  it('catches a kind the ledger does not define and a lot that moves between depots', () => {
    const rows = soundLedger();
    rows.movements.push({ id: 13, kind: 'gift', depotId: XLHT, itemId: TENT, lotId: 100, quantity: 0 });
    rows.movements.push({ id: 14, kind: 'adjustment', depotId: ABAG, itemId: TENT, lotId: 100, quantity: 0 });
    expect(rules(rows)).toEqual(['lot-identity', 'unknown-kind']);
  });
});

// A toy keeper that posts random operations the way the service must, so any ledger it leaves is sound.
type Op = { op: 'receive' | 'issue' | 'writeoff' | 'adjust' | 'transfer' | 'arrive' | 'reverse'; a: number; b: number };
function simulate(ops: Op[]) {
  const rows = { movements: [] as MovementRow[], shipments: [] as ShipmentRow[], losses: [] as LossRow[] };
  const bal = new Map<number, number>();          // lotId → quantity; lot = depot * 10 + item
  const post = (kind: string, lotId: number, quantity: number, extra: Partial<MovementRow> = {}) => {
    rows.movements.push({ id: rows.movements.length + 1, kind, depotId: Math.floor(lotId / 10), itemId: lotId % 10, lotId, quantity, ...extra });
    bal.set(lotId, (bal.get(lotId) ?? 0) + quantity);
  };
  for (const { op, a, b } of ops) {
    const lot = 10 * (1 + (a % 3)) + (1 + (b % 2)), have = bal.get(lot) ?? 0, q = 1 + (b % 17);
    if (op === 'receive') post('receipt', lot, q);
    else if (op === 'adjust' && have + (b % 2 ? q : -q) >= 0) post('adjustment', lot, b % 2 ? q : -q);
    else if ((op === 'issue' || op === 'writeoff') && have >= q) post(op, lot, -q);
    else if (op === 'transfer' && have >= q) {
      const to = 1 + ((a + 1) % 3), id = rows.shipments.length + 1;
      rows.shipments.push({ id, itemId: lot % 10, fromDepotId: Math.floor(lot / 10), toDepotId: to, quantity: q, status: 'in_transit' });
      post('transfer', lot, -q, { shipmentId: id });
    } else if (op === 'arrive') {
      const s = rows.shipments.find((x) => x.status === 'in_transit');
      if (!s) continue;
      const lost = Math.min(s.quantity, b % 3);
      s.status = 'received'; s.receivedQuantity = s.quantity - lost;
      if (lost) rows.losses.push({ shipmentId: s.id, itemId: s.itemId, quantity: lost });
      if (s.receivedQuantity) post('receipt', s.toDepotId! * 10 + s.itemId, s.receivedQuantity, { shipmentId: s.id });
    } else if (op === 'reverse') {
      const m = rows.movements.find((x) => (x.kind === 'receipt' || x.kind === 'issue') && !x.shipmentId && x.reversesId == null
        && !rows.movements.some((y) => y.reversesId === x.id) && (bal.get(x.lotId) ?? 0) - x.quantity >= 0);
      if (m) post(m.kind, m.lotId, -m.quantity, { reversesId: m.id });
    }
  }
  const balances = [...bal].map(([lotId, quantity]) => ({ depotId: Math.floor(lotId / 10), itemId: lotId % 10, lotId, quantity }));
  return { ...rows, balances };
}
const opsArb = fc.array(fc.record({
  op: fc.constantFrom('receive', 'receive', 'issue', 'writeoff', 'adjust', 'transfer', 'arrive', 'reverse') as fc.Arbitrary<Op['op']>,
  a: fc.nat(100), b: fc.nat(100),
}), { maxLength: 60 });

describe('checkLedgerInvariants over random ledgers', () => {
  it('passes every ledger a correct service could leave', () => {
    fc.assert(fc.property(opsArb, (ops) => { expect(checkLedgerInvariants(simulate(ops))).toEqual([]); }), { numRuns: 500 });
  });

  it('notices any balance nudged by any amount', () => {
    fc.assert(fc.property(opsArb, fc.nat(), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (ops, pick, delta) => {
      const rows = simulate([{ op: 'receive', a: 0, b: 0 }, ...ops]);
      rows.balances[pick % rows.balances.length].quantity += delta;
      expect(checkLedgerInvariants(rows).map((v) => v.rule)).toContain('balance-equals-replay');
    }), { numRuns: 300 });
  });
});
