import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshApp, type Client } from '../support/fresh-app';
import { day, ledgerRows, stockWorld } from '../support/stock';
import { checkLedgerInvariants } from '../../api/modules/stock/conservation';

// Random sequences of everything a keeper and an officer can do, through HTTP. Whatever is refused,
// the ledger must stay sound: balances = replay, never negative, nothing vanishes in transit.
const depotIx = fc.integer({ min: 0, max: 1 });
const qty = fc.integer({ min: 1, max: 25 });
const op = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ t: fc.constant('receipt' as const), d: depotIx, q: qty, batch: fc.integer({ min: 0, max: 3 }) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('issue' as const), d: depotIx, q: qty }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('writeoff' as const), d: depotIx, q: qty }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('adjustment' as const), d: depotIx, q: fc.integer({ min: -10, max: 10 }).filter((n) => n !== 0) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('transfer' as const), d: depotIx, q: qty }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('receive' as const), s: fc.nat(), good: fc.nat({ max: 100 }), damaged: fc.nat({ max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('reverse' as const), m: fc.nat() }), weight: 2 },
);

let f: ReturnType<typeof freshApp>;
let world: Awaited<ReturnType<typeof stockWorld>>;
beforeAll(async () => { f = freshApp(); world = await stockWorld(f); });
afterAll(() => f?.close());

describe('ledger invariants under random operations', () => {
  it('hold after every sequence of receipts, issues, write-offs, adjustments, transfers, deliveries and reversals', async () => {
    const offsets = [-4, 3, 60, 400];   // batch k's expiry: expired, expiring, fine, far
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
      const item = await world.newItem();
      const depots = [world.xl, world.abg];
      const officer: Client = world.officer;
      const movementIds: number[] = [];
      const shipmentIds: number[] = [];
      for (const o of ops) {
        let res;
        if (o.t === 'receive') {
          if (!shipmentIds.length) continue;
          const id = shipmentIds[o.s % shipmentIds.length];
          const sent = (await officer.get(`/api/shipments/${id}`)).body.quantity as number;
          const damaged = Math.min(o.damaged, sent);
          res = await officer.post(`/api/shipments/${id}/receive`, { receivedQuantity: Math.floor(((sent - damaged) * o.good) / 100), damagedQuantity: damaged });
        } else if (o.t === 'reverse') {
          if (!movementIds.length) continue;
          res = await officer.post(`/api/stock/movements/${movementIds[o.m % movementIds.length]}/reverse`, {});
        } else {
          const base = { kind: o.t, depotId: depots[o.d], itemId: item, quantity: o.q };
          const body = o.t === 'receipt' ? { ...base, batchNo: `B${o.batch}`, expiresOn: day(offsets[o.batch]) }
            : o.t === 'adjustment' ? { ...base, note: 'random' }
              : o.t === 'transfer' ? { ...base, toDepotId: depots[1 - o.d] } : base;
          res = await officer.post('/api/stock/movements', body);
        }
        expect([200, 201, 409], JSON.stringify(res.body)).toContain(res.status);
        if (res.status === 201) for (const m of res.body.movements) movementIds.push(m.id);
        if (res.body?.shipment && res.status === 201 && res.body.shipment.status === 'in_transit') shipmentIds.push(res.body.shipment.id);
      }
      expect(checkLedgerInvariants(ledgerRows(f))).toEqual([]);
    }), { numRuns: 60 });
  }, 240_000);
});
