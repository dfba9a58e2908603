// Workbooks of the stock module: the receipt template, reading a filled one back, and a depot's
// stock-on-hand and ledger (台账). The stock sheet has the template's columns, so an export can be
// imported into another depot as it is. Pure of the database.
import ExcelJS from 'exceljs';
import { RECEIPT_SOURCES } from './schemas';

export const RECEIPT_COLUMNS = [
  { key: 'itemCode', header: '物资编码', width: 12 },
  { key: 'itemName', header: '物资名称（仅供参考）', width: 18 },
  { key: 'quantity', header: '数量', width: 10 },
  { key: 'batchNo', header: '批号', width: 24 },
  { key: 'expiresOn', header: '有效期至', width: 12 },
  { key: 'producedOn', header: '生产日期', width: 12 },
  { key: 'origin', header: '产地', width: 18 },
  { key: 'manufacturer', header: '生产厂家', width: 20 },
  { key: 'qualityGrade', header: '质量等级', width: 10 },
  { key: 'source', header: '来源', width: 10 },
  { key: 'note', header: '备注', width: 24 },
] as const;
export type ReceiptColumn = (typeof RECEIPT_COLUMNS)[number]['key'];
export const RECEIPT_SHEET = '入库';
export const STOCK_SHEET = '库存';

export const SOURCE_ZH: Record<(typeof RECEIPT_SOURCES)[number], string> = { purchase: '采购', allocation: '调拨下拨', donation: '捐赠', transfer: '库间调拨' };
const SOURCE_BY_TEXT = new Map<string, string>([
  ...RECEIPT_SOURCES.map((s) => [s, s] as [string, string]),
  ...Object.entries(SOURCE_ZH).map(([k, v]) => [v, k] as [string, string]),
]);

export interface CatalogueRow { code: string; name: string; unit: string; shelfLifeDays: number | null }
export interface StockSheetRow { itemCode: string; itemName: string; quantity: number; batchNo: string; expiresOn: string | null; producedOn: string | null; origin: string | null; manufacturer: string | null; qualityGrade: string | null; source: string; note?: string | null }
export interface LedgerSheetRow { at: string; kind: string; itemCode: string; itemName: string; unit: string; batchNo: string; quantity: number; balance: number; note: string | null; actor: string; shipmentId: number | null }

const bold = (ws: ExcelJS.Worksheet) => { ws.getRow(1).font = { bold: true }; ws.views = [{ state: 'frozen', ySplit: 1 }]; };
const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function receiptSheet(wb: ExcelJS.Workbook, name: string, rows: StockSheetRow[]) {
  const ws = wb.addWorksheet(name);
  ws.columns = RECEIPT_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  for (const r of rows) ws.addRow({ ...r, source: SOURCE_ZH[r.source as keyof typeof SOURCE_ZH] ?? r.source });
  ws.getColumn('expiresOn').numFmt = '@';
  ws.getColumn('producedOn').numFmt = '@';
  bold(ws);
  return ws;
}

function catalogueSheet(wb: ExcelJS.Workbook, items: CatalogueRow[]) {
  const ws = wb.addWorksheet('物资目录');
  ws.columns = [{ header: '物资编码', key: 'code', width: 12 }, { header: '名称', key: 'name', width: 20 }, { header: '单位', key: 'unit', width: 8 }, { header: '保质期（天）', key: 'shelfLifeDays', width: 12 }];
  for (const i of items) ws.addRow(i);
  bold(ws);
}

export async function receiptTemplate(items: CatalogueRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '救灾物资储备与调度系统';
  receiptSheet(wb, RECEIPT_SHEET, []);
  const help = wb.addWorksheet('填表说明');
  [
    '每行一个批次。必填：物资编码（见“物资目录”）、数量（正整数）。',
    '批号不填则按入库日期自动编号；同一仓库内同一批号只能有一个有效期。',
    '日期写成 2026-06-30 的形式；有效期至 = 最后可用日期。',
    `来源填：${Object.values(SOURCE_ZH).join(' / ')}（不填为采购）。`,
    '导入时任一行有误则整张表都不导入，并逐行列出错误。',
  ].forEach((line) => help.addRow([line]));
  help.getColumn(1).width = 90;
  catalogueSheet(wb, items);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function stockWorkbook(depotName: string, stock: StockSheetRow[], ledger: LedgerSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '救灾物资储备与调度系统';
  receiptSheet(wb, STOCK_SHEET, stock);
  const ws = wb.addWorksheet('台账');
  ws.columns = [
    { header: '时间（北京）', key: 'at', width: 20 }, { header: '摘要', key: 'kind', width: 10 }, { header: '物资编码', key: 'itemCode', width: 12 },
    { header: '物资名称', key: 'itemName', width: 16 }, { header: '单位', key: 'unit', width: 6 }, { header: '批号', key: 'batchNo', width: 24 },
    { header: '收入', key: 'in', width: 10 }, { header: '发出', key: 'out', width: 10 }, { header: '结存', key: 'balance', width: 10 },
    { header: '调运单', key: 'shipmentId', width: 8 }, { header: '经办人', key: 'actor', width: 12 }, { header: '备注', key: 'note', width: 40 },
  ];
  for (const m of ledger) {
    ws.addRow({ ...m, at: beijing(m.at), in: m.quantity > 0 ? m.quantity : null, out: m.quantity < 0 ? -m.quantity : null });
  }
  bold(ws);
  wb.title = `${depotName} 库存与台账`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedRow { row: number; values: Partial<Record<ReceiptColumn, string>> }

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);   // exceljs reads date cells as UTC midnight
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).trim();
}

const HEADER_TO_KEY = new Map<string, ReceiptColumn>(RECEIPT_COLUMNS.flatMap((c) => [[c.header, c.key], [c.key, c.key]] as [string, ReceiptColumn][]));

/** Reads the receipt (or stock) sheet: header row 1 names the columns, every later non-empty row is a batch. */
export async function readReceiptSheet(buf: Buffer): Promise<{ rows: ParsedRow[] } | { error: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { error: 'the file is not an xlsx workbook' };
  }
  const ws = wb.getWorksheet(RECEIPT_SHEET) ?? wb.getWorksheet(STOCK_SHEET) ?? wb.worksheets[0];
  if (!ws) return { error: 'the workbook has no sheet' };
  const cols = new Map<number, ReceiptColumn>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = HEADER_TO_KEY.get(cellText(cell.value));
    if (key) cols.set(col, key);
  });
  if (![...cols.values()].includes('itemCode') || ![...cols.values()].includes('quantity')) {
    return { error: `sheet "${ws.name}" needs the columns 物资编码 and 数量 in row 1 (download the template)` };
  }
  const rows: ParsedRow[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: ParsedRow['values'] = {};
    for (const [col, key] of cols) {
      const text = cellText(row.getCell(col).value);
      if (text !== '') values[key] = text;
    }
    if (Object.keys(values).length) rows.push({ row: n, values });
  });
  if (rows.length > 5_000) return { error: 'at most 5,000 rows per import' };
  return { rows };
}

/** '采购' or 'purchase' → 'purchase'; unknown text stays as typed so validation names it. */
export const sourceOf = (text: string | undefined) => (text === undefined ? undefined : SOURCE_BY_TEXT.get(text) ?? text);

/** 2026/6/30, 2026.06.30 and 2026-6-30 → 2026-06-30; anything else as typed. */
export function isoDay(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}
