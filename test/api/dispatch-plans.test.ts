import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { day, expectSoundLedger, onHand, stockWorld } from '../support/stock';

// 朝克乌拉苏木 (Xilinhot) lies next to the league depot XL-01; 阿巴嘎旗's township next to ABG-01.
const XLHT_TOWN = '152502201';
const ABG_TOWN = '152522200';

let f: ReturnType<typeof freshApp>;
let w: Awaited<ReturnType<typeof stockWorld>>;
beforeEach(async () => {
  f = freshApp();
  w = await stockWorld(f);
});
afterEach(() => f.close());

async function receive(depotId: number, itemId: number, quantity: number, extra: Record<string, unknown> = {}) {
  const res = await w.officer.post('/api/stock/movements', { kind: 'receipt', depotId, itemId, quantity, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}
async function plan(body: Record<string, unknown>, client = w.officer) {
  const res = await client.post('/api/dispatch/plans', { depotIds: [w.xl, w.abg], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
type Flow = { depotId: number; regionCode: string; itemId: number; quantity: number; km: number; hours: number };
const sent = (p: { flows: Flow[] }, depotId: number, regionCode: string) =>
  p.flows.filter((x) => x.depotId === depotId && x.regionCode === regionCode).reduce((s, x) => s + x.quantity, 0);
const unmetTotal = (p: { unmet: { quantity: number }[] }) => p.unmet.reduce((s, u) => s + u.quantity, 0);

describe('planning', () => {
  it('meets demand from the nearest depots, reports the rest unmet and costs Σ quantity × km', async () => {
    await receive(w.xl, w.item, 100);
    await receive(w.abg, w.item, 50);
    const p = await plan({ demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 120 }, { regionCode: ABG_TOWN, itemId: w.item, quantity: 60 }] });
    expect(p).toMatchObject({ status: 'draft', version: 1, demanded: 180, met: 150 });
    expect(sent(p, w.xl, XLHT_TOWN)).toBe(100);
    expect(sent(p, w.abg, ABG_TOWN)).toBe(50);
    expect(unmetTotal(p)).toBe(30);
    for (const x of p.flows) expect(Object.keys(x)).toEqual(expect.arrayContaining(['depotId', 'regionCode', 'itemId', 'quantity', 'km', 'hours']));
    const approx = p.flows.reduce((s: number, x: Flow) => s + x.quantity * x.km, 0);
    expect(Math.abs(p.cost - approx)).toBeLessThan(0.05 * 150);
    for (const x of p.flows) expect(x.hours).toBeCloseTo(x.km / 60, 1); // 60 km/h unless configured
  });

  it('meets the priority-5 demand first even when the priority-1 demand is next door', async () => {
    await receive(w.xl, w.item, 40);
    const p = await plan({
      depotIds: [w.xl],
      demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 40, priority: 1 }, { regionCode: ABG_TOWN, itemId: w.item, quantity: 30, priority: 5 }],
    });
    expect(sent(p, w.xl, ABG_TOWN)).toBe(30);
    expect(sent(p, w.xl, XLHT_TOWN)).toBe(10);
    expect(p.metByPriority).toMatchObject({ 5: 30, 1: 10 });
  });

  it('each flow carries its weight, volume and the trucks it needs by truck type', async () => {
    const quilt = await w.newItem({ weightKg: 3, volumeM3: 0.04 });
    await receive(w.xl, quilt, 2000);
    const p = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: quilt, quantity: 2000 }] });
    const [flow] = p.flows;
    expect(flow.loading).toMatchObject({ weightKg: 6000, volumeM3: 80 });
    // 80 m³ of quilts fill five 16 m³ light vans or one 80 m³ semi-trailer: volume decides.
    expect(flow.loading.trucks).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'VAN-4.2', trucks: 5, bound: 'volume' }),
      expect.objectContaining({ code: 'SEMI-13', trucks: 1 }),
    ]));
  });

  it('never plans expired lots or lots that expire before the goods arrive', async () => {
    // At 1 km/h every trip takes days, so a lot good for two more days cannot arrive in time.
    f.close();
    f = freshApp({ env: { SPEED_KMH: '1' } });
    w = await stockWorld(f);
    await receive(w.abg, w.item, 10, { batchNo: 'OLD', expiresOn: day(-1) });
    await receive(w.abg, w.item, 20, { batchNo: 'SOON', expiresOn: day(2) });
    await receive(w.abg, w.item, 30, { batchNo: 'GOOD', expiresOn: day(60) });
    const p = await plan({ depotIds: [w.abg], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 100 }] });
    expect(p.flows[0].hours).toBeGreaterThan(72);
    expect(p.met).toBe(30);
    expect(p.stock).toEqual([expect.objectContaining({ depotId: w.abg, itemId: w.item, usable: 30 })]);
    const approved = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.shipments[0].lots).toEqual([expect.objectContaining({ batchNo: 'GOOD', quantity: 30 })]);
  });

  it('maxHours keeps slow roads out, a closed road is never used, and an officer\'s road km is used', async () => {
    await receive(w.xl, w.item, 50);
    await receive(w.abg, w.item, 50);
    const demand = [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 80 }];
    // Each variant is dropped after its check, so its promise does not starve the next one.
    const variant = async (body: Record<string, unknown>) => {
      const p = await plan(body);
      expect((await w.officer.post(`/api/dispatch/plans/${p.id}/cancel`, {})).status).toBe(200);
      return p;
    };
    const fast = await variant({ demands: demand, maxHours: 2.5 }); // ABG-01 is ~1.9 h away, XL-01 ~3.4 h
    expect(fast.flows).toEqual([expect.objectContaining({ depotId: w.abg, quantity: 50 })]);
    expect(fast.met).toBe(50);
    const closed = await variant({ demands: demand, closedArcs: [{ depotId: w.abg, regionCode: ABG_TOWN }] });
    expect(sent(closed, w.abg, ABG_TOWN)).toBe(0);
    expect(closed.met).toBe(50);
    const cut = await variant({ demands: demand, closedRegions: [ABG_TOWN] });
    expect(cut.flows).toEqual([]);
    expect(cut.unmet).toEqual([{ regionCode: ABG_TOWN, regionName: expect.any(String), itemId: w.item, quantity: 80 }]);
    const road = await variant({ demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 10 }], roadKm: [{ depotId: w.abg, regionCode: ABG_TOWN, km: 900 }] });
    expect(road.flows).toEqual([expect.objectContaining({ depotId: w.xl })]);
  });

  it('stock promised to another draft is not planned twice; cancelling that draft frees it', async () => {
    await receive(w.xl, w.item, 100);
    const first = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 70 }] });
    const second = await plan({ depotIds: [w.xl], demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 70 }] });
    expect(second.met).toBe(30);
    expect(second.stock).toEqual([{ depotId: w.xl, itemId: w.item, usable: 100, promised: 70, planned: 30 }]);
    // The map shows what other drafts hold; a plan's own versions do not count against it.
    const stockOf = async (q: string) => ((await w.officer.get(`/api/dispatch/depots${q}`)).body.depots as { id: number; stock: { itemId: number }[] }[])
      .find((d) => d.id === w.xl)!.stock.find((x) => x.itemId === w.item);
    expect(await stockOf('')).toEqual({ itemId: w.item, usable: 100, promised: 100, available: 0 });
    expect(await stockOf(`?planId=${first.id}`)).toEqual({ itemId: w.item, usable: 100, promised: 30, available: 70 });
    expect((await w.officer.post(`/api/dispatch/plans/${first.id}/cancel`, {})).status).toBe(200);
    const again = await w.officer.post(`/api/dispatch/plans/${second.id}/recompute`, {});
    expect(again.status).toBe(201);
    expect(again.body.met).toBe(70);
  });

  it('recomputing a draft makes the next version and the comparison shows what changed', async () => {
    await receive(w.xl, w.item, 60);
    await receive(w.abg, w.item, 60);
    const v1 = await plan({ demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 100 }] });
    const res = await w.officer.post(`/api/dispatch/plans/${v1.id}/recompute`, { closedArcs: [{ depotId: w.abg, regionCode: ABG_TOWN }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const v2 = res.body;
    expect(v2).toMatchObject({ version: 2, previousId: v1.id, familyId: v1.id, status: 'draft', met: 60 });
    expect(v2.previous).toMatchObject({ id: v1.id, version: 1, met: 100 });
    expect((await w.officer.get(`/api/dispatch/plans/${v1.id}`)).body.status).toBe('superseded');
    const cmp = await w.officer.get(`/api/dispatch/plans/${v2.id}/compare`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.delta).toMatchObject({ met: -40, unmet: 40 });
    expect(cmp.body.delta.cost).toBeCloseTo(v2.cost - v1.cost, 6);
    expect(cmp.body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ depotId: w.abg, regionCode: ABG_TOWN, before: 60, after: 0 })]));
    // The superseded version is history: neither recomputed nor approved.
    expect((await w.officer.post(`/api/dispatch/plans/${v1.id}/recompute`, {})).body.error.code).toBe('INVALID_TRANSITION');
    expect((await w.officer.post(`/api/dispatch/plans/${v1.id}/approve`)).status).toBe(409);
    const list = await w.officer.get('/api/dispatch/plans?status=draft');
    expect(list.body.plans.map((x: { id: number }) => x.id)).toContain(v2.id);
    expect(list.body.plans.map((x: { id: number }) => x.id)).not.toContain(v1.id);
  });
});

