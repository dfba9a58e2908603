import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { download, fileToBase64, stockApi } from '../../api/stock';
import { getLang, t } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { UploadProgressBar, type UploadStage } from './parts';

// The sheet's column names, so a row's error names the column the keeper sees in Excel.
const COLUMN_KEYS: Record<string, string> = {
  itemCode: 'stock.import.col.itemCode', quantity: 'stock.quantity', batchNo: 'stock.batchNo', expiresOn: 'stock.expiresOn', producedOn: 'stock.producedOn',
  origin: 'stock.origin', manufacturer: 'stock.manufacturer', qualityGrade: 'stock.quality', source: 'stock.source', note: 'stock.note',
};
const column = (field: string) => (COLUMN_KEYS[field] ? t(COLUMN_KEYS[field]) : field);

/** The server's rule texts are English; the usual ones read in the keeper's language. */
function rowMessage(message: string): string {
  if (getLang() === 'en') return message;
  let m = /^unknown item code (.+)$/.exec(message);
  if (m) return t('stock.import.err.unknownItem', { code: m[1] });
  if (message === 'item code missing') return t('stock.import.err.noItem');
  if (/^Too small: expected number to be >0$/.test(message)) return t('stock.import.err.positive');
  if (/expected int|expected number/i.test(message)) return t('stock.import.err.whole');
  m = /^batch (.+) has another expiry in row (\d+)$/.exec(message);
  if (m) return t('stock.import.err.batchTwice', { batch: m[1], row: m[2] });
  m = /^batch (.+) is already held here with expiry (.+)$/.exec(message);
  if (m) return t('stock.import.err.batchHeld', { batch: m[1], expiry: m[2] });
  return message;
}

/** Template download, receipt import (all or nothing, errors per row, progress shown) and the ledger export. */
export function ExcelTools({ depotId, canWrite, onImported }: { depotId: number; canWrite: boolean; onImported: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [stage, setStage] = useState<UploadStage | null>(null);
  const rows = error instanceof ApiError && error.code === 'IMPORT_FAILED'
    ? ((error.details as { rows?: { row: number; field: string; message: string }[] } | null)?.rows ?? []) : [];

  async function importFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setDone(null);
    setStage({ phase: 'reading' });
    try {
      const body = await fileToBase64(file);
      const r = await stockApi.importReceipts(depotId, body, file.name,
        (p) => setStage(p.phase === 'processing' ? { phase: 'processing' } : { phase: 'uploading', sent: p.sent, total: p.total }));
      setDone(t('stock.imported', { n: r.imported }));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setStage(null);
      input.value = '';
    }
  }

  return (
    <div class="excel-tools" data-testid="excel-tools">
      <button type="button" onClick={() => download(`/api/stock/export?depotId=${depotId}`, 'stock.xlsx').catch(setError)}>{t('stock.export')}</button>
      {canWrite && (
        <>
          <button type="button" onClick={() => download('/api/stock/import/template', 'template.xlsx').catch(setError)}>{t('stock.template')}</button>
          <label class={`button-like${stage ? ' disabled' : ''}`}>{t('stock.import')}<input type="file" accept=".xlsx" onChange={importFile} disabled={stage !== null} hidden data-testid="import-file" /></label>
        </>
      )}
      <UploadProgressBar stage={stage} />
      {done && <p class="ok" role="status">{done}</p>}
      {error != null && rows.length === 0 && <ErrorBox error={error} />}
      {rows.length > 0 && (
        <div class="error import-errors" role="alert" data-testid="import-errors">
          <strong>{t('stock.importFailed')}</strong>
          <ul>{rows.map((r) => <li>{t('stock.importRow', { row: r.row, field: column(r.field) })}：{rowMessage(r.message)}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
