// Stock: catalogue, depots, the ledger, write-offs, stocktakes, shipments, reserve, donations, Excel.
// Inside: depot XL-01 (锡林浩特, the keeper's own). Outside: two depots made in 甘肃 兰州 城关区.
// The reporter's township holds no depot, so depot-addressed reads are outside their area too.
import ExcelJS from 'exceljs';
import type { Client } from '../../support/fresh-app';
import { allow, defineModule, everyone, idsIn, ok, open, PLACE, type Expect, type Scope } from '../access-matrix-kit';

/** Depot readers: everyone whose area holds XL-01 (not the township reporter). */
const DEPOT_READ_IN: Expect = { ...everyone(200), reporter: 403 };
const ADMIN_ONLY_READ: Expect = { ...allow(200, 'admin') };

async function receiptSheet(itemCode: string, quantity: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('入库');
  ws.addRow(['物资编码', '数量', '批号']);
  ws.addRow([itemCode, quantity, `MX-IMPORT-${Math.random().toString(36).slice(2, 8)}`]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export default defineModule({
  name: 'stock',
  async setup(ctx) {
    const { admin, officer, keeper } = ctx.as;
    const depots = ok(await admin.get('/api/depots'), 200, 'depots').body.depots as { id: number; code: string }[];
    const depot = (code: string) => depots.find((d) => d.code === code)!.id;
    const gansu = async (code: string) => ok(await admin.post('/api/depots', { code, name: `甘肃测试库${code}`, tier: 'county', regionCode: PLACE.gansuCounty, lon: 103.84, lat: 36.05 }), 201, code).body.id as number;
    const item = ok(await admin.get('/api/items'), 200, 'items').body.items[0] as { id: number; code: string };
    const fx = { xl: depot('XL-01'), nm: depot('NM-ZX-01'), gsA: await gansu('MX-GS-A'), gsB: await gansu('MX-GS-B'), itemId: item.id, itemCode: item.code } as Record<string, number | string> & {
      xl: number; nm: number; gsA: number; gsB: number; itemId: number; itemCode: string;
    };
    const receipt = async (depotId: number, quantity = 100_000) =>
      ok(await admin.post('/api/stock/movements', { kind: 'receipt', depotId, itemId: fx.itemId, quantity, batchNo: 'MX-LOT', expiresOn: '2035-12-31' }), 201, 'receipt').body.movement as { id: number; lotId: number };
    const inLot = (await receipt(fx.xl)).lotId;
    const outLot = (await receipt(fx.gsA)).lotId;
    await receipt(fx.nm);
    const transfer = async (from: number, to: number) =>
      ok(await admin.post('/api/stock/movements', { kind: 'transfer', depotId: from, itemId: fx.itemId, quantity: 3, toDepotId: to }), 201, 'transfer').body.shipment.id as number;
    const writeoff = async (who: Client, depotId: number) =>
      ok(await who.post('/api/stock/writeoff-requests', { depotId, itemId: fx.itemId, quantity: 1, reason: 'damaged' }), 201, 'writeoff request').body.id as number;
    /** Counts every line at its book quantity (no differences) and closes the stocktake. */
    const closeStocktake = async (id: number) => {
      const lines = ok(await admin.get(`/api/stock/stocktakes/${id}`), 200, 'stocktake').body.lines as { lotId: number; bookQuantity: number }[];
      if (lines.length) ok(await admin.post(`/api/stock/stocktakes/${id}/counts`, { lines: lines.map((l) => ({ lotId: l.lotId, countedQuantity: l.bookQuantity })) }), 200, 'count');
      ok(await admin.post(`/api/stock/stocktakes/${id}/close`), 200, 'close stocktake');
    };
    /** A stocktake open at the depot with every line counted (ready to close); an earlier open one is closed first. */
    const stocktake = async (depotId: number) => {
      const open = ok(await admin.get(`/api/stock/stocktakes?depotId=${depotId}&status=open`), 200, 'stocktakes').body.stocktakes as { id: number }[];
      for (const st of open) await closeStocktake(st.id);
      const id = ok(await admin.post('/api/stock/stocktakes', { depotId }), 201, 'stocktake').body.id as number;
      const lines = ok(await admin.get(`/api/stock/stocktakes/${id}`), 200, 'stocktake').body.lines as { lotId: number; bookQuantity: number }[];
      ok(await admin.post(`/api/stock/stocktakes/${id}/counts`, { lines: lines.map((l) => ({ lotId: l.lotId, countedQuantity: l.bookQuantity })) }), 200, 'count');
      return id;
    };
    const donor = async (who: Client, regionCode: string) => ok(await who.post('/api/donations/donors', { name: `矩阵捐赠人${ctx.seq()}`, kind: 'company', regionCode, contactPhone: '13900000000' }), 201, 'donor').body.id as number;
    return {
      ...fx, inLot, outLot,
      inShipment: await transfer(fx.nm, fx.xl), outShipment: await transfer(fx.gsA, fx.gsB),
      inWriteoff: await writeoff(keeper, fx.xl), outWriteoff: await writeoff(admin, fx.gsA),
      inStocktake: await stocktake(fx.xl), outStocktake: await stocktake(fx.gsA),
      inDonor: await donor(officer, PLACE.county), outDonor: await donor(admin, PLACE.gansuCounty),
      depotOf: (s: Scope) => (s === 'in' ? fx.xl : fx.gsA),
      lotOf: (s: Scope) => (s === 'in' ? inLot : outLot),
      receipt, transfer, stocktake,
      newWriteoff: (depotId: number) => writeoff(admin, depotId),
      closeStocktake,
      seq: ctx.seq,
    };
  },
  rows: [
    { route: 'GET /api/items', why: 'the national catalogue', request: () => ({ path: '/api/items' }), in: everyone(200) },
    {
      route: 'POST /api/items', why: 'the catalogue is kept by the administrator for everyone',
      request: (fx) => ({ path: '/api/items', body: { code: `MX-ITEM-${fx.seq()}`, name: '矩阵物资', unit: '件', category: 'test', weightKg: 1, volumeM3: 0.01 } }),
      in: allow(201, 'admin'),
    },
    // Depots are shared planning data (the dispatch planner and the maps show every depot).
    { route: 'GET /api/depots', request: (_fx, s) => ({ path: `/api/depots?regionCode=${s === 'in' ? PLACE.county : PLACE.gansuCounty}` }), in: everyone(200), out: everyone(200) },
    { route: 'GET /api/depots/{id}', request: (fx, s) => ({ path: `/api/depots/${fx.depotOf(s)}` }), in: everyone(200), out: everyone(200) },
    {
      route: 'POST /api/depots',
      request: (fx, s) => ({ path: '/api/depots', body: { code: `MX-D-${fx.seq()}`, name: '新建库', tier: 'county', regionCode: s === 'in' ? PLACE.county : PLACE.gansuCounty, lon: s === 'in' ? 116.08 : 103.84, lat: s === 'in' ? 43.93 : 36.05 } }),
      in: allow(201, 'admin', 'officer'), out: allow(201, 'admin'),
    },
    {
      route: 'PATCH /api/depots/{id}',
      request: (fx, s) => ({ path: `/api/depots/${fx.depotOf(s)}`, body: { capacityM3: 12_345 } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },

    { route: 'GET /api/stock', request: (fx, s) => ({ path: `/api/stock?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'POST /api/stock/movements',
      request: (fx, s) => ({ path: '/api/stock/movements', body: { kind: 'receipt', depotId: fx.depotOf(s), itemId: fx.itemId, quantity: 5, batchNo: 'MX-LOT', expiresOn: '2035-12-31' } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/stock/movements', request: (fx, s) => ({ path: `/api/stock/movements?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'POST /api/stock/movements/{id}/reverse',
      request: async (fx, s) => ({ path: `/api/stock/movements/${(await fx.receipt(fx.depotOf(s), 2)).id}/reverse`, body: { note: '录错冲正' } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/stock/lots/{id}', request: (fx, s) => ({ path: `/api/stock/lots/${fx.lotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },

    {
      route: 'POST /api/stock/writeoff-requests',
      request: (fx, s) => ({ path: '/api/stock/writeoff-requests', body: { depotId: fx.depotOf(s), itemId: fx.itemId, quantity: 1, reason: 'expired' } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/stock/writeoff-requests', request: (fx, s) => ({ path: `/api/stock/writeoff-requests?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    { route: 'GET /api/stock/writeoff-requests/{id}', request: (fx, s) => ({ path: `/api/stock/writeoff-requests/${s === 'in' ? fx.inWriteoff : fx.outWriteoff}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'POST /api/stock/writeoff-requests/{id}/decision',
      request: async (fx, s) => ({ path: `/api/stock/writeoff-requests/${await fx.newWriteoff(fx.depotOf(s))}/decision`, body: { decision: 'reject', note: '可修复' } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },

    {
      route: 'POST /api/stock/stocktakes',
      request: async (fx, s) => {
        const id = await fx.stocktake(fx.depotOf(s));
        // Leave the depot free for the request under test.
        await fx.closeStocktake(id);
        return { path: '/api/stock/stocktakes', body: { depotId: fx.depotOf(s), note: '月度盘点' } };
      },
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/stock/stocktakes', request: (fx, s) => ({ path: `/api/stock/stocktakes?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    { route: 'GET /api/stock/stocktakes/{id}', request: (fx, s) => ({ path: `/api/stock/stocktakes/${s === 'in' ? fx.inStocktake : fx.outStocktake}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'POST /api/stock/stocktakes/{id}/counts',
      request: async (fx, s) => ({ path: `/api/stock/stocktakes/${await fx.stocktake(fx.depotOf(s))}/counts`, body: { lines: [{ lotId: fx.lotOf(s), countedQuantity: 100_000 }] } }),
      in: allow(200, 'admin', 'officer', 'keeper'), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/stock/stocktakes/{id}/close',
      request: async (fx, s) => ({ path: `/api/stock/stocktakes/${await fx.stocktake(fx.depotOf(s))}/close` }),
      in: allow(200, 'admin', 'officer', 'keeper'), out: allow(200, 'admin'),
    },
    {
      route: 'GET /api/stock/alerts',
      request: (_fx, s) => ({ path: `/api/stock/alerts?regionCode=${s === 'in' ? PLACE.county : PLACE.gansuProvince}` }),
      in: everyone(200), out: everyone(200),
      check: (res, fx, s, a) => {
        if (s === 'out' && a !== 'admin' && JSON.stringify(res.body).match(new RegExp(`"depotId":(${fx.gsA}|${fx.gsB})\\b`))) throw new Error(`${a} sees alerts of a Gansu depot`);
      },
    },

    { route: 'GET /api/stock/import/template', why: 'a blank form with the catalogue', request: () => ({ path: '/api/stock/import/template' }), in: everyone(200) },
    {
      route: 'POST /api/stock/import/receipts',
      request: async (fx, s) => ({ path: '/api/stock/import/receipts', body: { depotId: fx.depotOf(s), file: await receiptSheet(fx.itemCode, 4) } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/stock/export', request: (fx, s) => ({ path: `/api/stock/export?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },

    {
      route: 'GET /api/shipments',
      request: (fx, s) => ({ path: `/api/shipments?depotId=${fx.depotOf(s)}` }),
      in: everyone(200), out: everyone(200),
      check: (res, fx, s, a) => {
        if (s === 'out' && a !== 'admin' && idsIn(res.body.shipments).includes(fx.outShipment)) throw new Error(`${a} lists a Gansu shipment`);
        if (s === 'in' && ['admin', 'officer', 'keeper', 'auditor'].includes(a) && !idsIn(res.body.shipments).includes(fx.inShipment)) throw new Error(`${a} does not see the shipment into XL-01`);
      },
    },
    { route: 'GET /api/shipments/{id}', request: (fx, s) => ({ path: `/api/shipments/${s === 'in' ? fx.inShipment : fx.outShipment}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'POST /api/shipments/{id}/receive',
      request: async (fx, s) => ({ path: `/api/shipments/${s === 'in' ? await fx.transfer(fx.nm, fx.xl) : await fx.transfer(fx.gsA, fx.gsB)}/receive`, body: { receivedQuantity: 3 } }),
      in: allow(200, 'admin', 'officer', 'keeper'), out: allow(200, 'admin'),
    },

    {
      route: 'GET /api/reserve/adequacy',
      request: (fx, s) => ({ path: `/api/reserve/adequacy?depotId=${fx.depotOf(s)}` }),
      in: DEPOT_READ_IN, out: ADMIN_ONLY_READ,
    },
    { route: 'GET /api/reserve/targets', request: (fx, s) => ({ path: `/api/reserve/targets?depotId=${fx.depotOf(s)}` }), in: DEPOT_READ_IN, out: ADMIN_ONLY_READ },
    {
      route: 'PUT /api/reserve/targets',
      request: (fx, s) => ({ path: '/api/reserve/targets', body: { depotId: fx.depotOf(s), itemId: fx.itemId, targetQuantity: 500 } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },

    {
      route: 'POST /api/donations/donors',
      request: (fx, s) => ({ path: '/api/donations/donors', body: { name: `捐赠人${fx.seq()}`, kind: 'person', regionCode: s === 'in' ? PLACE.county : PLACE.gansuCounty } }),
      in: allow(201, 'admin', 'officer', 'keeper'), out: allow(201, 'admin'),
    },
    // The donor register is one list for the whole system (a company gives to many places).
    { route: 'GET /api/donations/donors', why: 'one national register', request: () => ({ path: '/api/donations/donors' }), in: allow(200, 'admin', 'officer', 'keeper', 'auditor') },
    { route: 'GET /api/donations/donors/{id}', request: (fx, s) => ({ path: `/api/donations/donors/${s === 'in' ? fx.inDonor : fx.outDonor}` }), in: allow(200, 'admin', 'officer', 'keeper', 'auditor'), out: allow(200, 'admin', 'officer', 'keeper', 'auditor') },
    { route: 'GET /api/donations/donors/{id}/trace', request: (fx, s) => ({ path: `/api/donations/donors/${s === 'in' ? fx.inDonor : fx.outDonor}/trace` }), in: allow(200, 'admin', 'officer', 'keeper', 'auditor'), out: allow(200, 'admin', 'officer', 'keeper', 'auditor') },
    {
      route: 'POST /api/donations/money', why: 'recorded in the receiving office\'s own region (the actor\'s), so there is no outside',
      request: (fx) => ({ path: '/api/donations/money', body: { donorId: fx.inDonor, amountFen: 100_00, receivedOn: '2026-08-01' } }),
      in: allow(201, 'admin', 'officer'),
    },
    {
      route: 'GET /api/donations/money', why: 'lists only what was received inside the reader\'s area',
      request: () => ({ path: '/api/donations/money' }), in: allow(200, 'admin', 'officer', 'keeper', 'auditor'),
    },
    { route: 'GET /api/public/donations', why: '捐赠公示: public by design, published names only', request: () => ({ path: '/api/public/donations' }), in: open(200) },
  ],
});
