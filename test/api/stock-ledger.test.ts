import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { day, expectSoundLedger, onHand, stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const countMovements = () => (f.db.$client.prepare('SELECT count(*) AS n FROM stock_movements').get() as { n: number }).n;

describe('stock ledger', () => {
  it('a receipt creates the batch and the keeper sees it on hand', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    const res = await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 40, batchNo: 'B-1', expiresOn: day(200), origin: '呼和浩特' });
    expect(res.status).toBe(201);
    expect(res.body.movement).toMatchObject({ kind: 'receipt', quantity: 40, batchNo: 'B-1', depotId: xl, itemId: item });
    expect(res.body.balance).toEqual({ depotId: xl, itemId: item, quantity: 40 });
    const stock = await onHand(keeper, xl, item);
    expect(stock.lots).toEqual([expect.objectContaining({ batchNo: 'B-1', quantity: 40, expiry: 'ok' })]);
  });

  it('issues take the earliest-expiring batch first', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    for (const [batchNo, offset] of [['LATE', 300], ['EARLY', 40], ['MIDDLE', 100]] as const) {
      await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo, expiresOn: day(offset) });
    }
    const res = await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 15 });
    expect(res.status).toBe(201);
    expect(res.body.movements.map((m: { batchNo: string; quantity: number }) => [m.batchNo, m.quantity])).toEqual([['EARLY', -10], ['MIDDLE', -5]]);
    const stock = await onHand(keeper, xl, item);
    expect(stock.lots.map((l) => [l.batchNo, l.quantity])).toEqual([['MIDDLE', 5], ['LATE', 10]]);
  });

  it('never issues an expired batch, even when it is the only stock', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'OLD', expiresOn: day(-3) });
    const before = countMovements();
    const res = await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: 0, requested: 1 } });
    expect(countMovements()).toBe(before);
    const stock = await onHand(keeper, xl, item);
    expect(stock.lots).toEqual([expect.objectContaining({ batchNo: 'OLD', quantity: 10, expiry: 'expired' })]);
  });

  it('asking for more than is usable is refused and writes nothing', async () => {
    f = freshApp();
    const { keeper, xl, abg, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 5, batchNo: 'A' });
    const before = countMovements();
    for (const body of [
      { kind: 'issue', depotId: xl, itemId: item, quantity: 6 },
      { kind: 'transfer', depotId: xl, itemId: item, quantity: 6, toDepotId: abg },
      { kind: 'adjustment', depotId: xl, itemId: item, quantity: -6, note: '盘亏' },
    ]) {
      const res = await keeper.post('/api/stock/movements', body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
    }
    expect(countMovements()).toBe(before);
    expect((await keeper.get(`/api/shipments?depotId=${xl}&itemId=${item}`)).body.shipments).toEqual([]);
    expect((await onHand(keeper, xl, item)).quantity).toBe(5);
  });

  it('a reversal undoes an issue; reversing it again or reversing the reversal is refused', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'A', expiresOn: day(50) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'B', expiresOn: day(60) });
    const issue = await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 14 });
    const rev = await keeper.post(`/api/stock/movements/${issue.body.movement.id}/reverse`, { note: '误发' });
    expect(rev.status).toBe(201);
    expect(rev.body.movements.map((m: { quantity: number; reversesId: number }) => m.quantity)).toEqual([10, 4]);
    expect(rev.body.balance.quantity).toBe(20);
    const again = await keeper.post(`/api/stock/movements/${issue.body.movements[1].id}/reverse`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REVERSED');
    const ofReversal = await keeper.post(`/api/stock/movements/${rev.body.movement.id}/reverse`, {});
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.error.code).toBe('NOT_REVERSIBLE');
    expectSoundLedger(f);
  });

  it('a receipt whose goods were already issued cannot be reversed', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    const receipt = await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'A' });
    await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 3 });
    const rev = await keeper.post(`/api/stock/movements/${receipt.body.movement.id}/reverse`, {});
    expect(rev.status).toBe(409);
    expect(rev.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: 7, requested: 10 } });
  });

  it('a retried movement with the same Idempotency-Key answers the same and posts once', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    const body = { kind: 'receipt', depotId: xl, itemId: item, quantity: 12, batchNo: 'IDEM' };
    const before = countMovements();
    const first = await keeper.post('/api/stock/movements', body, { 'Idempotency-Key': 'rcpt-1' });
    const again = await keeper.post('/api/stock/movements', body, { 'Idempotency-Key': 'rcpt-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(countMovements()).toBe(before + 1);
    expect((await onHand(keeper, xl, item)).quantity).toBe(12);
  });

  it('an adjustment needs a note and a non-zero quantity', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    const noNote = await keeper.post('/api/stock/movements', { kind: 'adjustment', depotId: xl, itemId: item, quantity: 3 });
    expect(noNote.status).toBe(400);
    const zero = await keeper.post('/api/stock/movements', { kind: 'adjustment', depotId: xl, itemId: item, quantity: 0, note: 'x' });
    expect(zero.status).toBe(400);
    const surplus = await keeper.post('/api/stock/movements', { kind: 'adjustment', depotId: xl, itemId: item, quantity: 3, note: '盘盈' });
    expect(surplus.status).toBe(201);
    expect(surplus.body.balance.quantity).toBe(3);
  });

  it('movements are listed newest first and the database refuses to edit them', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'A' });
    await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 4 });
    const list = await keeper.get(`/api/stock/movements?depotId=${xl}&itemId=${item}`);
    expect(list.body.movements.map((m: { kind: string }) => m.kind)).toEqual(['issue', 'receipt']);
    expect(() => f.db.$client.prepare('UPDATE stock_movements SET quantity = 1').run()).toThrow(/append-only/);
    expect(() => f.db.$client.prepare('DELETE FROM stock_movements').run()).toThrow(/append-only/);
  });

  it('bad input gets a clear 4xx: unknown depot or item, malformed kinds, a batch with two expiries', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: 99999, itemId: item, quantity: 1 })).status).toBe(404);
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: 99999, quantity: 1 })).status).toBe(404);
    expect((await keeper.post('/api/stock/movements', { kind: 'steal', depotId: xl, itemId: item, quantity: 1 })).status).toBe(400);
    expect((await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: -1 })).status).toBe(400);
    expect((await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 1, toDepotId: 99999 })).status).toBe(404);
    expect((await keeper.post('/api/stock/movements/99999/reverse', {})).status).toBe(404);
    expect((await keeper.post('/api/stock/movements', { kind: 'transfer', depotId: xl, itemId: item, quantity: 1, toDepotId: xl })).status).toBe(400);
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1, producedOn: day(5), expiresOn: day(1) })).status).toBe(400);
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantitiy: 1 })).status).toBe(400);
    expect((await keeper.post('/api/stock/movements', 'not json')).status).toBe(400);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1, batchNo: 'X', expiresOn: day(10) });
    const clash = await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1, batchNo: 'X', expiresOn: day(20) });
    expect(clash.status).toBe(409);
  });
});
