// Importing receipts from a filled template (all or nothing, every bad row named) and exporting a
// depot's stock and ledger.
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../../db/client';
import { items, lots, stockMovements } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import type { ScopeCtx } from '../../http/scope';
import { isoDay, sourceOf, type LedgerSheetRow, type ParsedRow, type StockSheetRow } from './excel';
import { findLot, getDepot, readBalance } from './ledger';
import { stockOnHand, visibleDepotIds } from './queries';
import { ReceiptInput } from './schemas';
import { assertCanMoveStock, recordMovement } from './service';

export interface RowError { row: number; field: string; message: string }

/** Checks every row before anything is written; any error and nothing is imported. */
export function importReceipts(tx: DbOrTx, w: WriteCtx, depotId: number, rows: ParsedRow[]) {
  const depot = getDepot(tx, depotId);
  assertCanMoveStock(w, depot);
  if (!rows.length) throw new DomainError('IMPORT_FAILED', 'the sheet has no rows to import', { rows: [] });
  const itemByCode = new Map(tx.select().from(items).all().map((i) => [i.code, i]));
  const errors: RowError[] = [];
  const inputs: { row: number; input: z.infer<typeof ReceiptInput> }[] = [];
  const expiryOfBatch = new Map<string, { expiresOn: string | null; row: number }>();
  for (const { row, values: v } of rows) {
    const item = v.itemCode ? itemByCode.get(v.itemCode) : undefined;
    if (!item) { errors.push({ row, field: 'itemCode', message: v.itemCode ? `unknown item code ${v.itemCode}` : 'item code missing' }); continue; }
    const candidate = {
      kind: 'receipt', depotId, itemId: item.id, quantity: v.quantity === undefined ? undefined : Number(v.quantity),
      batchNo: v.batchNo, expiresOn: isoDay(v.expiresOn), producedOn: isoDay(v.producedOn), origin: v.origin, manufacturer: v.manufacturer,
      qualityGrade: v.qualityGrade, source: sourceOf(v.source), note: v.note,
    };
    const parsed = ReceiptInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, field: issue.path.join('.') || 'row', message: issue.message });
      continue;
    }
    if (parsed.data.batchNo) {
      const key = `${item.id}/${parsed.data.batchNo}`;
      const expiresOn = parsed.data.expiresOn ?? null;
      const seen = expiryOfBatch.get(key);
      const held = findLot(tx, depotId, item.id, parsed.data.batchNo);
      if (seen && seen.expiresOn !== expiresOn) errors.push({ row, field: 'expiresOn', message: `batch ${parsed.data.batchNo} has another expiry in row ${seen.row}` });
      else if (held && held.expiresOn !== expiresOn) errors.push({ row, field: 'expiresOn', message: `batch ${parsed.data.batchNo} is already held here with expiry ${held.expiresOn ?? 'none'}` });
      expiryOfBatch.set(key, { expiresOn, row });
    }
    inputs.push({ row, input: parsed.data });
  }
  if (errors.length) throw new DomainError('IMPORT_FAILED', `${errors.length} problems in ${new Set(errors.map((e) => e.row)).size} rows; nothing was imported`, { rows: errors });
  const movements = inputs.map(({ input }) => recordMovement(tx, w, input).movement);
  const itemIds = [...new Set(inputs.map((i) => i.input.itemId))];
  writeAudit(tx, w, { action: 'stock.import.receipts', entity: 'depot', entityId: depotId, regionCode: depot.regionCode, after: { rows: inputs.length, movements: movements.map((m) => m.id) } });
  return { imported: inputs.length, movements, balances: itemIds.map((itemId) => readBalance(tx, depotId, itemId)) };
}

/** The depot's stock (in the template's columns) and its ledger with a running balance per item. */
export function exportRows(db: DbOrTx, s: ScopeCtx, depotId: number): { depotName: string; stock: StockSheetRow[]; ledger: LedgerSheetRow[] } {
  visibleDepotIds(db, s, { depotId });
  const depot = getDepot(db, depotId);
  const itemRows = db.select().from(items).all();
  const item = new Map(itemRows.map((i) => [i.id, i]));
  const balances = stockOnHand(db, s, { depotId });
  const stock = balances.flatMap((b) => b.lots.map((l) => ({
    itemCode: item.get(b.itemId)!.code, itemName: item.get(b.itemId)!.name, quantity: l.quantity, batchNo: l.batchNo, expiresOn: l.expiresOn,
    producedOn: l.producedOn, origin: l.origin, manufacturer: l.manufacturer, qualityGrade: l.qualityGrade, source: l.source,
  })));
  const running = new Map<number, number>();
  const ledger = db.select({ m: stockMovements, batchNo: lots.batchNo }).from(stockMovements).innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .where(eq(stockMovements.depotId, depotId)).orderBy(asc(stockMovements.id)).all()
    .map(({ m, batchNo }) => {
      const balance = (running.get(m.itemId) ?? 0) + m.quantity;
      running.set(m.itemId, balance);
      const it = item.get(m.itemId)!;
      return { at: m.at, kind: KIND_ZH[m.kind] ?? m.kind, itemCode: it.code, itemName: it.name, unit: it.unit, batchNo, quantity: m.quantity, balance, note: m.note, actor: m.actorName, shipmentId: m.shipmentId };
    });
  return { depotName: depot.name, stock, ledger };
}

const KIND_ZH: Record<string, string> = {
  receipt: '入库', issue: '出库', writeoff: '报废', adjustment: '盘点调整', transfer: '调出', dispatch: '调运灾区', transfer_in: '调入', reversal: '冲正',
};
