import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { download, stockApi } from '../../api/stock';
import { t } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';

const toBase64 = (buf: ArrayBuffer) => {
  let s = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** Template download, receipt import (all or nothing, errors per row) and the ledger export. */
export function ExcelTools({ depotId, canWrite, onImported }: { depotId: number; canWrite: boolean; onImported: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = error instanceof ApiError && error.code === 'IMPORT_FAILED'
    ? ((error.details as { rows?: { row: number; field: string; message: string }[] } | null)?.rows ?? []) : [];

  async function importFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setDone(null);
    try {
      const r = await stockApi.importReceipts(depotId, toBase64(await file.arrayBuffer()), file.name);
      setDone(t('stock.imported', { n: r.imported }));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      input.value = '';
    }
  }

  return (
    <div class="excel-tools">
      <button type="button" onClick={() => download(`/api/stock/export?depotId=${depotId}`, 'stock.xlsx').catch(setError)}>{t('stock.export')}</button>
      {canWrite && (
        <>
          <button type="button" onClick={() => download('/api/stock/import/template', 'template.xlsx').catch(setError)}>{t('stock.template')}</button>
          <label class="button-like">{t('stock.import')}<input type="file" accept=".xlsx" onChange={importFile} hidden data-testid="import-file" /></label>
        </>
      )}
      {done && <p class="ok" role="status">{done}</p>}
      {error != null && rows.length === 0 && <ErrorBox error={error} />}
      {rows.length > 0 && (
        <div class="error" role="alert">
          <strong>{t('stock.importFailed')}</strong>
          <ul>{rows.map((r) => <li>{t('stock.importRow', { row: r.row, field: r.field })}: {r.message}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
