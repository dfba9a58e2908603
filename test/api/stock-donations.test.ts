import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { expectSoundLedger, stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('donations', () => {
  it('donated goods are followed through a transfer to where they were issued, and the public report shows no personal data', async () => {
    f = freshApp();
    const { keeper, keeperAbg, officer, xl, abg, item } = await stockWorld(f);
    const donor = await officer.post('/api/donations/donors', { name: '某某爱心企业', kind: 'company', contactName: '张三', contactPhone: '13800000000' });
    expect(donor.status).toBe(201);
    const anon = await officer.post('/api/donations/donors', { name: '李四', kind: 'person', anonymous: true, contactPhone: '13900000000' });
    expect((await officer.post('/api/donations/money', { donorId: donor.body.id, amountFen: 5_000_000, receivedOn: '2026-01-05', receiptNo: 'JZ-001' })).status).toBe(201);
    expect((await officer.post('/api/donations/money', { donorId: anon.body.id, amountFen: 20_000, receivedOn: '2026-01-06' })).status).toBe(201);
    expect((await keeper.post('/api/donations/money', { donorId: anon.body.id, amountFen: 1, receivedOn: '2026-01-06' })).status).toBe(403);
    expect((await officer.post('/api/donations/money', { donorId: anon.body.id, amountFen: 1.5, receivedOn: '2026-01-06' })).status).toBe(400);

    const receipt = await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 100, batchNo: 'DON-1', source: 'donation', donorId: donor.body.id });
    expect(receipt.status).toBe(201);
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1, donorId: donor.body.id })).status).toBe(400);
    const t = await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 40, toDepotId: abg });
    await keeperAbg.post(`/api/shipments/${t.body.shipment.id}/receive`, { receivedQuantity: 39, damagedQuantity: 1 });
    await keeperAbg.post('/api/stock/movements', { kind: 'issue', depotId: abg, itemId: item, quantity: 25, toRegionCode: '152522' });
    await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 10 });

    const trace = await officer.get(`/api/donations/donors/${donor.body.id}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body.items).toEqual([expect.objectContaining({ itemId: item, received: 100, issued: 35, onHand: 64, lost: 1, inTransit: 0 })]);
    expect(trace.body.shipments).toEqual([expect.objectContaining({ toDepotId: abg, quantity: 40, status: 'received' })]);

    const pub = await f.call('GET', '/api/public/donations', null);
    expect(pub.status).toBe(200);
    const text = JSON.stringify(pub.body);
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('李四');
    expect(pub.body.donors).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '某某爱心企业', moneyFen: 5_000_000, goods: [expect.objectContaining({ received: 100, used: 35 })] }),
      expect.objectContaining({ name: '爱心人士', moneyFen: 20_000 }),
    ]));
    expectSoundLedger(f);
  });
});
