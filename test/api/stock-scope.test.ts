import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('who may touch which stock', () => {
  it('a keeper acts only on their own depot', async () => {
    f = freshApp();
    const { keeperAbg, xl, item } = await stockWorld(f);
    const res = await keeperAbg.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await keeperAbg.get(`/api/stock?depotId=${xl}`)).status).toBe(403);
    expect((await keeperAbg.post('/api/stock/stocktakes', { depotId: xl })).status).toBe(403);
  });

  it('an officer acts inside their region only', async () => {
    f = freshApp();
    const { abg, item } = await stockWorld(f);
    const xlht = await f.login('officer_xlht');
    expect((await xlht.post('/api/stock/movements', { kind: 'receipt', depotId: abg, itemId: item, quantity: 1 })).status).toBe(403);
    const league = await f.login('officer');
    expect((await league.post('/api/stock/movements', { kind: 'receipt', depotId: abg, itemId: item, quantity: 1 })).status).toBe(201);
  });

  it('an auditor reads everything in scope and changes nothing', async () => {
    f = freshApp();
    const { keeper, auditor, xl, item } = await stockWorld(f);
    const receipt = await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 4, batchNo: 'A' });
    expect((await auditor.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1 })).status).toBe(403);
    expect((await auditor.post(`/api/stock/movements/${receipt.body.movement.id}/reverse`, {})).status).toBe(403);
    expect((await auditor.put('/api/reserve/targets', { depotId: xl, itemId: item, targetQuantity: 1 })).status).toBe(403);
    const read = await auditor.get(`/api/stock?depotId=${xl}&itemId=${item}`);
    expect(read.status).toBe(200);
    expect(read.body.balances[0].quantity).toBe(4);
    expect((await auditor.get(`/api/stock/movements?depotId=${xl}`)).status).toBe(200);
  });

  it('township staff cannot move depot stock, and only admins add items', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    const reporter = await f.login('reporter');
    expect((await reporter.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 1 })).status).toBe(403);
    const item2 = { code: 'X-1', name: 'x', unit: '个', category: 'test', weightKg: 1, volumeM3: 0.1 };
    expect((await keeper.post('/api/items', item2)).status).toBe(403);
  });

  it('depots: anyone signed in sees the register; only admins and officers in their area add depots', async () => {
    f = freshApp();
    const { keeperAbg, officer, admin } = await stockWorld(f);
    const list = await keeperAbg.get('/api/depots?regionCode=1525');
    expect(list.body.depots.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['XL-01', 'ABG-01']));
    const depot = { code: 'SNT-01', name: '苏尼特左旗救灾物资储备库', tier: 'county', regionCode: '152523', lon: 113.65, lat: 43.85 };
    expect((await keeperAbg.post('/api/depots', depot)).status).toBe(403);
    const created = await officer.post('/api/depots', depot);
    expect(created.status).toBe(201);
    expect((await officer.post('/api/depots', depot)).status).toBe(409);
    expect((await officer.post('/api/depots', { ...depot, code: 'GS-01', regionCode: '62' })).status).toBe(403);
    expect((await admin.post('/api/depots', { ...depot, code: 'BAD', lon: 43.85, lat: 113.65 })).status).toBe(400);
    const one = await keeperAbg.get(`/api/depots/${created.body.id}`);
    expect(one.body).toMatchObject({ code: 'SNT-01', tier: 'county', keepers: [] });
    expect((await keeperAbg.get('/api/depots/99999')).status).toBe(404);
  });
});
