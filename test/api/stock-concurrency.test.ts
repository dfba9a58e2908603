import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { expectSoundLedger, onHand, stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('concurrent issues', () => {
  it('200 simultaneous requests for one unit against 100 in stock: exactly 100 issued, the rest refused, balance 0', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 60, batchNo: 'A' });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 40, batchNo: 'B' });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 1 }, { 'Idempotency-Key': `issue-${i}` })));
    const byStatus = answers.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: 100, 409: 100 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'INSUFFICIENT_STOCK')).toBe(true);
    expect((await onHand(keeper, xl, item)).quantity).toBe(0);
    const issued = f.db.$client.prepare("SELECT -sum(quantity) AS n FROM stock_movements WHERE kind = 'issue' AND item_id = ?").get(item);
    expect(issued).toEqual({ n: 100 });
    expectSoundLedger(f);
  });

  it('two simultaneous reversals of one movement: one succeeds, the other is refused', async () => {
    f = freshApp();
    const { keeper, officer, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 10, batchNo: 'A' });
    const issue = await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 4 });
    const [a, b] = await Promise.all([
      keeper.post(`/api/stock/movements/${issue.body.movement.id}/reverse`, {}),
      officer.post(`/api/stock/movements/${issue.body.movement.id}/reverse`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await onHand(keeper, xl, item)).quantity).toBe(10);
    expectSoundLedger(f);
  });
});
