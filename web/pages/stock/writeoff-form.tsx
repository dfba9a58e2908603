import { useState } from 'preact/hooks';
import { WRITEOFF_REASONS } from '../../../api/modules/stock/schemas';
import { stockApi, type Lookups } from '../../api/stock';
import { t } from '../../i18n/index';
import { StockError } from './parts';

/** 报废 starts as a request; an officer above the depot approves it before any goods leave. */
export function WriteoffRequestForm({ depotId, names, onDone }: { depotId: number; names: Lookups | null; onDone: () => void }) {
  const [f, setF] = useState({ itemId: '', quantity: '', batchNo: '', reason: 'expired', note: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await stockApi.requestWriteoff({
        depotId, itemId: Number(f.itemId), quantity: Number(f.quantity), batchNo: f.batchNo.trim() || undefined,
        reason: f.reason as (typeof WRITEOFF_REASONS)[number], note: f.note.trim() || undefined,
      });
      setDone(true);
      setF({ ...f, quantity: '', batchNo: '', note: '' });
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <details class="card">
      <summary><strong>{t('stock.writeoffRequest')}</strong></summary>
      <form class="form" onSubmit={submit} data-testid="writeoff-form">
        <label>{t('stock.item')}
          <select value={f.itemId} onChange={set('itemId')} required>
            <option value="" />
            {names?.items.map((i) => <option value={i.id}>{i.name}（{i.unit}）</option>)}
          </select>
        </label>
        <div class="grid2">
          <label>{t('stock.quantity')}<input type="number" min={1} value={f.quantity} onInput={set('quantity')} required /></label>
          <label>{t('stock.batchNo')}<input value={f.batchNo} onInput={set('batchNo')} /></label>
        </div>
        <label>{t('stock.reason')}
          <select value={f.reason} onChange={set('reason')}>{WRITEOFF_REASONS.map((r) => <option value={r}>{t(`stock.reason.${r}`)}</option>)}</select>
        </label>
        <label>{t('stock.note')}<input value={f.note} onInput={set('note')} required={f.reason === 'other'} /></label>
        <StockError error={error} />
        {done && <p class="ok" role="status">{t('stock.requested')}</p>}
        <button class="primary" type="submit">{t('stock.submit')}</button>
      </form>
    </details>
  );
}
