import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { accepted, newEvent } from '../support/reports';
import standards from '../../db/seed/need-standards.json';

// Two Xilinhot townships with demo reporter accounts; XL-01 (the league depot) is near both.
const TOWN_A = '152502201';
const TOWN_B = '152502203';
const HOUR = 3600_000;

let f: ReturnType<typeof freshApp>;
let officer: Client, reporterA: Client, reporterB: Client, keeper: Client;
let xl: number, abg: number, tent: number, water: number;
beforeEach(async () => {
  f = freshApp();
  [officer, reporterA, reporterB, keeper] = await Promise.all(['officer', `reporter_${TOWN_A}`, `reporter_${TOWN_B}`, 'keeper'].map((u) => f.login(u)));
  const depots = (await officer.get('/api/depots')).body.depots as { id: number; code: string }[];
  xl = depots.find((d) => d.code === 'XL-01')!.id;
  abg = depots.find((d) => d.code === 'ABG-01')!.id;
  const items = (await officer.get('/api/items')).body.items as { id: number; code: string }[];
  tent = items.find((i) => i.code === 'TENT-12')!.id;
  water = items.find((i) => i.code === 'WATER')!.id;
});
afterEach(() => f.close());

const people = { affected: 100, relocated: 40, relocatedCentralized: 40, needEmergencyAid: 20 };
async function eventWithNeed(hoursAgo: number, towns: [Client, string][]) {
  const id = await newEvent(officer, { startedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString() });
  for (const [reporter, code] of towns) await accepted(reporter, officer, id, code, 'initial', people);
  return id;
}
async function approvedPlan(body: Record<string, unknown>) {
  const p = await officer.post('/api/dispatch/plans', { depotIds: [xl], ...body });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  const a = await officer.post(`/api/dispatch/plans/${p.body.id}/approve`);
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return { plan: p.body, shipments: a.body.shipments as { id: number; quantity: number; toRegionCode: string; itemId: number }[] };
}
const needOf = (needs: { demands: { regionCode: string; itemId: number; source: string; suggested: number; shipped: number; quantity: number }[] }, code: string, itemId: number) =>
  needs.demands.find((d) => d.regionCode === code && d.itemId === itemId && d.source === 'standard');