describe('approval', () => {
  it('moves stock exactly as the flows say: FEFO issue movements and shipments in transit with an ETA', async () => {
    await receive(w.xl, w.item, 30, { batchNo: 'LATE', expiresOn: day(200) });
    await receive(w.xl, w.item, 40, { batchNo: 'EARLY', expiresOn: day(100) });
    await receive(w.abg, w.item, 50);
    const p = await plan({ demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 60 }, { regionCode: ABG_TOWN, itemId: w.item, quantity: 45 }] });
    const before = { xl: (await onHand(w.officer, w.xl, w.item)).quantity, abg: (await onHand(w.officer, w.abg, w.item)).quantity };
    const t0 = Date.now();
    const res = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.shipments).toHaveLength(p.flows.length);
    for (const x of p.flows as Flow[]) {
      const s = res.body.shipments.find((y: { fromDepotId: number; toRegionCode: string }) => y.fromDepotId === x.depotId && y.toRegionCode === x.regionCode);
      expect(s).toMatchObject({ status: 'in_transit', quantity: x.quantity, itemId: x.itemId, planId: p.id });
      expect(Math.abs(new Date(s.etaAt).getTime() - (t0 + x.hours * 3600_000))).toBeLessThan(60_000);
    }
    const out = (depotId: number) => (p.flows as Flow[]).filter((x) => x.depotId === depotId).reduce((s, x) => s + x.quantity, 0);
    expect((await onHand(w.officer, w.xl, w.item)).quantity).toBe(before.xl - out(w.xl));
    expect((await onHand(w.officer, w.abg, w.item)).quantity).toBe(before.abg - out(w.abg));
    // FEFO: the batch expiring first left first.
    const xlLots = (await onHand(w.officer, w.xl, w.item)).lots;
    expect(xlLots.find((l) => l.batchNo === 'EARLY')?.quantity ?? 0).toBe(Math.max(0, 40 - out(w.xl)));
    const moves = (await w.officer.get(`/api/stock/movements?itemId=${w.item}&kind=dispatch`)).body.movements;
    expect(moves.reduce((s: number, m: { quantity: number }) => s + m.quantity, 0)).toBe(-(out(w.xl) + out(w.abg)));
    expect(new Set(moves.map((m: { shipmentId: number }) => m.shipmentId))).toEqual(new Set(res.body.shipments.map((s: { id: number }) => s.id)));
    const listed = await w.officer.get(`/api/shipments?planId=${p.id}`);
    expect(listed.body.shipments).toHaveLength(p.flows.length);
    const after = (await w.officer.get(`/api/dispatch/plans/${p.id}`)).body;
    expect(after).toMatchObject({ status: 'approved', approvedByName: 'officer', tracking: { inTransit: p.flows.length, delivered: 0 } });
    expectSoundLedger(f);
  });

  it('approving twice is refused; the same Idempotency-Key replays the first answer', async () => {
    await receive(w.xl, w.item, 10);
    const p = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 10 }] });
    const key = { 'Idempotency-Key': `approve-${p.id}` };
    const first = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`, {}, key);
    expect(first.status).toBe(200);
    const replay = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`, {}, key);
    expect(replay).toMatchObject({ status: 200, body: first.body });
    const again = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    expect((await w.officer.get(`/api/shipments?planId=${p.id}`)).body.shipments).toHaveLength(1);
  });

  it('a plan the stock no longer covers is refused with STALE_PLAN and nothing moves', async () => {
    await receive(w.xl, w.item, 50);
    const p = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 50 }] });
    const issued = await w.keeper.post('/api/stock/movements', { kind: 'issue', depotId: w.xl, itemId: w.item, quantity: 20 });
    expect(issued.status).toBe(201);
    const res = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'STALE_PLAN', details: { short: [{ depotId: w.xl, itemId: w.item, planned: 50, available: 30 }] } });
    expect((await onHand(w.officer, w.xl, w.item)).quantity).toBe(30);
    expect((await w.officer.get(`/api/shipments?planId=${p.id}`)).body.shipments).toEqual([]);
    expect((await w.officer.get(`/api/dispatch/plans/${p.id}`)).body.status).toBe('draft');
    // Recomputed on today's stock, it plans what there is and can be approved.
    const v2 = (await w.officer.post(`/api/dispatch/plans/${p.id}/recompute`, {})).body;
    expect(v2.met).toBe(30);
    expect((await w.officer.post(`/api/dispatch/plans/${v2.id}/approve`)).status).toBe(200);
  });

  it('of two plans competing for the same stock approved at once, exactly one succeeds and no balance goes negative', async () => {
    await receive(w.xl, w.item, 100);
    const a = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 60 }] });
    const b = await plan({ depotIds: [w.xl], demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 60 }] });
    expect(b.met).toBe(40); // a's 60 are promised
    // Stock shrinks after planning: 70 left cannot serve a's 60 and b's 40 both.
    expect((await w.keeper.post('/api/stock/movements', { kind: 'issue', depotId: w.xl, itemId: w.item, quantity: 30 })).status).toBe(201);
    const [ra, rb] = await Promise.all([w.officer.post(`/api/dispatch/plans/${a.id}/approve`), w.officer.post(`/api/dispatch/plans/${b.id}/approve`)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    expect([ra, rb].find((r) => r.status === 409)!.body.error.code).toBe('STALE_PLAN');
    const winner = ra.status === 200 ? a : b;
    expect((await onHand(w.officer, w.xl, w.item)).quantity).toBe(70 - winner.met);
    const negative = f.db.$client.prepare('SELECT count(*) AS n FROM stock_balances WHERE quantity < 0').get() as { n: number };
    expect(negative.n).toBe(0);
    expectSoundLedger(f);
  });
});

