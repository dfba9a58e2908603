// A printable 调拨单 (waybill) for one shipment: who sends what, from where to where, with which
// batches, how heavy, and the signatures a hand-over needs (domain.md §5: two signatures).
import { dispatchApi } from '../../api/dispatch';
import { formatCount, formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/dispatch';
import { ErrorBox } from '../../ui/error-box';
import { useLoad } from '../stock/parts';

export function WaybillPage({ params }: { params: Record<string, string> }) {
  useLang();
  const wb = useLoad(() => dispatchApi.waybill(Number(params.id)), [params.id]);
  const w = wb.data;
  return (
    <div class="page waybill-page">
      <ErrorBox error={wb.error} />
      {w && (
        <>
          <article class="waybill" data-testid="waybill">
            <h2>{t('dispatch.waybillTitle')}</h2>
            <p class="waybill-no">{t('dispatch.waybillNo')}：<strong>{w.waybillNo}</strong>
              {w.plan && <span> · {t('dispatch.waybillPlan')} #{w.plan.id}（{t('dispatch.version', { n: w.plan.version })}）{w.plan.eventName && ` · ${w.plan.eventName}`}</span>}</p>
            <table class="waybill-grid">
              <tbody>
                <tr><th>{t('dispatch.from')}</th><td>{w.from.name}（{w.from.code}）<div class="small">{w.from.regionPath}{w.from.address ? ` · ${w.from.address}` : ''}{w.from.contactName ? ` · ${w.from.contactName} ${w.from.contactPhone ?? ''}` : ''}</div></td></tr>
                <tr><th>{t('dispatch.to')}</th><td>{w.to.name}<div class="small">{w.to.regionPath}</div></td></tr>
                <tr><th>{t('dispatch.sentAt')}</th><td>{formatDateTime(w.shipment.sentAt)} · {t('dispatch.eta')} {formatDateTime(w.shipment.etaAt)}</td></tr>
                {w.route && <tr><th>{t('dispatch.route')}</th><td>{w.route.km} {t('dispatch.km')} / {w.route.hours} {t('dispatch.hours')}</td></tr>}
              </tbody>
            </table>
            <table class="waybill-items">
              <colgroup><col style={{ width: '42%' }} /><col style={{ width: '28%' }} /><col style={{ width: '14%' }} /><col style={{ width: '16%' }} /></colgroup>
              <thead><tr><th>{t('dispatch.item')}</th><th>{t('dispatch.batch')}</th><th>{t('dispatch.expiresOn')}</th><th class="num">{t('dispatch.qty')}</th></tr></thead>
              <tbody>
                {w.lots.map((l) => (
                  <tr><td>{w.item.name}{w.item.spec ? `（${w.item.spec}）` : ''}</td><td>{l.batchNo}</td><td>{l.expiresOn ?? '—'}</td><td class="num">{formatCount(l.quantity)} {w.item.unit}</td></tr>
                ))}
                <tr class="total"><td colSpan={3}>{t('dispatch.qty')}</td><td class="num">{formatCount(w.shipment.quantity)} {w.item.unit}</td></tr>
              </tbody>
            </table>
            <p>{t('dispatch.weight')} {formatCount(w.loading.weightKg)} kg · {t('dispatch.volume')} {w.loading.volumeM3} m³ · {t('dispatch.trucksAny')}：
              {w.loading.trucks.map((x) => `${x.name} ${x.trucks} ${t('dispatch.trucksUnit')}`).join(' / ')}</p>
            {w.shipment.status === 'received' && (
              <p class="receipt">{t('dispatch.receipt')}：{t('dispatch.delivered')} {formatCount(w.shipment.receivedQuantity)}，{t('dispatch.lost')} {formatCount(w.shipment.quantity - (w.shipment.receivedQuantity ?? 0))} · {w.shipment.receiverName} {formatDateTime(w.shipment.receivedAt)}</p>
            )}
            <div class="signatures">
              {(['sender', 'keeper', 'driver', 'receiver'] as const).map((k) => (
                <div class="sign"><span>{t(`dispatch.sign.${k}`)}</span><span class="sign-line" /><span class="small">{t('dispatch.sign.date')}</span></div>
              ))}
            </div>
            {w.plan && <p class="small muted">{t('dispatch.approvedBy')} {w.plan.approvedByName} {formatDateTime(w.plan.approvedAt)}</p>}
          </article>
          <button type="button" class="primary no-print" onClick={() => print()}>{t('dispatch.print')}</button>
        </>
      )}
    </div>
  );
}
