import { useState } from 'preact/hooks';
import { stockApi, type Lookups, type MovementOut } from '../../api/stock';
import { formatDateTime, t } from '../../i18n/index';
import { Qty, StockError, itemLabel, useLoad } from './parts';

const REVERSIBLE = new Set(['receipt', 'issue', 'writeoff', 'adjustment', 'transfer']);

/** The depot's 台账, newest first; a wrong entry is corrected by a reversal, never edited. */
export function LedgerTable({ depotId, names, canReverse, version, onReversed }: { depotId: number; names: Lookups | null; canReverse: boolean; version: number; onReversed: () => void }) {
  const [limit, setLimit] = useState(50);
  const list = useLoad(() => stockApi.movements({ depotId, limit }), [depotId, version, limit]);
  const [error, setError] = useState<unknown>(null);
  const rows = list.data?.movements ?? [];
  const reversed = new Set(rows.map((m) => m.reversesId).filter((x): x is number => x != null));

  async function reverse(m: MovementOut) {
    if (!confirm(t('stock.reverseConfirm'))) return;
    setError(null);
    try {
      await stockApi.reverse(m.id);
      onReversed();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="card">
      <h3>{t('stock.ledger')}</h3>
      <StockError error={error ?? list.error} />
      <div class="table-scroll">
        <table class="table ledger" data-testid="ledger">
          <thead><tr><th>{t('stock.at')}</th><th>{t('stock.kind.receipt')}/{t('stock.kind.issue')}</th><th>{t('stock.item')}</th><th>{t('stock.batchNo')}</th><th class="num">{t('stock.quantity')}</th><th>{t('stock.note')}</th><th>{t('stock.by')}</th><th /></tr></thead>
          <tbody>
            {rows.map((m) => (
              <tr class={m.quantity < 0 ? 'out' : 'in'} data-kind={m.kind}>
                <td>{formatDateTime(m.at)}</td>
                <td>{t(`stock.kind.${m.kind}`)}{m.shipmentId ? <span class="muted"> #{m.shipmentId}</span> : null}</td>
                <td>{itemLabel(names, m.itemId)}</td>
                <td>{m.batchNo}</td>
                <td class="num">{m.quantity > 0 ? '+' : ''}<Qty n={m.quantity} /></td>
                <td class="note">{m.note ?? ''}</td>
                <td>{m.actorName}</td>
                <td>
                  {reversed.has(m.id) ? <span class="tag">{t('stock.reversed')}</span>
                    : canReverse && REVERSIBLE.has(m.kind) && m.reversesId == null
                      ? <button type="button" class="link" onClick={() => reverse(m)}>{t('stock.reverse')}</button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length >= limit && <button type="button" onClick={() => setLimit(limit + 100)}>{t('stock.more')}</button>}
    </section>
  );
}
