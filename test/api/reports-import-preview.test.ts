import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { newEvent, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';
import { TEMPLATE_HEADERS } from '../../api/modules/reports/exchange/sheets';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

async function sheet(rows: Record<string, string | number>[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('灾情报表');
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(TEMPLATE_HEADERS.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('previewing a report import (dryRun)', () => {
  it('answers what the import would file, row by row, and stores nothing', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    const file = await sheet([
      { 乡镇代码: XLHT_TOWN, 报告阶段: '初报', '受灾人口（人）': 300, '直接经济损失（万元）': 1.5 },
      { 乡镇代码: XLHT_TOWN_2, 报告阶段: '初报', '受灾人口（人）': 80 },
    ]);
    const preview = await officer.post(`/api/events/${eventId}/reports/import`, { file, dryRun: true });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, created: 0, wouldCreate: 2 });
    expect(preview.body.reports[0]).toMatchObject({ row: 2, regionCode: XLHT_TOWN, name: '宝力根苏木', stage: 'initial', figures: { affected: 300, directLossYuan: 15_000 } });
    expect((await officer.get(`/api/events/${eventId}/reports`)).body.reports).toHaveLength(0);

    // The same file imported for real afterwards files both: the preview left no trace (no 初报 taken).
    const real = await officer.post(`/api/events/${eventId}/reports/import`, { file });
    expect(real.status, JSON.stringify(real.body)).toBe(201);
    expect(real.body.created).toBe(2);
  });

  it('refuses a bad sheet exactly as the import would, and stores nothing either', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    const file = await sheet([
      { 乡镇代码: XLHT_TOWN, 报告阶段: '初报', '受灾人口（人）': 300 },
      { 乡镇代码: XLHT_TOWN_2, 报告阶段: '快报', '受灾人口（人）': 5 },
    ]);
    const preview = await officer.post(`/api/events/${eventId}/reports/import`, { file, dryRun: true });
    const real = await officer.post(`/api/events/${eventId}/reports/import`, { file });
    expect(preview.status).toBe(400);
    expect(preview.body.error.code).toBe('IMPORT_FAILED');
    expect(preview.body.error.details).toEqual(real.body.error.details);
    expect(preview.body.error.details.rows).toEqual([expect.objectContaining({ row: 3, errors: [expect.objectContaining({ field: 'stage' })] })]);
    expect((await officer.get(`/api/events/${eventId}/reports`)).body.reports).toHaveLength(0);
  });

  it('a preview is refused to roles that may not import', async () => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const res = await (await f.login('auditor')).post(`/api/events/${eventId}/reports/import`, { file: 'AAAA', dryRun: true });
    expect(res.status).toBe(403);
  });
});
