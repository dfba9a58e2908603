import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { day, expectSoundLedger, onHand, stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('write-off with approval', () => {
  it('a keeper cannot scrap directly; an officer above approves the request and only then the goods leave', async () => {
    f = freshApp();
    const { keeper, officer, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'OLD', expiresOn: day(-10) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'NEW', expiresOn: day(100) });
    const direct = await keeper.post('/api/stock/movements', { kind: 'writeoff', depotId: xl, itemId: item, quantity: 10 });
    expect(direct.status).toBe(403);
    const req = await keeper.post('/api/stock/writeoff-requests', { depotId: xl, itemId: item, quantity: 10, reason: 'expired', note: '过期' });
    expect(req.status).toBe(201);
    expect(req.body.status).toBe('pending');
    expect((await onHand(keeper, xl, item)).quantity).toBe(20);
    const selfApprove = await keeper.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'approve' });
    expect(selfApprove.status).toBe(403);
    const xlhtOfficer = await f.login('officer_xlht');   // same county as the depot: not above it
    expect((await xlhtOfficer.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'approve' })).status).toBe(403);
    const ok = await officer.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body.request.status).toBe('approved');
    expect(ok.body.movements.map((m: { batchNo: string; quantity: number }) => [m.batchNo, m.quantity])).toEqual([['OLD', -10]]);
    const stock = await onHand(keeper, xl, item);
    expect(stock.lots.map((l) => l.batchNo)).toEqual(['NEW']);
    expect((await officer.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'reject', note: 'x' })).status).toBe(409);
    expectSoundLedger(f);
  });

  it('a rejection posts nothing and must say why', async () => {
    f = freshApp();
    const { keeper, officer, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 5, batchNo: 'A' });
    const req = await keeper.post('/api/stock/writeoff-requests', { depotId: xl, itemId: item, quantity: 5, reason: 'damaged' });
    expect((await officer.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'reject' })).status).toBe(400);
    const no = await officer.post(`/api/stock/writeoff-requests/${req.body.id}/decision`, { decision: 'reject', note: '可修复，不予报废' });
    expect(no.body.request.status).toBe('rejected');
    expect((await onHand(keeper, xl, item)).quantity).toBe(5);
  });
});

describe('stocktake', () => {
  it('closing a count posts an adjustment per difference and says whether goods and books agree', async () => {
    f = freshApp();
    const { keeper, xl, item, newItem } = await stockWorld(f);
    const other = await newItem();
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 20, batchNo: 'A' });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: other, quantity: 8, batchNo: 'B' });
    const open = await keeper.post('/api/stock/stocktakes', { depotId: xl });
    expect(open.status).toBe(201);
    const lineA = open.body.lines.find((l: { itemId: number }) => l.itemId === item);
    const lineB = open.body.lines.find((l: { itemId: number }) => l.itemId === other);
    expect(lineA.bookQuantity).toBe(20);
    expect((await keeper.post('/api/stock/stocktakes', { depotId: xl })).status).toBe(409);
    const early = await keeper.post(`/api/stock/stocktakes/${open.body.id}/close`, {});
    expect(early.status).toBe(409);   // lines not counted yet
    const counted = open.body.lines.map((l: { lotId: number; bookQuantity: number }) => ({ lotId: l.lotId, countedQuantity: l.bookQuantity }));
    counted.find((c: { lotId: number }) => c.lotId === lineA.lotId).countedQuantity = 18;
    counted.find((c: { lotId: number }) => c.lotId === lineB.lotId).countedQuantity = 9;
    expect((await keeper.post(`/api/stock/stocktakes/${open.body.id}/counts`, { lines: counted })).status).toBe(200);
    const closed = await keeper.post(`/api/stock/stocktakes/${open.body.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', matched: false });
    expect(closed.body.adjustments.map((a: { itemId: number; quantity: number }) => [a.itemId, a.quantity]).sort()).toEqual([[item, -2], [other, 1]].sort());
    expect((await onHand(keeper, xl, item)).quantity).toBe(18);
    expect((await onHand(keeper, xl, other)).quantity).toBe(9);
    expectSoundLedger(f);
  });

  it('a count that matches the books closes as 账实相符 with no adjustments', async () => {
    f = freshApp();
    const { keeperAbg, abg, item } = await stockWorld(f);
    await keeperAbg.post('/api/stock/movements', { kind: 'receipt', depotId: abg, itemId: item, quantity: 3, batchNo: 'A' });
    const open = await keeperAbg.post('/api/stock/stocktakes', { depotId: abg });
    const lines = open.body.lines.map((l: { lotId: number; bookQuantity: number }) => ({ lotId: l.lotId, countedQuantity: l.bookQuantity }));
    await keeperAbg.post(`/api/stock/stocktakes/${open.body.id}/counts`, { lines });
    const closed = await keeperAbg.post(`/api/stock/stocktakes/${open.body.id}/close`, {});
    expect(closed.body).toMatchObject({ matched: true, adjustments: [] });
  });
});

describe('alerts and reserve adequacy', () => {
  it('lists expiring and expired lots and the items below target, and counts goods in transit toward the target', async () => {
    f = freshApp();
    const { keeper, officer, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 5, batchNo: 'GONE', expiresOn: day(-1) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 6, batchNo: 'SOON', expiresOn: day(10) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 50, batchNo: 'FINE', expiresOn: day(300) });
    expect((await keeper.put('/api/reserve/targets', { depotId: abg, itemId: item, targetQuantity: 40 })).status).toBe(403);
    expect((await officer.put('/api/reserve/targets', { depotId: abg, itemId: item, targetQuantity: 40 })).status).toBe(200);
    await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 15, toDepotId: abg });

    const alerts = await officer.get('/api/stock/alerts?regionCode=1525');
    expect(alerts.status).toBe(200);
    const mine = (list: { itemId: number }[]) => list.filter((a) => a.itemId === item);
    expect(mine(alerts.body.expired)).toEqual([expect.objectContaining({ batchNo: 'GONE', quantity: 5 })]);
    expect(mine(alerts.body.expiring)).toEqual([]);   // SOON went out in the transfer (FEFO)
    expect(mine(alerts.body.belowTarget)).toEqual([expect.objectContaining({ depotId: abg, target: 40, onHand: 0, inTransitIn: 15, gap: 25 })]);

    const adequacy = await officer.get('/api/reserve/adequacy?regionCode=1525');
    const row = adequacy.body.depots.find((d: { depotId: number; itemId: number }) => d.depotId === abg && d.itemId === item);
    expect(row).toMatchObject({ target: 40, onHand: 0, inTransitIn: 15, gap: 25 });
    const league = adequacy.body.regions.find((r: { regionCode: string; itemId: number }) => r.regionCode === '1525' && r.itemId === item);
    expect(league).toMatchObject({ target: 40, inTransitIn: 15, gap: 25 });
  });

  it('demo depots get targets from their relocation capacity and the standards', async () => {
    f = freshApp();
    const { officer, abg } = await stockWorld(f);
    const items = (await officer.get('/api/items')).body.items as { id: number; code: string }[];
    const quilt = items.find((i) => i.code === 'QUILT')!.id;
    const targets = (await officer.get(`/api/reserve/targets?depotId=${abg}`)).body.targets;
    expect(targets.find((t: { itemId: number }) => t.itemId === quilt)).toMatchObject({ basis: expect.any(String), target: expect.any(Number) });
  });
});
