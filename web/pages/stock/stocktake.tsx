import { useEffect, useState } from 'preact/hooks';
import { stockApi, type Stocktake } from '../../api/stock';
import { formatDateTime, t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Qty, StockError, depotLabel, useLookups } from './parts';

/** 盘点: enter what is on the shelf per batch; closing posts the differences as adjustments. */
export function StocktakePage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const id = Number(params.id);
  const names = useLookups();
  const [st, setSt] = useState<Stocktake | null>(null);
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const load = () => stockApi.stocktake(id).then((s) => {
    setSt(s);
    setCounts(Object.fromEntries(s.lines.map((l) => [l.lotId, l.countedQuantity === null ? '' : String(l.countedQuantity)])));
  }).catch(setError);
  useEffect(() => void load(), [id]);
  const editable = st?.status === 'open' && me.role !== 'auditor';

  async function save() {
    setError(null);
    setNotice(null);
    const lines = Object.entries(counts).filter(([, v]) => v.trim() !== '').map(([lotId, v]) => ({ lotId: Number(lotId), countedQuantity: Number(v) }));
    if (!lines.length) return;
    try {
      setSt(await stockApi.countStocktake(id, { lines }));
      setNotice(t('stock.countsSaved'));
    } catch (e) {
      setError(e);
    }
  }
  async function close() {
    setError(null);
    try {
      await save();
      const closed = await stockApi.closeStocktake(id);
      setSt(closed);
      setResult(closed.matched ? t('stock.matched') : t('stock.notMatched', { n: closed.adjustments.length }));
    } catch (e) {
      setError(e);
    }
  }

  if (!st) return <div class="page"><ErrorBox error={error} /></div>;
  return (
    <div class="page">
      <h2>{t('stock.stocktakeTitle', { id: st.id, depot: depotLabel(names, st.depotId) })}</h2>
      <p class="muted">
        {formatDateTime(st.openedAt)}{st.closedAt && <> – {formatDateTime(st.closedAt)}</>} · <a href={`/stock/depots/${st.depotId}`} onClick={(e) => { e.preventDefault(); navigate(`/stock/depots/${st.depotId}`); }}>{depotLabel(names, st.depotId)}</a>
      </p>
      {st.status === 'closed' && <p class={st.matched ? 'ok' : 'warn'} role="status" data-testid="stocktake-result">{result ?? (st.matched ? t('stock.matched') : t('stock.notMatched', { n: st.lines.filter((l) => l.difference).length }))}</p>}
      <div class="table-scroll">
        <table class="table" data-testid="stocktake-lines">
          <thead><tr><th>{t('stock.item')}</th><th>{t('stock.batchNo')}</th><th>{t('stock.expiresOn')}</th><th class="num">{t('stock.book')}</th><th class="num">{t('stock.counted')}</th><th class="num">{t('stock.difference')}</th></tr></thead>
          <tbody>
            {st.lines.map((l) => {
              const typed = counts[l.lotId];
              const diff = typed !== undefined && typed.trim() !== '' ? Number(typed) - l.bookQuantity : l.difference;
              return (
                <tr data-batch={l.batchNo}>
                  <td>{l.itemName}</td>
                  <td>{l.batchNo}</td>
                  <td>{l.expiresOn ?? t('stock.noExpiry')}</td>
                  <td class="num"><Qty n={l.bookQuantity} unit={l.unit} /></td>
                  <td class="num">{editable
                    ? <input class="count" type="number" min={0} inputMode="numeric" aria-label={`${l.itemName} ${l.batchNo}`} value={typed ?? ''} onInput={(e) => setCounts({ ...counts, [l.lotId]: e.currentTarget.value })} />
                    : <Qty n={l.countedQuantity} />}</td>
                  <td class={`num ${diff ? 'bad' : ''}`}>{diff == null ? '—' : `${diff > 0 ? '+' : ''}${diff}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <StockError error={error} />
      {notice && <p class="ok" role="status">{notice}</p>}
      {editable && (
        <div class="actions">
          <button type="button" onClick={save}>{t('stock.saveCounts')}</button>
          <button type="button" class="primary" onClick={close} data-testid="close-stocktake">{t('stock.closeStocktake')}</button>
        </div>
      )}
    </div>
  );
}
