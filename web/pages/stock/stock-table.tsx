import { useState } from 'preact/hooks';
import type { BalanceOut, Lookups } from '../../api/stock';
import { t } from '../../i18n/index';
import { ExpiryTag, Qty, itemLabel } from './parts';

/** Stock per item; each row opens into its batches, coloured by expiry. */
export function StockTable({ balances, names }: { balances: BalanceOut[]; names: Lookups | null }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  if (!balances.length) return <p class="muted">{t('stock.noStock')}</p>;
  const toggle = (itemId: number) => {
    const next = new Set(open);
    if (next.has(itemId)) next.delete(itemId); else next.add(itemId);
    setOpen(next);
  };
  return (
    <table class="table stock-table" data-testid="stock-table">
      <thead><tr><th>{t('stock.item')}</th><th class="num">{t('stock.quantity')}</th><th class="num">{t('stock.usable')}</th><th class="num">{t('stock.expiredQty')}</th><th>{t('stock.lots')}</th></tr></thead>
      <tbody>
        {balances.map((b) => {
          const unit = names?.item.get(b.itemId)?.unit;
          const worst = b.lots.some((l) => l.expiry === 'expired') ? 'expired' : b.lots.some((l) => l.expiry === 'expiring') ? 'expiring' : null;
          return [
            <tr key={`i${b.itemId}`} data-item={itemLabel(names, b.itemId)}>
              <td><button type="button" class="link" aria-expanded={open.has(b.itemId)} onClick={() => toggle(b.itemId)}>{itemLabel(names, b.itemId)}</button>{worst && <ExpiryTag expiry={worst} />}</td>
              <td class="num"><Qty n={b.quantity} unit={unit} /></td>
              <td class="num"><Qty n={b.usable} /></td>
              <td class="num">{b.expired ? <span class="bad"><Qty n={b.expired} /></span> : '—'}</td>
              <td>{b.lots.length}</td>
            </tr>,
            open.has(b.itemId) && (
              <tr key={`l${b.itemId}`} class="lots-row"><td colSpan={5}>
                <table class="table lots">
                  <thead><tr><th>{t('stock.batchNo')}</th><th>{t('stock.expiresOn')}</th><th class="num">{t('stock.quantity')}</th><th>{t('stock.source')}</th><th>{t('stock.origin')}</th><th /></tr></thead>
                  <tbody>
                    {b.lots.map((l) => (
                      <tr class={`lot-${l.expiry}`} data-batch={l.batchNo}>
                        <td>{l.batchNo}</td>
                        <td>{l.expiresOn ?? t('stock.noExpiry')} <ExpiryTag expiry={l.expiry} /></td>
                        <td class="num"><Qty n={l.quantity} /></td>
                        <td>{t(`stock.source.${l.source}`)}</td>
                        <td>{l.origin ?? ''}</td>
                        <td><a href={`/stock/lots/${l.lotId}/label`} target="_blank" rel="noopener">{t('stock.printLabel')}</a></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </td></tr>
            ),
          ];
        })}
      </tbody>
    </table>
  );
}