describe('who may plan and approve', () => {
  it('keepers, township staff and auditors may not plan or approve; auditors may read', async () => {
    await receive(w.xl, w.item, 10);
    const p = await plan({ depotIds: [w.xl], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 10 }] });
    const reporter = await f.login('reporter');
    for (const c of [w.keeper, reporter, w.auditor]) {
      expect((await c.post('/api/dispatch/plans', { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 1 }] })).status).toBe(403);
      expect((await c.post(`/api/dispatch/plans/${p.id}/approve`)).status).toBe(403);
    }
    expect((await w.auditor.get(`/api/dispatch/plans/${p.id}`)).status).toBe(200);
    expect((await w.keeper.get(`/api/dispatch/plans/${p.id}`)).status).toBe(403);
    expect((await f.login('reporter')).user.role).toBe('reporter');
  });

  it('an officer outside the plan\'s regions cannot see it, and a county officer cannot plan for another county', async () => {
    await receive(w.xl, w.item, 10);
    await receive(w.abg, w.item, 10);
    const p = await plan({ demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 10 }] });
    const xlht = await f.login('officer_xlht');
    expect((await xlht.get(`/api/dispatch/plans/${p.id}`)).status).toBe(403);
    expect((await xlht.post(`/api/dispatch/plans/${p.id}/approve`)).status).toBe(403);
    expect((await xlht.get('/api/dispatch/plans')).body.plans.map((x: { id: number }) => x.id)).not.toContain(p.id);
    const foreign = await xlht.post('/api/dispatch/plans', { demands: [{ regionCode: ABG_TOWN, itemId: w.item, quantity: 1 }] });
    expect(foreign.status).toBe(403);
    const farDepot = await xlht.post('/api/dispatch/plans', { depotIds: [w.abg], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 1 }] });
    expect(farDepot.status).toBe(403);
    // Its own township from its own depots: allowed, and only its depots are drawn on.
    const own = await xlht.post('/api/dispatch/plans', { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5 }] });
    expect(own.status).toBe(201);
    expect(own.body.inputs.depotIds).toEqual([w.xl]);
    const approved = await w.officer.post(`/api/dispatch/plans/${p.id}/approve`);
    expect(approved.status).toBe(200);
    const audit = f.db.$client.prepare("SELECT username FROM audit_log WHERE action = 'dispatch.plan.approve' AND entity_id = ?").all(String(p.id));
    expect(audit).toEqual([{ username: 'officer' }]);
  });

  it('bad input is refused with 400, unknown things with 404, and nothing is stored', async () => {
    const bad = [
      {},
      { demands: [] },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 0 }] },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 2.5 }] },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5, priority: 6 }] },
      { demands: [{ regionCode: 'nowhere', itemId: w.item, quantity: 5 }] },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5 }], maxHours: -1 },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5 }], quantitiy: 3 },
      { demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5 }], roadKm: [{ depotId: w.xl, regionCode: XLHT_TOWN, km: -4 }] },
    ];
    for (const body of bad) {
      const res = await w.officer.post('/api/dispatch/plans', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await w.officer.post('/api/dispatch/plans', { demands: [{ regionCode: '152502999', itemId: w.item, quantity: 5 }] })).status).toBe(404);
    expect((await w.officer.post('/api/dispatch/plans', { demands: [{ regionCode: XLHT_TOWN, itemId: 999999, quantity: 5 }] })).status).toBe(404);
    expect((await w.officer.post('/api/dispatch/plans', { depotIds: [999999], demands: [{ regionCode: XLHT_TOWN, itemId: w.item, quantity: 5 }] })).status).toBe(404);
    expect((await w.officer.post('/api/dispatch/plans/999999/approve')).status).toBe(404);
    expect((await w.officer.get('/api/dispatch/plans/abc')).status).toBe(400);
    expect((await w.officer.get('/api/dispatch/plans')).body.plans).toEqual([]);
  });
});
