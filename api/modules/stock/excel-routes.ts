import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../http/router';
import { DomainError } from '../../http/errors';
import { commitWrite } from '../../http/write';
import { listItems } from './catalogue';
import { readReceiptSheet, receiptTemplate, stockWorkbook } from './excel';
import { exportRows, importReceipts } from './excel-service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="stock.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const DepotQuery = z.object({ depotId: z.coerce.number().int().positive() });
const ImportInput = z.object({
  depotId: z.number().int().positive(),
  /** The filled template (.xlsx), base64: JSON in and out, and an Idempotency-Key hashes it as sent. */
  file: z.string().min(1).max(16_000_000),
  filename: z.string().max(200).optional(),
});

/** Mounted under /api/stock. */
export function stockExcelRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/import/template', tags: ['stock'], summary: '入库模板 Blank receipt template (xlsx) with the catalogue' }), async (c) => {
    const buf = await receiptTemplate(listItems(c.var.deps.db));
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment('入库导入模板.xlsx') });
  });
  r.openapi(route({ method: 'post', path: '/import/receipts', tags: ['stock'], summary: '批量入库 Import receipts from a filled template (all or nothing; row-level errors)', roles: ['keeper', 'officer', 'admin'], request: jsonBody(ImportInput) }), async (c) => {
    const { depotId, file } = c.req.valid('json');
    const parsed = await readReceiptSheet(Buffer.from(file, 'base64'));
    if ('error' in parsed) throw new DomainError('IMPORT_FAILED', parsed.error, { rows: [] });
    return commitWrite(c, 201, (tx, w) => importReceipts(tx, w, depotId, parsed.rows));
  });
  r.openapi(route({ method: 'get', path: '/export', tags: ['stock'], summary: '导出 A depot\'s stock on hand (template columns) and ledger (台账) as xlsx', request: { query: DepotQuery } }), async (c) => {
    const { depotName, stock, ledger } = exportRows(c.var.deps.db, { actor: c.var.actor, tree: c.var.deps.tree }, c.req.valid('query').depotId);
    const buf = await stockWorkbook(depotName, stock, ledger);
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment(`${depotName}-库存台账.xlsx`) });
  });
  return r;
}