describe('needs', () => {
  it('suggests accepted figures × the need standards, less what was shipped and not lost', async () => {
    const eventId = await eventWithNeed(1, [[reporterA, TOWN_A]]);
    const res = await officer.get(`/api/events/${eventId}/needs`);
    expect(res.status).toBe(200);
    const rule = (code: string) => standards.standards.find((s) => s.itemCode === code)!;
    // One 12 m² tent per 4 relocated; water per 6 person-days for 3 days, for relocated + needing aid.
    const tentRule = rule('TENT-12'), waterRule = rule('WATER');
    expect(needOf(res.body, TOWN_A, tent)).toMatchObject({ suggested: Math.ceil((40 * tentRule.quantity) / tentRule.perPeople), shipped: 0, quantity: 10 });
    expect(needOf(res.body, TOWN_A, water)).toMatchObject({ suggested: Math.ceil((60 * waterRule.quantity) / waterRule.perPeople) * waterRule.days!, quantity: 30 });
    expect(res.body.standards.find((s: { itemCode: string }) => s.itemCode === 'TENT-12').source).toMatch(/tent/);
    // Seasonal items follow the month the event started in.
    const month = Number(new Date(Date.now() + 8 * HOUR - HOUR).toISOString().slice(5, 7));
    const quilt = res.body.demands.find((d: { itemCode: string; regionCode: string }) => d.itemCode === 'QUILT' && d.regionCode === TOWN_A);
    expect(Boolean(quilt)).toBe(rule('QUILT').months!.includes(month));

    const { shipments } = await approvedPlan({ eventId, demands: [{ regionCode: TOWN_A, itemId: tent, quantity: 10 }] });
    expect(needOf((await officer.get(`/api/events/${eventId}/needs`)).body, TOWN_A, tent)).toMatchObject({ suggested: 10, shipped: 10, quantity: 0 });
    // Three tents arrive torn: they are still needed.
    const got = await reporterA.post(`/api/shipments/${shipments[0].id}/receive`, { receivedQuantity: 7, damagedQuantity: 3, receiverName: '乌云' });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(needOf((await officer.get(`/api/events/${eventId}/needs`)).body, TOWN_A, tent)).toMatchObject({ shipped: 7, quantity: 3 });
  });

  it('a township asks for goods; its request is a demand until a plan carrying it is approved', async () => {
    const eventId = await eventWithNeed(1, [[reporterA, TOWN_A]]);
    const req = await reporterA.post('/api/dispatch/requests', { eventId, regionCode: TOWN_A, itemId: water, quantity: 25, priority: 5, note: '集中安置点断水' });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body).toMatchObject({ status: 'open', priority: 5, requestedByName: `reporter_${TOWN_A}` });
    expect((await reporterA.post('/api/dispatch/requests', { regionCode: TOWN_B, itemId: water, quantity: 5 })).status).toBe(403);
    expect((await reporterA.post('/api/dispatch/requests', { regionCode: TOWN_A, itemId: water, quantity: 5, priority: 0 })).status).toBe(400);
    expect((await officer.post('/api/dispatch/requests', { regionCode: '1525', itemId: water, quantity: 5 })).status).toBe(400);
    expect((await keeper.post('/api/dispatch/requests', { regionCode: TOWN_A, itemId: water, quantity: 5 })).status).toBe(403);
    const needs = (await officer.get(`/api/events/${eventId}/needs`)).body;
    expect(needs.demands).toContainEqual(expect.objectContaining({ source: 'request', requestId: req.body.id, regionCode: TOWN_A, itemId: water, quantity: 25, priority: 5 }));
    await approvedPlan({ eventId, demands: [{ regionCode: TOWN_A, itemId: water, quantity: 25, priority: 5, requestId: req.body.id }] });
    const after = (await reporterA.get(`/api/dispatch/requests?eventId=${eventId}`)).body.requests;
    expect(after).toEqual([expect.objectContaining({ id: req.body.id, status: 'planned' })]);
    expect((await officer.get(`/api/events/${eventId}/needs`)).body.demands.filter((d: { source: string }) => d.source === 'request')).toEqual([]);
  });

  it('two requests for the same goods in one plan are both marked planned on approval', async () => {
    const eventId = await eventWithNeed(1, [[reporterA, TOWN_A]]);
    const ask = async (quantity: number) => (await reporterA.post('/api/dispatch/requests', { eventId, regionCode: TOWN_A, itemId: tent, quantity, priority: 4 })).body.id as number;
    const [r1, r2] = [await ask(2), await ask(3)];
    const { plan } = await approvedPlan({ eventId, demands: [r1, r2].map((requestId, i) => ({ regionCode: TOWN_A, itemId: tent, quantity: i + 2, priority: 4, requestId })) });
    expect(plan.met).toBe(5);
    const rows = (await officer.get(`/api/dispatch/requests?eventId=${eventId}`)).body.requests as { id: number; status: string; planId: number }[];
    expect(rows.map((r) => [r.id, r.status, r.planId]).sort()).toEqual([[r1, 'planned', plan.id], [r2, 'planned', plan.id]].sort());
  });

  it('the demo blizzard opens with two townships\' requests among its needs', async () => {
    const events = (await officer.get('/api/events')).body.events as { id: number; name: string }[];
    const blizzard = events.find((e) => e.name.includes('暴风雪'))!;
    const needs = (await officer.get(`/api/events/${blizzard.id}/needs`)).body;
    const requests = needs.demands.filter((d: { source: string }) => d.source === 'request');
    expect(requests).toEqual(expect.arrayContaining([
      expect.objectContaining({ regionCode: '152522200', itemCode: 'TENT-12', quantity: 40, priority: 5 }),
      expect.objectContaining({ regionCode: '152525200', itemCode: 'GENERATOR', quantity: 3, priority: 4 }),
    ]));
    expect(needs.demands.filter((d: { source: string }) => d.source === 'standard').length).toBeGreaterThan(20);
  });
});

