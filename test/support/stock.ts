// Helpers for the stock API tests: the demo depots and people, and a fresh item per test so no
// test leans on the demo stock or on another test's rows.
import { expect } from 'vitest';
import type { Client, freshApp } from './fresh-app';
import { checkLedgerInvariants, type LedgerRows } from '../../api/modules/stock/conservation';

type Fresh = ReturnType<typeof freshApp>;
let seq = 0;

export async function stockWorld(f: Fresh) {
  const [admin, keeper, keeperAbg, officer, auditor] = await Promise.all(
    ['admin', 'keeper', 'keeper_abg', 'officer', 'auditor'].map((u) => f.login(u)));
  const depots = (await admin.get('/api/depots')).body.depots as { id: number; code: string; regionCode: string }[];
  const depot = (code: string) => depots.find((d) => d.code === code)!.id;
  const newItem = async (over: Record<string, unknown> = {}) => {
    seq += 1;
    const res = await admin.post('/api/items', {
      code: `T-${process.pid}-${seq}`, name: `测试物资${seq}`, unit: '件', category: 'test', weightKg: 1, volumeM3: 0.01, shelfLifeDays: 365, warnDays: 30, ...over,
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const item = await newItem();
  return { admin, keeper, keeperAbg, officer, auditor, xl: depot('XL-01'), abg: depot('ABG-01'), nm: depot('NM-ZX-01'), depot, item, newItem };
}

export const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

export async function onHand(c: Client, depotId: number, itemId: number) {
  const res = await c.get(`/api/stock?depotId=${depotId}&itemId=${itemId}`);
  expect(res.status).toBe(200);
  return res.body.balances[0] as { quantity: number; lots: { batchNo: string; expiresOn: string | null; quantity: number; expiry: string }[] };
}

/** Reads the ledger tables back and checks every invariant. */
export function ledgerRows(f: Fresh): LedgerRows {
  const q = (s: string) => f.db.$client.prepare(s).all() as never[];
  return {
    movements: q('SELECT id, kind, depot_id AS depotId, item_id AS itemId, lot_id AS lotId, quantity, reverses_id AS reversesId, shipment_id AS shipmentId FROM stock_movements'),
    balances: q('SELECT depot_id AS depotId, item_id AS itemId, lot_id AS lotId, quantity FROM stock_balances'),
    shipments: q('SELECT id, item_id AS itemId, from_depot_id AS fromDepotId, to_depot_id AS toDepotId, to_region_code AS toRegionCode, quantity, status, received_quantity AS receivedQuantity FROM shipments'),
    losses: q('SELECT shipment_id AS shipmentId, item_id AS itemId, quantity FROM transit_losses'),
  };
}

export function expectSoundLedger(f: Fresh) {
  expect(checkLedgerInvariants(ledgerRows(f))).toEqual([]);
}
