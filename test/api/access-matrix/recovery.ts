// Recovery: households, housing rebuild, spot checks, public notices, standards, the map,
// winter-spring aid, transitional aid, condolences, requisitions and funds.
// Inside: village 伊利勒特嘎查 (152502200200) of the reporter's township, county 锡林浩特市 (152502).
// Outside: a village made in 兰州 城关区 酒泉路街道 (620102001901), county 620102.
// The league officer (1525) sits above the county, so county decisions are theirs to take.
import type { Client } from '../../support/fresh-app';
import { allocation, daysAgo, household, ledgerEntry, newId, step, toCountyApproved } from '../recovery-fixtures';
import { allow, defineModule, idsIn, ok, PLACE, type Actor, type Expect, type Scope } from '../access-matrix-kit';

const GANSU_VILLAGE = '620102001901';
const READERS_IN: Expect = allow(200, 'admin', 'officer', 'reporter', 'auditor');
const READERS_OUT: Expect = allow(200, 'admin');
const FIELD_IN = (status: number) => allow(status, 'admin', 'officer', 'reporter');
const OFFICERS = (status: number) => allow(status, 'admin', 'officer');
/** A region-addressed read: the reporter asks about their township, everyone else about the county. */
const regionFor = (s: Scope, a: Actor) => (s === 'out' ? PLACE.gansuCounty : a === 'reporter' ? PLACE.township : PLACE.county);