describe('tracking', () => {
  it('a receipt with damaged goods shows delivered and lost in the plan', async () => {
    const { plan, shipments } = await approvedPlan({ demands: [{ regionCode: TOWN_A, itemId: tent, quantity: 20 }, { regionCode: TOWN_B, itemId: tent, quantity: 8 }] });
    const toA = shipments.find((s) => s.toRegionCode === TOWN_A)!;
    const got = await reporterA.post(`/api/shipments/${toA.id}/receive`, { receivedQuantity: 15, damagedQuantity: 2, receiverName: '巴特尔' });
    expect(got.status).toBe(200);
    const p = (await officer.get(`/api/dispatch/plans/${plan.id}`)).body;
    const flowA = p.flows.find((x: { regionCode: string }) => x.regionCode === TOWN_A);
    expect(flowA.tracking).toMatchObject({ state: 'delivered', delivered: 15, damaged: 2, missing: 3, lost: 5 });
    expect(p.flows.find((x: { regionCode: string }) => x.regionCode === TOWN_B).tracking.state).toMatch(/in_transit|overdue/);
    expect(p.tracking).toMatchObject({ flows: 2, delivered: 1, lost: 5, quantityDelivered: 15 });
  });

  it('a shipment still on the road after its ETA is overdue', async () => {
    // A 0 km road gives an ETA of the moment of approval.
    const { plan } = await approvedPlan({ demands: [{ regionCode: TOWN_A, itemId: tent, quantity: 2 }], roadKm: [{ depotId: xl, regionCode: TOWN_A, km: 0 }] });
    await new Promise((r) => setTimeout(r, 20));
    const p = (await officer.get(`/api/dispatch/plans/${plan.id}`)).body;
    expect(p.flows[0].tracking.state).toBe('overdue');
    expect(p.tracking.overdue).toBe(1);
  });

  it('the 10-hour measure: share of townships in need whose first delivery arrived within 10 hours of the start', async () => {
    const recent = await eventWithNeed(3, [[reporterA, TOWN_A], [reporterB, TOWN_B]]);
    const { shipments } = await approvedPlan({ eventId: recent, demands: [{ regionCode: TOWN_A, itemId: tent, quantity: 10 }] });
    expect((await reporterA.post(`/api/shipments/${shipments[0].id}/receive`, { receivedQuantity: 10 })).status).toBe(200);
    const speed = (await officer.get(`/api/events/${recent}/relief-speed`)).body;
    expect(speed).toMatchObject({ targetHours: 10, townshipsWithNeed: 2, servedWithinTarget: 1, waiting: 1, share: 0.5 });
    expect(speed.targetSource).toMatch(/十四五/);
    const a = speed.townships.find((t: { regionCode: string }) => t.regionCode === TOWN_A);
    expect(a.state).toBe('served');
    expect(a.hours).toBeGreaterThan(2.9);
    expect(a.hours).toBeLessThan(3.2);

    const old = await eventWithNeed(12, [[reporterA, TOWN_A], [reporterB, TOWN_B]]);
    const late = await approvedPlan({ eventId: old, demands: [{ regionCode: TOWN_A, itemId: tent, quantity: 10 }] });
    expect((await reporterA.post(`/api/shipments/${late.shipments[0].id}/receive`, { receivedQuantity: 10 })).status).toBe(200);
    const oldSpeed = (await officer.get(`/api/events/${old}/relief-speed`)).body;
    expect(oldSpeed).toMatchObject({ townshipsWithNeed: 2, servedWithinTarget: 0, servedLate: 1, missed: 1, share: 0 });
    expect((await keeper.get(`/api/events/${old}/relief-speed`)).status).toBe(403);
  });

  it('the waybill shows from, to, goods, batches and weight to the people on both ends only', async () => {
    const { shipments } = await approvedPlan({ demands: [{ regionCode: TOWN_A, itemId: water, quantity: 40 }] });
    const res = await keeper.get(`/api/dispatch/waybills/${shipments[0].id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const wb = res.body;
    expect(wb.waybillNo).toMatch(/^DB-\d{8}-\d{6}$/);
    expect(wb.from).toMatchObject({ id: xl, name: '锡林郭勒盟救灾物资储备库' });
    expect(wb.to).toMatchObject({ kind: 'region', regionCode: TOWN_A });
    expect(wb.item.code).toBe('WATER');
    expect(wb.lots.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0)).toBe(40);
    expect(wb.loading.weightKg).toBeCloseTo(40 * wb.item.weightKg, 1);
    expect(wb.plan).toMatchObject({ approvedByName: 'officer' });
    expect((await reporterA.get(`/api/dispatch/waybills/${shipments[0].id}`)).status).toBe(200);
    expect((await (await f.login('keeper_abg')).get(`/api/dispatch/waybills/${shipments[0].id}`)).status).toBe(403);
    expect((await keeper.get('/api/dispatch/waybills/999999')).status).toBe(404);
    expect(abg).toBeGreaterThan(0);
  });
});
