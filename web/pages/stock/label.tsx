import { get } from '../../api/client';
import { t, useLang } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { useLoad } from './parts';

interface LotLabel {
  id: number; batchNo: string; expiresOn: string | null; producedOn: string | null; origin: string | null; manufacturer: string | null;
  qualityGrade: string | null; receivedAt: string; quantity: number; source: string;
  item: { code: string; name: string; unit: string; spec: string | null }; depot: { code: string; name: string };
}

/** A printable batch label: name, spec, origin, batch, quantity, quality, produced, received (domain.md §5). */
export function LotLabelPage({ params }: { params: Record<string, string> }) {
  useLang();
  const lot = useLoad(() => get<LotLabel>(`/api/stock/lots/${Number(params.id)}`), [params.id]);
  const l = lot.data;
  return (
    <div class="page label-page">
      <ErrorBox error={lot.error} />
      {l && (
        <>
          <article class="batch-label" data-testid="batch-label">
            <h2>{l.item.name} <small>{l.item.code}</small></h2>
            <dl>
              <dt>{t('stock.batchNo')}</dt><dd class="big">{l.batchNo}</dd>
              <dt>规格 Spec</dt><dd>{l.item.spec ?? '—'}</dd>
              <dt>{t('stock.quantity')}</dt><dd>{l.quantity} {l.item.unit}</dd>
              <dt>{t('stock.origin')}</dt><dd>{[l.origin, l.manufacturer].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('stock.quality')}</dt><dd>{l.qualityGrade ?? '—'}</dd>
              <dt>{t('stock.producedOn')}</dt><dd>{l.producedOn ?? '—'}</dd>
              <dt>{t('stock.expiresOn')}</dt><dd>{l.expiresOn ?? t('stock.noExpiry')}</dd>
              <dt>{t('stock.receivedAt')}</dt><dd>{l.receivedAt.slice(0, 10)}</dd>
              <dt>{t('stock.depot')}</dt><dd>{l.depot.name}（{l.depot.code}）</dd>
            </dl>
          </article>
          <button type="button" class="primary no-print" onClick={() => print()}>{t('stock.print')}</button>
        </>
      )}
    </div>
  );
}
