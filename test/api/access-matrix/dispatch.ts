// Dispatch: plans, their versions and approval, supply requests, waybills, an event's needs and its
// 10-hour measure. Inside: plans from depot XL-01 to the reporter's township 宝力根苏木, the demo
// blizzard. Outside: a depot, a township and an event in 甘肃 兰州 城关区.
import { allow, defineModule, everyone, idsIn, ok, PLACE, type Expect, type Scope } from '../access-matrix-kit';

/** Plans are made, changed and approved by officers and admins inside their area. */
const PLAN_IN: (status: number) => Expect = (status) => allow(status, 'admin', 'officer');
const READ_IN: Expect = allow(200, 'admin', 'officer', 'auditor');
const ADMIN_ONLY = (status: number): Expect => allow(status, 'admin');

export default defineModule({
  name: 'dispatch',
  async setup(ctx) {
    const { admin } = ctx.as;
    const depots = ok(await admin.get('/api/depots'), 200, 'depots').body.depots as { id: number; code: string }[];
    const xl = depots.find((d) => d.code === 'XL-01')!.id;
    const gansu = ok(await admin.post('/api/depots', { code: 'MX-DSP-GS', name: '甘肃调拨测试库', tier: 'county', regionCode: PLACE.gansuCounty, lon: 103.84, lat: 36.05 }), 201, 'gansu depot').body.id as number;
    const itemId = ok(await admin.post('/api/items', { code: `MX-DSP-${ctx.seq()}`, name: '矩阵调拨物资', unit: '件', category: 'test', weightKg: 2, volumeM3: 0.01 }), 201, 'item').body.id as number;
    for (const depotId of [xl, gansu]) {
      ok(await admin.post('/api/stock/movements', { kind: 'receipt', depotId, itemId, quantity: 1_000_000, batchNo: 'MX-DSP', expiresOn: '2035-12-31' }), 201, 'receipt');
    }
    const events = ok(await admin.get('/api/events'), 200, 'events').body.events as { id: number; regionCode: string }[];
    const inEvent = events.find((e) => e.regionCode === PLACE.league)!.id;
    const outEvent = ok(await admin.post('/api/events', { name: '甘肃测试过程', hazard: 'snow', startedAt: new Date(Date.now() - 3600_000).toISOString(), regionCode: PLACE.gansuCounty }), 201, 'gansu event').body.id as number;

    const where = (s: Scope) => (s === 'in' ? { depotId: xl, regionCode: PLACE.township } : { depotId: gansu, regionCode: PLACE.gansuTownship });
    const planBody = (s: Scope) => ({ depotIds: [where(s).depotId], demands: [{ regionCode: where(s).regionCode, itemId, quantity: 1 }] });
    /** A fresh draft made by the admin (each write row spends one). */
    const draft = async (s: Scope) => ok(await admin.post('/api/dispatch/plans', planBody(s)), 201, 'plan').body.id as number;
    const approved = async (s: Scope) => {
      const id = await draft(s);
      return ok(await admin.post(`/api/dispatch/plans/${id}/approve`), 200, 'approve').body.shipments[0].id as number;
    };
    const request = async (s: Scope) => ok(await admin.post('/api/dispatch/requests', { regionCode: where(s).regionCode, itemId, quantity: 3 }), 201, 'request').body.id as number;
    const versioned = async (s: Scope) => ok(await admin.post(`/api/dispatch/plans/${await draft(s)}/recompute`, {}), 201, 'recompute').body.id as number;
    return {
      itemId, planBody, draft, request,
      plan: { in: await draft('in'), out: await draft('out') } as Record<Scope, number>,
      v2: { in: await versioned('in'), out: await versioned('out') } as Record<Scope, number>,
      shipment: { in: await approved('in'), out: await approved('out') } as Record<Scope, number>,
      event: { in: inEvent, out: outEvent } as Record<Scope, number>,
      regionOf: (s: Scope) => where(s).regionCode,
    };
  },
  rows: [
    {
      route: 'POST /api/dispatch/plans',
      request: (fx, s) => ({ path: '/api/dispatch/plans', body: fx.planBody(s) }),
      in: PLAN_IN(201), out: ADMIN_ONLY(201),
    },
    {
      route: 'GET /api/dispatch/plans',
      request: () => ({ path: '/api/dispatch/plans' }),
      in: READ_IN, out: READ_IN,
      // The same list, checked for leaks: nobody but the admin sees a plan in 甘肃.
      check: (res, fx, s, actor) => {
        if (res.status !== 200) return;
        const ids = idsIn(res.body.plans);
        if (s === 'out' && actor !== 'admin' && ids.includes(fx.plan.out)) throw new Error(`${actor} sees a plan outside their area`);
        if (s === 'in' && !ids.includes(fx.plan.in)) throw new Error(`${actor} does not see the plan in their area`);
      },
    },
    { route: 'GET /api/dispatch/plans/{id}', request: (fx, s) => ({ path: `/api/dispatch/plans/${fx.plan[s]}` }), in: READ_IN, out: ADMIN_ONLY(200) },
    { route: 'GET /api/dispatch/plans/{id}/compare', request: (fx, s) => ({ path: `/api/dispatch/plans/${fx.v2[s]}/compare` }), in: READ_IN, out: ADMIN_ONLY(200) },
    {
      route: 'POST /api/dispatch/plans/{id}/recompute',
      request: async (fx, s) => ({ path: `/api/dispatch/plans/${await fx.draft(s)}/recompute`, body: {} }),
      in: PLAN_IN(201), out: ADMIN_ONLY(201),
    },
    {
      route: 'POST /api/dispatch/plans/{id}/approve',
      request: async (fx, s) => ({ path: `/api/dispatch/plans/${await fx.draft(s)}/approve` }),
      in: PLAN_IN(200), out: ADMIN_ONLY(200),
    },
    {
      route: 'POST /api/dispatch/plans/{id}/cancel',
      request: async (fx, s) => ({ path: `/api/dispatch/plans/${await fx.draft(s)}/cancel`, body: {} }),
      in: PLAN_IN(200), out: ADMIN_ONLY(200),
    },
    { route: 'GET /api/dispatch/depots', request: (fx, s) => ({ path: `/api/dispatch/depots?planId=${fx.plan[s]}` }), in: READ_IN, out: ADMIN_ONLY(200) },
    { route: 'GET /api/dispatch/standards', why: 'national need standards, truck types and the 10-hour target', request: () => ({ path: '/api/dispatch/standards' }), in: everyone(200) },
    {
      route: 'POST /api/dispatch/requests',
      request: (fx, s) => ({ path: '/api/dispatch/requests', body: { regionCode: fx.regionOf(s), itemId: fx.itemId, quantity: 5, priority: 4 } }),
      in: allow(201, 'admin', 'officer', 'reporter'), out: ADMIN_ONLY(201),
    },
    {
      route: 'GET /api/dispatch/requests',
      request: (fx, s) => ({ path: `/api/dispatch/requests?regionCode=${fx.regionOf(s)}` }),
      in: allow(200, 'admin', 'officer', 'reporter', 'auditor'), out: ADMIN_ONLY(200),
    },
    {
      route: 'POST /api/dispatch/requests/{id}/cancel',
      request: async (fx, s) => ({ path: `/api/dispatch/requests/${await fx.request(s)}/cancel` }),
      in: allow(200, 'admin', 'officer', 'reporter'), out: ADMIN_ONLY(200),
    },
    {
      route: 'GET /api/dispatch/waybills/{id}', why: 'both ends of the shipment read it: the sending keeper and the receiving township',
      request: (fx, s) => ({ path: `/api/dispatch/waybills/${fx.shipment[s]}` }),
      in: everyone(200), out: ADMIN_ONLY(200),
    },
    { route: 'GET /api/events/{id}/needs', request: (fx, s) => ({ path: `/api/events/${fx.event[s]}/needs` }), in: READ_IN, out: ADMIN_ONLY(200) },
    { route: 'GET /api/events/{id}/relief-speed', request: (fx, s) => ({ path: `/api/events/${fx.event[s]}/relief-speed` }), in: READ_IN, out: ADMIN_ONLY(200) },
  ],
});

