import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { freshApp } from '../support/fresh-app';
import { day, expectSoundLedger, stockWorld } from '../support/stock';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

async function download(f: ReturnType<typeof freshApp>, token: string, path: string) {
  const res = await f.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  return Buffer.from(await res.arrayBuffer());
}

async function sheet(rows: (string | number | Date | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('入库');
  ws.addRow(['物资编码', '物资名称（仅供参考）', '数量', '批号', '有效期至', '生产日期', '产地', '生产厂家', '质量等级', '来源', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const lotsOf = (body: { balances: { itemId: number; lots: { batchNo: string; expiresOn: string | null; quantity: number }[] }[] }) =>
  body.balances.flatMap((b) => b.lots.map((l) => [b.itemId, l.batchNo, l.expiresOn, l.quantity])).sort();

describe('Excel', () => {
  it('the template downloads with the receipt columns and the catalogue', async () => {
    f = freshApp();
    const { keeper } = await stockWorld(f);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await download(f, keeper.token, '/api/stock/import/template') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('入库')!.getRow(1).getCell(1).value).toBe('物资编码');
    expect(wb.getWorksheet('物资目录')!.rowCount).toBeGreaterThan(15);
  });

  it('a sheet with bad rows imports nothing and names every bad row', async () => {
    f = freshApp();
    const { keeper, xl } = await stockWorld(f);
    const before = (f.db.$client.prepare('SELECT count(*) AS n FROM stock_movements').get() as { n: number }).n;
    const file = await sheet([
      ['QUILT', '棉被', 10, 'IMP-1', null, null, null, null, null, '采购', null],
      ['NOPE', '', 5, null, null, null, null, null, null, null, null],
      ['COAT', '', -3, null, null, null, null, null, null, null, null],
      ['FOOD', '', 4, 'IMP-2', '2027-13-40', null, null, null, null, null, null],
    ]);
    const res = await keeper.post('/api/stock/import/receipts', { depotId: xl, file });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_FAILED');
    expect(res.body.error.details.rows.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect((f.db.$client.prepare('SELECT count(*) AS n FROM stock_movements').get() as { n: number }).n).toBe(before);
    const notXlsx = await keeper.post('/api/stock/import/receipts', { depotId: xl, file: Buffer.from('hello').toString('base64') });
    expect(notXlsx.status).toBe(400);
  });

  it('round trip: a depot exported and imported into an empty depot has the same batches and quantities', async () => {
    f = freshApp();
    const { keeper, admin, xl, item, newItem } = await stockWorld(f);
    const other = await newItem();
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 40, batchNo: 'RT-1', expiresOn: day(100), origin: '包头', source: 'allocation' });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 7, batchNo: 'RT-2', expiresOn: day(-3) });
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: other, quantity: 12, batchNo: 'RT-3' });
    await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 5 });
    const empty = await admin.post('/api/depots', { code: 'RT-EMPTY', name: '测试空库', tier: 'county', regionCode: '152523', lon: 113.6, lat: 43.8 });
    const exported = await download(f, keeper.token, `/api/stock/export?depotId=${xl}`);
    const imported = await admin.post('/api/stock/import/receipts', { depotId: empty.body.id, file: exported.toString('base64') });
    expect(imported.status).toBe(201);
    const mine = (b: { balances: { itemId: number }[] }) => ({ balances: b.balances.filter((x) => x.itemId === item || x.itemId === other) }) as never;
    const source = mine((await admin.get(`/api/stock?depotId=${xl}`)).body);
    const copy = mine((await admin.get(`/api/stock?depotId=${empty.body.id}`)).body);
    expect(lotsOf(copy)).toEqual(lotsOf(source));
    expect(lotsOf(copy)).toContainEqual([item, 'RT-1', day(100), 35]);
    expectSoundLedger(f);
  });

  it('the export carries the ledger with a running balance', async () => {
    f = freshApp();
    const { keeper, xl, item } = await stockWorld(f);
    await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 9, batchNo: 'L-1' });
    await keeper.post('/api/stock/movements', { kind: 'issue', depotId: xl, itemId: item, quantity: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await download(f, keeper.token, `/api/stock/export?depotId=${xl}`) as unknown as ArrayBuffer);
    const ledger = wb.getWorksheet('台账')!;
    const rows: unknown[][] = [];
    ledger.eachRow((r, n) => n > 1 && r.getCell(6).value === 'L-1' && rows.push([r.getCell(2).value, r.getCell(7).value, r.getCell(8).value, r.getCell(9).value]));
    expect(rows).toEqual([['入库', 9, null, 9], ['出库', null, 4, 5]]);
    const keeperAbg = await f.login('keeper_abg');
    const res = await f.app.request(`/api/stock/export?depotId=${xl}`, { headers: { authorization: `Bearer ${keeperAbg.token}` } });
    expect(res.status).toBe(403);
  });
});
