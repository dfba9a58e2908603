import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { day, expectSoundLedger, onHand, stockWorld } from '../support/stock';
import { dispatchToRegion, usableStock } from '../../api/modules/stock/service';
import { loadRegionTree } from '../../api/modules/regions/service';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const totals = (itemId: number) => f.db.$client.prepare(`SELECT
  (SELECT coalesce(sum(quantity), 0) FROM stock_balances WHERE item_id = ?) AS onHand,
  (SELECT coalesce(sum(quantity), 0) FROM shipments WHERE item_id = ? AND status = 'in_transit') AS inTransit,
  (SELECT coalesce(sum(quantity), 0) FROM transit_losses WHERE item_id = ?) AS losses`).get(itemId, itemId, itemId);

describe('transfers and deliveries', () => {
  it('a transfer keeps the total constant while the goods are in transit', async () => {
    f = freshApp();
    const { keeper, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 100, batchNo: 'T1', expiresOn: day(90) });
    const t = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 30, toDepotId: abg });
    expect(t.status).toBe(201);
    expect(t.body.shipment).toMatchObject({ status: 'in_transit', fromDepotId: xl, toDepotId: abg, quantity: 30 });
    expect(t.body.balance.quantity).toBe(70);
    expect(totals(item)).toEqual({ onHand: 70, inTransit: 30, losses: 0 });
    expectSoundLedger(f);
  });

  it('the receiving keeper books 28 good and 2 damaged: good goods keep their batch and expiry, the loss is recorded', async () => {
    f = freshApp();
    const { keeper, keeperAbg, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 100, batchNo: 'T1', expiresOn: day(90) });
    const t = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 30, toDepotId: abg });
    const incoming = await keeperAbg.get('/api/shipments?status=in_transit');
    expect(incoming.body.shipments.map((s: { id: number }) => s.id)).toContain(t.body.shipment.id);
    const r = await keeperAbg.post(`/api/shipments/${t.body.shipment.id}/receive`, { receivedQuantity: 28, damagedQuantity: 2, lossReason: '雨淋受潮', receiverName: '巴特尔' });
    expect(r.status).toBe(200);
    expect(r.body.shipment).toMatchObject({ status: 'received', receivedQuantity: 28, damagedQuantity: 2, receiverName: '巴特尔' });
    expect(r.body.losses).toEqual([expect.objectContaining({ kind: 'damaged', quantity: 2, reason: '雨淋受潮' })]);
    const abgStock = await onHand(keeperAbg, abg, item);
    expect(abgStock.lots).toEqual([expect.objectContaining({ batchNo: 'T1', expiresOn: day(90), quantity: 28 })]);
    expect(totals(item)).toEqual({ onHand: 98, inTransit: 0, losses: 2 });
    const twice = await keeperAbg.post(`/api/shipments/${t.body.shipment.id}/receive`, { receivedQuantity: 28 });
    expect(twice.status).toBe(409);
    expectSoundLedger(f);
  });

  it('a shortfall nobody explained is still recorded as missing, and receiving more than was sent is refused', async () => {
    f = freshApp();
    const { keeper, keeperAbg, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'A' });
    const t = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 10, toDepotId: abg });
    const over = await keeperAbg.post(`/api/shipments/${t.body.shipment.id}/receive`, { receivedQuantity: 9, damagedQuantity: 2 });
    expect(over.status).toBe(400);
    const r = await keeperAbg.post(`/api/shipments/${t.body.shipment.id}/receive`, { receivedQuantity: 7 });
    expect(r.body.losses).toEqual([expect.objectContaining({ kind: 'missing', quantity: 3 })]);
    expectSoundLedger(f);
  });

  it('a transfer can be reversed while in transit (the shipment is cancelled) but not once received', async () => {
    f = freshApp();
    const { keeper, keeperAbg, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 50, batchNo: 'A' });
    const t1 = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 20, toDepotId: abg });
    const rev = await keeper.post(`/api/stock/movements/${t1.body.movement.id}/reverse`, { note: '车辆故障，取消调拨' });
    expect(rev.status).toBe(201);
    expect(rev.body.shipment.status).toBe('cancelled');
    expect(rev.body.balance.quantity).toBe(50);
    const receiveCancelled = await keeperAbg.post(`/api/shipments/${t1.body.shipment.id}/receive`, { receivedQuantity: 20 });
    expect(receiveCancelled.status).toBe(409);
    const t2 = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 20, toDepotId: abg });
    await keeperAbg.post(`/api/shipments/${t2.body.shipment.id}/receive`, { receivedQuantity: 20 });
    const late = await keeper.post(`/api/stock/movements/${t2.body.movement.id}/reverse`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('NOT_REVERSIBLE');
    expectSoundLedger(f);
  });

  it('a dispatch to a township leaves the depot in FEFO order and is booked by the township, not into any depot', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'SOON', expiresOn: day(2) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'LATER', expiresOn: day(100) });
    const tree = loadRegionTree(f.db);
    const actor = { id: 0, username: 'dispatch-test', role: 'officer' as const, regionCode: '1525', depotIds: [] };
    const w = { actor, tree, requestId: 'test', now: new Date().toISOString() };
    expect(usableStock(f.db, { depotIds: [xl], itemId: item, usableAfter: day(5) })).toEqual([{ depotId: xl, itemId: item, quantity: 10 }]);
    const { shipment, movements } = f.db.transaction((tx) =>
      dispatchToRegion(tx, w, { depotId: xl, itemId: item, quantity: 8, toRegionCode: '152502200', planId: 77, usableAfter: day(5), etaAt: new Date().toISOString() }));
    expect(movements.map((m) => [m.kind, m.batchNo, m.quantity])).toEqual([['dispatch', 'LATER', -8]]);
    expect(() => f.db.transaction((tx) => dispatchToRegion(tx, w, { depotId: xl, itemId: item, quantity: 3, toRegionCode: '152502200', planId: 77, usableAfter: day(5) })))
      .toThrow(/usable/);
    const reporter = await f.login('reporter');
    const byPlan = await reporter.get('/api/shipments?planId=77');
    expect(byPlan.body.shipments).toEqual([expect.objectContaining({ id: shipment.id, toRegionCode: '152502200', status: 'in_transit' })]);
    expect((await keeper.post(`/api/shipments/${shipment.id}/receive`, { receivedQuantity: 8 })).status).toBe(403);
    const got = await reporter.post(`/api/shipments/${shipment.id}/receive`, { receivedQuantity: 8, receiverName: '宝力根苏木 王' });
    expect(got.status).toBe(200);
    expect(f.db.$client.prepare("SELECT count(*) AS n FROM stock_movements WHERE kind = 'transfer_in' AND item_id = ?").get(item)).toEqual({ n: 0 });
    expectSoundLedger(f);
  });
});
