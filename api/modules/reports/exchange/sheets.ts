// The workbooks: the township statistical table of an event (export), the blank template for
// batch entry, and reading a filled template back (import). Pure of the database.
import ExcelJS from 'exceljs';
import type { Figures, ReportInput } from '../schemas';
import { FIGURE_COLUMNS, STAGE_ZH, figureForHeader, parseStage } from './layout';

export interface TableRow {
  code: string;
  name: string;
  /** 'total' and 'county' rows are sums, shown bold. */
  kind: 'total' | 'county' | 'township';
  figures: Figures;
  stage?: string | null;
  reviewedAt?: string | null;
}

export interface TableMeta {
  title: string;
  eventName: string;
  hazard: string;
  regionName: string;
  asOf: string;
  demo: boolean;
}

const BORDER = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export async function statisticalTable(meta: TableMeta, rows: TableRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '救灾物资储备与调度系统';
  const ws = wb.addWorksheet('乡镇灾情统计表', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
  const width = 2 + FIGURE_COLUMNS.length + 2;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = meta.title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `灾害名称：${meta.eventName}　灾种：${meta.hazard}　统计范围：${meta.regionName}　统计截至：${beijing(meta.asOf)}（北京时间）${meta.demo ? '　【演示数据】' : ''}`;

  // Row 3: 地区代码 | 地区名称 | indicator groups (merged) | 报告阶段 | 审核时间; row 4: the indicators.
  ws.mergeCells(3, 1, 4, 1); ws.getCell(3, 1).value = '地区代码';
  ws.mergeCells(3, 2, 4, 2); ws.getCell(3, 2).value = '地区名称';
  let col = 3;
  for (const group of [...new Set(FIGURE_COLUMNS.map((c) => c.group))]) {
    const span = FIGURE_COLUMNS.filter((c) => c.group === group).length;
    if (span > 1) ws.mergeCells(3, col, 3, col + span - 1);
    ws.getCell(3, col).value = group;
    col += span;
  }
  FIGURE_COLUMNS.forEach((c, i) => (ws.getCell(4, 3 + i).value = c.header));
  ws.mergeCells(3, col, 4, col); ws.getCell(3, col).value = '报告阶段';
  ws.mergeCells(3, col + 1, 4, col + 1); ws.getCell(3, col + 1).value = '审核时间';
  for (const r of [3, 4]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  ws.getRow(4).height = 48;

  for (const row of rows) {
    const values: (string | number | null)[] = [row.code, row.kind === 'township' ? row.name : `${row.name}${row.kind === 'total' ? '（合计）' : '（小计）'}`];
    for (const c of FIGURE_COLUMNS) values.push(c.divisor === 1 ? row.figures[c.key] : row.figures[c.key] / c.divisor);
    values.push(row.stage ? STAGE_ZH[row.stage as keyof typeof STAGE_ZH] ?? row.stage : null, row.reviewedAt ? beijing(row.reviewedAt) : null);
    const added = ws.addRow(values);
    if (row.kind !== 'township') added.font = { bold: true };
  }
  FIGURE_COLUMNS.forEach((c, i) => (ws.getColumn(3 + i).numFmt = c.divisor === 1 ? '#,##0' : '#,##0.0000'));
  ws.getColumn(1).width = 12; ws.getColumn(2).width = 22; ws.getColumn(col + 1).width = 20;
  for (let i = 3; i < col; i++) ws.getColumn(i).width = 11;
  for (let r = 3; r <= ws.rowCount; r++) for (let c = 1; c <= width; c++) ws.getCell(r, c).border = BORDER;
  ws.addRow([]);
  ws.addRow(['说明：每个乡镇只计其最新一份审核通过的报告（初报、续报、核报不相加）；未报或未审核的乡镇计为 0。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const TEMPLATE_HEADERS = ['乡镇代码', '乡镇名称', '报告阶段', '情况说明', ...FIGURE_COLUMNS.map((c) => c.header)];

export async function importTemplate(eventName: string, townships: { code: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('灾情报表');
  ws.addRow([`${eventName} — 乡镇灾情批量报送`]).font = { bold: true, size: 14 };
  ws.addRow(['每行一份报告。报告阶段填 初报 / 续报 / 核报；空白数字按 0 计；直接经济损失以万元计。只填要报送的行，其余行留空。']);
  const header = ws.addRow(TEMPLATE_HEADERS);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 48;
  for (const t of townships) ws.addRow([t.code, t.name]);
  ws.getColumn(1).width = 12; ws.getColumn(2).width = 20; ws.getColumn(4).width = 24;
  ws.getColumn(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedRow {
  row: number;
  input: ReportInput | null;
  errors: { field?: string; code: string; message: string }[];
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
};

/** Reads the first sheet: finds the header row (first cell 乡镇代码), maps columns by their headers. */
export async function readReportSheet(file: Buffer): Promise<{ rows: ParsedRow[] } | { error: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { error: 'the file is not an xlsx workbook' };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { error: 'the workbook has no sheet' };
  let headerRow = 0;
  for (let r = 1; r <= Math.min(ws.rowCount, 20) && !headerRow; r++) {
    if (/^(乡镇代码|regionCode)$/.test(cellText(ws.getCell(r, 1).value).trim())) headerRow = r;
  }
  if (!headerRow) return { error: 'no header row: the first column of the header must read 乡镇代码' };
  type Column = { kind: 'code' } | { kind: 'stage' } | { kind: 'explanation' } | { kind: 'figure'; key: string; divisor: number };
  const columns = new Map<number, Column>();
  const unknown: string[] = [];
  ws.getRow(headerRow).eachCell((cell, c) => {
    const h = cellText(cell.value).trim();
    if (/^(乡镇代码|regionCode)$/.test(h)) columns.set(c, { kind: 'code' });
    else if (/^(报告阶段|stage)$/.test(h)) columns.set(c, { kind: 'stage' });
    else if (/^(情况说明|说明|explanation)$/.test(h)) columns.set(c, { kind: 'explanation' });
    else if (/^(乡镇名称|name)$/.test(h)) return;
    else {
      const f = figureForHeader(h);
      if (f) columns.set(c, { kind: 'figure', ...f });
      else if (h) unknown.push(h);
    }
  });
  if (unknown.length) return { error: `unknown columns: ${unknown.join('、')}` };
  if (![...columns.values()].some((c) => c.kind === 'stage')) return { error: 'the header has no 报告阶段 (stage) column' };

  const rows: ParsedRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const errors: ParsedRow['errors'] = [];
    let code = '', stageText = '', explanation = '';
    const figures: Record<string, number> = {};
    let filled = false;
    for (const [c, col] of columns) {
      const text = cellText(ws.getCell(r, c).value).trim();
      if (col.kind === 'code') code = text;
      else if (col.kind === 'stage') stageText = text;
      else if (col.kind === 'explanation') explanation = text;
      else if (text !== '') {
        filled = true;
        const n = Number(text.replace(/,/g, ''));
        const value = Math.round(n * col.divisor * 1e6) / 1e6;
        if (!Number.isFinite(n) || n < 0 || !Number.isInteger(value)) {
          errors.push({ field: col.key, code: 'NOT_A_COUNT', message: `${col.key}: "${text}" is not a non-negative whole number${col.divisor > 1 ? ' of 元' : ''}` });
        } else figures[col.key] = value;
      }
    }
    if (!stageText && !filled && !explanation) continue; // a template row nobody filled in
    const stage = parseStage(stageText);
    if (!/^\d{9}$/.test(code)) errors.push({ field: 'regionCode', code: 'VALIDATION_FAILED', message: `"${code}" is not a 9-digit township code` });
    if (!stage) errors.push({ field: 'stage', code: 'VALIDATION_FAILED', message: `报告阶段 "${stageText}" must be 初报, 续报 or 核报` });
    rows.push({
      row: r, errors,
      input: errors.length ? null : { regionCode: code, stage: stage!, figures, ...(explanation ? { explanation } : {}) },
    });
  }
  return { rows };
}