export default defineModule({
  name: 'recovery',
  async setup(ctx) {
    const { admin, reporter } = ctx.as;
    ok(await admin.post('/api/regions', { code: GANSU_VILLAGE, name: '矩阵测试村', level: 'village', parentCode: PLACE.gansuTownship, lon: 103.83, lat: 36.08 }), 201, 'gansu village');
    const depots = ok(await admin.get('/api/depots'), 200, 'depots').body.depots as { id: number; code: string }[];
    const xl = depots.find((d) => d.code === 'XL-01')!.id;
    const gsDepot = ok(await admin.post('/api/depots', { code: 'MX-GS-R', name: '甘肃测试库', tier: 'county', regionCode: PLACE.gansuCounty, lon: 103.84, lat: 36.05 }), 201, 'gansu depot').body.id as number;
    const itemId = (ok(await admin.get('/api/items'), 200, 'items').body.items[0] as { id: number }).id;
    for (const depotId of [xl, gsDepot]) ok(await admin.post('/api/stock/movements', { kind: 'receipt', depotId, itemId, quantity: 100_000, batchNo: 'MX-R' }), 201, 'stock');

    const villageOf = (s: Scope) => (s === 'in' ? PLACE.village : GANSU_VILLAGE);
    const countyOf = (s: Scope) => (s === 'in' ? PLACE.county : PLACE.gansuCounty);
    const hh = (s: Scope, who: Client = admin) => household(who, { idNumber: newId(s === 'in' ? '152502' : '620102'), villageCode: villageOf(s) }).then((h) => h.id);
    const alloc = (s: Scope, category: string) => allocation(admin, { countyCode: countyOf(s), category }).then((a) => a.id);
    const season = () => { const y = 2040 + ctx.seq(); return `${y}-${y + 1}`; };
    const campaign = async (s: Scope) => ok(await admin.post('/api/winter-relief/campaigns', { countyCode: countyOf(s), season: season() }), 201, 'campaign').body.id as number;
    const rosterRow = async (s: Scope, campaignId: number) => ok(await admin.post('/api/winter-relief/roster', {
      campaignId, householdId: await hh(s), peopleNeedingAid: 2, needs: ['food'], moneyFen: 20_000, goods: [{ item: '棉被', quantity: 1, valueFen: 15_000 }], paymentMethod: 'one_card',
    }), 201, 'roster row').body.row.id as number;
    /** A roster row through 户报 → notice → 村评 → 乡审 → 县定, in a campaign of its own. */
    const decidedRow = async (s: Scope) => {
      const campaignId = await campaign(s);
      const row = await rosterRow(s, campaignId);
      ok(await admin.post('/api/public-notices', { kind: 'winter_spring', villageCode: villageOf(s), campaignId, noticeStart: daysAgo(9), noticeEnd: daysAgo(1) }), 201, 'notice');
      for (const st of ['village_reviewed', 'township_checked', 'county_decided']) ok(await admin.patch(`/api/winter-relief/roster/${row}`, { step: st }), 200, st);
      return row;
    };
    const approvedCase = async (s: Scope) => {
      const c = await ledgerEntry(admin, await hh(s));
      await toCountyApproved(admin, admin, c.id);
      return c.id;
    };
    const aid = async (s: Scope) => ok(await admin.post('/api/transitional-aid', { householdId: await hh(s), people: 2, startOn: '2026-08-01', days: 30 }), 201, 'aid').body.id as number;
    const condolence = async (s: Scope) => ok(await admin.post('/api/condolences', { householdId: await hh(s), deceasedName: '朝鲁', deceasedIdNumber: newId(), recipientName: '巴特尔', relation: '子' }), 201, 'condolence').body.id as number;
    const requisition = async (s: Scope) => ok(await admin.post('/api/requisitions', {
      countyCode: countyOf(s), kind: 'vehicle', description: '货车', owner: { name: '运输公司' }, periodStart: '2026-08-01', periodEnd: '2026-08-05', dailyRateFen: 10_000,
    }), 201, 'requisition').body.id as number;
    const payment = async (s: Scope) => ok(await admin.post(`/api/transitional-aid/${await aid(s)}/payments`, { allocationId: await alloc(s, 'transitional'), paidAt: daysAgo(0) }), 201, 'payment').body;

    // Standing records to read.
    const inHousehold = await hh('in', reporter);
    const outHousehold = await hh('out');
    const inCase = (await ledgerEntry(reporter, inHousehold)).id;
    const outCase = (await ledgerEntry(admin, outHousehold)).id;
    const spot = async (s: Scope) => ok(await admin.post('/api/spot-checks', { kind: 'rebuild', countyCode: countyOf(s), seed: `mx-${ctx.seq()}` }), 201, 'spot check').body as { id: number; items: { id: number }[] };
    const inCampaign = await campaign('in');
    const outCampaign = await campaign('out');
    const inNotice = ok(await reporter.post('/api/public-notices', { kind: 'rebuild', villageCode: PLACE.village, caseIds: [await (async () => { await step(reporter, inCase, { action: 'apply', at: daysAgo(20) }); return inCase; })()], noticeStart: daysAgo(19), noticeEnd: daysAgo(12) }), 201, 'notice').body.id as number;
    await step(admin, outCase, { action: 'apply', at: daysAgo(20) });
    const outNotice = ok(await admin.post('/api/public-notices', { kind: 'rebuild', villageCode: GANSU_VILLAGE, caseIds: [outCase], noticeStart: daysAgo(19), noticeEnd: daysAgo(12) }), 201, 'notice').body.id as number;
    return {
      xl, gsDepot, itemId, villageOf, countyOf, hh, alloc, campaign, rosterRow, decidedRow, approvedCase, aid, condolence, requisition, payment, spot, season,
      inHousehold, outHousehold, inCase, outCase, inCampaign, outCampaign, inNotice, outNotice,
      inSpot: await spot('in'), outSpot: await spot('out'),
      inRow: await rosterRow('in', inCampaign), outRow: await rosterRow('out', outCampaign),
      pick: <T>(s: Scope, a: T, b: T) => (s === 'in' ? a : b),
      seq: ctx.seq,
      $admin: admin,
    };
  },
  rows: [
    // ——— Households ———
    {
      route: 'POST /api/households',
      request: (fx, s) => ({ path: '/api/households', body: { headName: '巴特尔', idNumber: newId(), villageCode: fx.villageOf(s), size: 3, flags: ['general'] } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/households', request: (_fx, s, a) => ({ path: `/api/households?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/households/{id}', request: (fx, s) => ({ path: `/api/households/${fx.pick(s, fx.inHousehold, fx.outHousehold)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'PATCH /api/households/{id}',
      request: (fx, s) => ({ path: `/api/households/${fx.pick(s, fx.inHousehold, fx.outHousehold)}`, body: { address: '新地址' } }),
      in: FIELD_IN(200), out: allow(200, 'admin'),
    },

    // ——— Housing rebuild ———
    {
      route: 'POST /api/rebuild-cases',
      request: async (fx, s) => ({ path: '/api/rebuild-cases', body: { householdId: await fx.hh(s), disasterAt: daysAgo(40), inspectedAt: daysAgo(35), damageClass: 'collapsed', rooms: 2, soleHome: true } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/rebuild-cases', request: (_fx, s, a) => ({ path: `/api/rebuild-cases?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/rebuild-cases/board', request: (_fx, s, a) => ({ path: `/api/rebuild-cases/board?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/rebuild-cases/{id}', request: (fx, s) => ({ path: `/api/rebuild-cases/${fx.pick(s, fx.inCase, fx.outCase)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/rebuild-cases/{id}/advance',
      request: async (fx, s) => ({ path: `/api/rebuild-cases/${(await ledgerEntry(fx.$admin, await fx.hh(s))).id}/advance`, body: { action: 'apply', at: daysAgo(1) } }),
      in: FIELD_IN(200), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/rebuild-cases/{id}/payments',
      request: async (fx, s) => ({ path: `/api/rebuild-cases/${await fx.approvedCase(s)}/payments`, body: { stage: 'start', amountFen: 100_000, allocationId: await fx.alloc(s, 'rebuild'), paidAt: daysAgo(0) } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },

    // ——— Spot checks (the prefecture above the county draws them) ———
    {
      route: 'POST /api/spot-checks',
      request: (fx, s) => ({ path: '/api/spot-checks', body: { kind: 'rebuild', countyCode: fx.countyOf(s), seed: `mx-${fx.seq()}` } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/spot-checks', request: (_fx, s) => ({ path: `/api/spot-checks?regionCode=${s === 'in' ? PLACE.county : PLACE.gansuCounty}` }), in: allow(200, 'admin', 'officer', 'auditor'), out: allow(200, 'admin') },
    { route: 'GET /api/spot-checks/{id}', request: (fx, s) => ({ path: `/api/spot-checks/${fx.pick(s, fx.inSpot, fx.outSpot).id}` }), in: allow(200, 'admin', 'officer', 'auditor'), out: allow(200, 'admin') },
    {
      route: 'PATCH /api/spot-checks/{id}/items/{itemId}',
      request: async (fx, s) => {
        const sc = await fx.spot(s);
        return { path: `/api/spot-checks/${sc.id}/items/${sc.items[0].id}`, body: { result: 'confirmed' } };
      },
      in: OFFICERS(200), out: allow(200, 'admin'),
    },

    // ——— Public notices ———
    {
      route: 'POST /api/public-notices',
      request: async (fx, s) => ({ path: '/api/public-notices', body: { kind: 'winter_spring', villageCode: fx.villageOf(s), campaignId: await fx.campaign(s).then(async (c) => { await fx.rosterRow(s, c); return c; }), noticeStart: daysAgo(9), noticeEnd: daysAgo(1) } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/public-notices', request: (_fx, s, a) => ({ path: `/api/public-notices?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/public-notices/{id}', request: (fx, s) => ({ path: `/api/public-notices/${fx.pick(s, fx.inNotice, fx.outNotice)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/public-notices/{id}/xlsx', request: (fx, s) => ({ path: `/api/public-notices/${fx.pick(s, fx.inNotice, fx.outNotice)}/xlsx` }), in: READERS_IN, out: READERS_OUT },

    // ——— Standards and the map ———
    { route: 'GET /api/recovery-standards/{regionCode}', request: (_fx, s, a) => ({ path: `/api/recovery-standards/${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'PUT /api/recovery-standards/{regionCode}',
      request: (fx, s) => ({ path: `/api/recovery-standards/${fx.countyOf(s)}`, body: { kind: 'condolence', value: { perDeceasedFen: 2_000_000 }, source: '矩阵测试' } }),
      in: OFFICERS(200), out: allow(200, 'admin'),
    },
    { route: 'GET /api/recovery/map', request: (_fx, s, a) => ({ path: `/api/recovery/map?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },

    // ——— Winter-spring aid ———
    {
      route: 'POST /api/winter-relief/campaigns',
      request: (fx, s) => ({ path: '/api/winter-relief/campaigns', body: { countyCode: fx.countyOf(s), season: fx.season() } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    {
      // Unlike the other recovery lists, an outside region is answered with the part of it the
      // reader covers (nothing), not 403: checked to hold no outside campaign.
      route: 'GET /api/winter-relief/campaigns',
      request: (_fx, s, a) => ({ path: `/api/winter-relief/campaigns?regionCode=${regionFor(s, a)}` }),
      in: READERS_IN, out: READERS_IN,
      check: (res, fx, s, a) => {
        const ids = idsIn(res.body.campaigns);
        if (s === 'out' && a !== 'admin' && ids.length) throw new Error(`${a} lists campaigns of Gansu: ${ids.join(', ')}`);
        if (s === 'in' && !ids.includes(fx.inCampaign)) throw new Error(`${a} does not list the county's campaign`);
      },
    },
    { route: 'GET /api/winter-relief/campaigns/{id}', request: (fx, s) => ({ path: `/api/winter-relief/campaigns/${fx.pick(s, fx.inCampaign, fx.outCampaign)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/winter-relief/campaigns/{id}/report',
      request: async (fx, s) => {
        const c = await fx.campaign(s);
        ok(await fx.$admin.post('/api/winter-relief/surveys', { campaignId: c, lines: [{ townshipCode: s === 'in' ? PLACE.township : PLACE.gansuTownship, foodPeople: 10, clothingPeople: 5, heatingPeople: 5 }] }), 201, 'survey');
        return { path: `/api/winter-relief/campaigns/${c}/report` };
      },
      in: OFFICERS(200), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/winter-relief/surveys',
      request: (fx, s) => ({ path: '/api/winter-relief/surveys', body: { campaignId: fx.pick(s, fx.inCampaign, fx.outCampaign), lines: [{ townshipCode: s === 'in' ? PLACE.township : PLACE.gansuTownship, foodPeople: 10, clothingPeople: 5, heatingPeople: 5 }] } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    {
      route: 'POST /api/winter-relief/roster',
      request: async (fx, s) => ({ path: '/api/winter-relief/roster', body: { campaignId: fx.pick(s, fx.inCampaign, fx.outCampaign), householdId: await fx.hh(s), peopleNeedingAid: 2, needs: ['food'], moneyFen: 20_000, paymentMethod: 'one_card' } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/winter-relief/roster', request: (fx, s) => ({ path: `/api/winter-relief/roster?campaignId=${fx.pick(s, fx.inCampaign, fx.outCampaign)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'PATCH /api/winter-relief/roster/{id}',
      request: (fx, s) => ({ path: `/api/winter-relief/roster/${fx.pick(s, fx.inRow, fx.outRow)}`, body: { peopleNeedingAid: 2 } }),
      in: FIELD_IN(200), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/winter-relief/distributions', why: 'goods from a depot: the keeper of the depot, an officer or admin (township staff record money)',
      request: async (fx, s) => ({ path: '/api/winter-relief/distributions', body: { kind: 'goods', rosterRowId: await fx.decidedRow(s), depotId: fx.pick(s, fx.xl, fx.gsDepot), itemId: fx.itemId, quantity: 1, valueFen: 15_000, distributedAt: daysAgo(0) } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },

    // ——— Transitional aid, condolence, requisitions ———
    {
      route: 'POST /api/transitional-aid',
      request: async (fx, s) => ({ path: '/api/transitional-aid', body: { householdId: await fx.hh(s), people: 2, startOn: '2026-08-01', days: 30 } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/transitional-aid', request: (_fx, s, a) => ({ path: `/api/transitional-aid?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/transitional-aid/{id}/payments',
      request: async (fx, s) => ({ path: `/api/transitional-aid/${await fx.aid(s)}/payments`, body: { allocationId: await fx.alloc(s, 'transitional'), paidAt: daysAgo(0) } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    {
      route: 'POST /api/condolences',
      request: async (fx, s) => ({ path: '/api/condolences', body: { householdId: await fx.hh(s), deceasedName: '朝鲁', deceasedIdNumber: newId(), recipientName: '巴特尔', relation: '子' } }),
      in: FIELD_IN(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/condolences', request: (_fx, s, a) => ({ path: `/api/condolences?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/condolences/{id}/payments',
      request: async (fx, s) => ({ path: `/api/condolences/${await fx.condolence(s)}/payments`, body: { allocationId: await fx.alloc(s, 'condolence'), paidAt: daysAgo(0) } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    {
      route: 'POST /api/requisitions',
      request: (fx, s) => ({ path: '/api/requisitions', body: { countyCode: fx.countyOf(s), kind: 'building', description: '村委会 临时安置点', owner: { name: '村委会' }, periodStart: '2026-08-01', periodEnd: '2026-08-03', dailyRateFen: 5_000 } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/requisitions', request: (_fx, s, a) => ({ path: `/api/requisitions?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/requisitions/{id}/return',
      request: async (fx, s) => ({ path: `/api/requisitions/${await fx.requisition(s)}/return`, body: { periodEnd: '2026-08-06', conditionOnReturn: 'intact' } }),
      in: OFFICERS(200), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/requisitions/{id}/payment',
      request: async (fx, s) => {
        const id = await fx.requisition(s);
        ok(await fx.$admin.post(`/api/requisitions/${id}/return`, { periodEnd: '2026-08-06', conditionOnReturn: 'intact' }), 200, 'return');
        return { path: `/api/requisitions/${id}/payment`, body: { paidAt: daysAgo(0), voucherNo: `P-${fx.seq()}` } };
      },
      in: OFFICERS(200), out: allow(200, 'admin'),
    },

    // ——— Funds ———
    {
      route: 'POST /api/funds/allocations',
      request: (fx, s) => ({ path: '/api/funds/allocations', body: { category: 'rebuild', sourceLevel: 'central', countyCode: fx.countyOf(s), amountFen: 1_000_000, documentNo: `财建〔2026〕${fx.seq()}号`, receivedAt: '2026-08-01' } }),
      in: OFFICERS(201), out: allow(201, 'admin'),
    },
    { route: 'GET /api/funds/allocations', request: (_fx, s, a) => ({ path: `/api/funds/allocations?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/funds/summary', request: (_fx, s, a) => ({ path: `/api/funds/summary?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    { route: 'GET /api/funds/payments', request: (_fx, s, a) => ({ path: `/api/funds/payments?regionCode=${regionFor(s, a)}` }), in: READERS_IN, out: READERS_OUT },
    {
      route: 'POST /api/funds/payments/{id}/reverse',
      request: async (fx, s) => ({ path: `/api/funds/payments/${(await fx.payment(s)).payment.id}/reverse`, body: { reason: '卡号错误 退回' } }),
      in: OFFICERS(200), out: allow(200, 'admin'),
    },
    { route: 'GET /api/funds/export', request: (_fx, s) => ({ path: `/api/funds/export?regionCode=${s === 'in' ? PLACE.county : PLACE.gansuCounty}` }), in: allow(200, 'admin', 'officer', 'auditor'), out: allow(200, 'admin') },
  ],
});
