import { useState } from 'preact/hooks';
import { stockApi, type WriteoffRequest } from '../../api/stock';
import { formatDateTime, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { Qty, StockError, depotLabel, itemLabel, useLoad, useLookups } from './parts';

/** Keepers follow their requests; officers above the depot approve or reject them. */
export function WriteoffsPage() {
  useLang();
  const me = useMe()!;
  const names = useLookups();
  const [status, setStatus] = useState<'pending' | ''>('pending');
  const list = useLoad(() => stockApi.writeoffs({ status: status || undefined }), [status]);
  return (
    <div class="page">
      <h2>{t('stock.writeoffs')}</h2>
      <label class="radio"><input type="checkbox" checked={status === 'pending'} onChange={(e) => setStatus(e.currentTarget.checked ? 'pending' : '')} /> {t('stock.wstatus.pending')}</label>
      <StockError error={list.error} />
      <div class="table-scroll">
        <table class="table" data-testid="writeoffs">
          <thead><tr><th>#</th><th>{t('stock.depot')}</th><th>{t('stock.item')}</th><th class="num">{t('stock.quantity')}</th><th>{t('stock.reason')}</th><th>{t('stock.by')}</th><th /></tr></thead>
          <tbody>
            {(list.data?.requests ?? []).map((r) => (
              <tr>
                <td>{r.id}</td>
                <td>{depotLabel(names, r.depotId)}</td>
                <td>{itemLabel(names, r.itemId)}{r.batchNo && <span class="muted"> {r.batchNo}</span>}</td>
                <td class="num"><Qty n={r.quantity} unit={names?.item.get(r.itemId)?.unit} /></td>
                <td>{t(`stock.reason.${r.reason}`)}{r.note && <div class="muted small">{r.note}</div>}</td>
                <td>{r.requestedByName}<div class="muted small">{formatDateTime(r.requestedAt)}</div></td>
                <td>{r.status === 'pending' && (me.role === 'officer' || me.role === 'admin')
                  ? <Decide r={r} onDone={list.reload} />
                  : <span class={`tag w-${r.status}`}>{t(`stock.wstatus.${r.status}`)}</span>}
                  {r.decisionNote && <div class="muted small">{r.decidedByName}：{r.decisionNote}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Decide({ r, onDone }: { r: WriteoffRequest; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function decide(decision: 'approve' | 'reject') {
    setError(null);
    try {
      await stockApi.decideWriteoff(r.id, { decision, note: note.trim() || undefined });
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div class="decide">
      <input placeholder={t('stock.decisionNote')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="button" class="primary" onClick={() => decide('approve')}>{t('stock.approve')}</button>
      <button type="button" onClick={() => decide('reject')}>{t('stock.reject')}</button>
      <StockError error={error} />
    </div>
  );
}
