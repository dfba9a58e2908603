import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accepted, newEvent, people, summary, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';
import { TEMPLATE_HEADERS } from '../../api/modules/reports/exchange/sheets';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

async function download(path: string, token: string) {
  const res = await f.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), buf: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

/** A filled template: header as the export writes it, then the given rows. */
async function filledTemplate(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('灾情报表');
  ws.addRow(['标题']);
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const col = (header: string) => TEMPLATE_HEADERS.indexOf(header);
function row(code: string, stage: string, values: Record<string, number>, explanation = ''): (string | number | null)[] {
  const r: (string | number | null)[] = new Array(TEMPLATE_HEADERS.length).fill(null);
  r[0] = code; r[2] = stage; r[3] = explanation;
  for (const [h, v] of Object.entries(values)) r[col(h)] = v;
  return r;
}

describe('sharing an event\'s figures', () => {
  it('exports township points as GeoJSON with each township\'s counting figures', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer);
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(40, 10, { livestockDeaths: 300 }));
    const res = await officer.get(`/api/events/${eventId}/export/geojson?regionCode=152502`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(16);
    const mine = res.body.features.find((x: { properties: { code: string } }) => x.properties.code === XLHT_TOWN);
    expect(mine.geometry).toMatchObject({ type: 'Point', coordinates: [expect.any(Number), expect.any(Number)] });
    expect(mine.properties).toMatchObject({ name: '宝力根苏木', reported: true, stage: 'initial', relocated: 40, livestockDeaths: 300, countyCode: '152502' });
    const other = res.body.features.find((x: { properties: { code: string } }) => x.properties.code === XLHT_TOWN_2);
    expect(other.properties).toMatchObject({ reported: false, relocated: 0 });
  });

  it('exports the statistical table as xlsx: grouped headers, total row, 万元 for loss', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152502'] });
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(40, 10, { directLossYuan: 1_234_500 }));
    const file = await download(`/api/events/${eventId}/export/xlsx?regionCode=1525`, officer.token);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const ws = await workbook(file.buf);
    expect(String(ws.getCell(1, 1).value)).toContain('锡林郭勒盟自然灾害损失情况统计表');
    expect(ws.getCell(3, 3).value).toBe('人口受灾');
    expect(ws.getCell(4, 3).value).toBe('受灾人口（人）');
    const lossCol = TEMPLATE_HEADERS.indexOf('直接经济损失（万元）') - 2 + 1;
    expect(ws.getCell(4, lossCol).value).toBe('直接经济损失（万元）');
    expect(ws.getCell(5, 1).value).toBe('1525');
    expect(ws.getCell(5, 2).value).toBe('锡林郭勒盟（合计）');
    expect(ws.getCell(5, 3 + 5).value).toBe(40); // relocated
    expect(ws.getCell(5, lossCol).value).toBe(123.45);
    const codes = ws.getColumn(1).values.slice(5).map(String);
    expect(codes).toContain('152502');
    expect(codes).toContain(XLHT_TOWN);
  });

  it('imports a filled template: every row through the form\'s rules, in one go', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    const template = await download(`/api/events/${eventId}/reports/import-template`, officer.token);
    const sheet = await workbook(template.buf);
    expect(sheet.getRow(3).values).toEqual([undefined, ...TEMPLATE_HEADERS]);
    expect(sheet.rowCount).toBe(3 + 16);

    const file = await filledTemplate([
      row(XLHT_TOWN, '初报', { '受灾人口（人）': 300, '紧急转移安置人口（人）': 50, '其中：集中安置（人）': 20, '其中：分散安置（人）': 30, '直接经济损失（万元）': 12.5 }),
      row(XLHT_TOWN_2, '初报', { '受灾人口（人）': 80, '死亡牲畜（头只）': 400 }),
      row('', '', {}),
    ]);
    const res = await officer.post(`/api/events/${eventId}/reports/import`, { file, filename: '灾情.xlsx' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.created).toBe(2);
    const list = (await officer.get(`/api/events/${eventId}/reports`)).body.reports;
    const mine = list.find((r: { regionCode: string }) => r.regionCode === XLHT_TOWN);
    expect(mine).toMatchObject({ source: 'import', stage: 'initial', status: 'submitted', figures: { affected: 300, relocatedCentralized: 20, directLossYuan: 125_000 } });
  });

  it('refuses the whole file when any row is wrong, naming each row and its reason', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    const file = await filledTemplate([
      row(XLHT_TOWN, '初报', { '受灾人口（人）': 300 }),
      row(XLHT_TOWN_2, '初报', { '受灾人口（人）': 10, '紧急转移安置人口（人）': 50, '其中：集中安置（人）': 50 }),
      row(XLHT_TOWN, '初报', { '受灾人口（人）': 310 }),
      row('152502999', '初报', { '受灾人口（人）': 1 }),
      row(XLHT_TOWN_2, '快报', { '受灾人口（人）': -4 }),
    ]);
    const res = await officer.post(`/api/events/${eventId}/reports/import`, { file });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_FAILED');
    const rows = res.body.error.details.rows as { row: number; errors: { code: string }[] }[];
    expect(rows.map((r) => [r.row, r.errors.map((e) => e.code)])).toEqual([
      [4, ['INCONSISTENT_FIGURES']],
      [5, ['STAGE_CONFLICT']], // the file's own first row already filed this township's 初报
      [6, ['NOT_FOUND']],
      [7, ['NOT_A_COUNT', 'VALIDATION_FAILED']],
    ]);
    expect((await officer.get(`/api/events/${eventId}/reports`)).body.reports).toHaveLength(0);
    expect((await summary(officer, eventId)).townships).toBe(0);
  });

  it('refuses a file that is not a workbook or lacks the header', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    const junk = await officer.post(`/api/events/${eventId}/reports/import`, { file: Buffer.from('hello').toString('base64') });
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('IMPORT_FAILED');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['地区', '数字']);
    const noHeader = await officer.post(`/api/events/${eventId}/reports/import`, { file: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(noHeader.body.error.message).toContain('乡镇代码');
  });

  it('a reporter imports only their own township', async () => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const file = await filledTemplate([row(XLHT_TOWN_2, '初报', { '受灾人口（人）': 5 })]);
    const res = await (await f.login('reporter')).post(`/api/events/${eventId}/reports/import`, { file });
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows[0].errors[0].code).toBe('OUT_OF_SCOPE');
  });
});
