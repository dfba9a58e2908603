// Dispatch shipments as keepers and officers follow them: what left which depot, where it stands.
import { useEffect, useState } from 'preact/hooks';
import { stockApi, type Shipment } from '../../api/stock';
import { formatCount, formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/dispatch';
import { navigate } from '../../router';
import { ErrorBox } from '../../ui/error-box';
import { depotLabel, itemLabel, useLookups } from '../stock/parts';
import { useRegionNames } from './region-names';

const STATUSES = ['', 'in_transit', 'received', 'cancelled'] as const;
const stateOf = (s: Shipment) => (s.status === 'received' ? 'delivered' : s.status === 'in_transit' && s.etaAt && new Date(s.etaAt) < new Date() ? 'overdue' : s.status);

export function DispatchShipmentsPage() {
  useLang();
  const names = useLookups();
  const [status, setStatus] = useState<string>('');
  const [list, setList] = useState<Shipment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => stockApi.shipments({ status: status || undefined }).then((r) => setList(r.shipments.filter((s) => s.kind === 'dispatch'))).catch(setError);
  useEffect(() => void load(), [status]);
  const regionName = useRegionNames((list ?? []).flatMap((s) => (s.toRegionCode ? [s.toRegionCode] : [])));
  return (
    <div class="page">
      <div class="page-head shipments-head">
        <h2>{t('dispatch.shipments')}</h2>
        <div class="actions">
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} aria-label={t('dispatch.status')} name="status">
            {STATUSES.map((s) => <option value={s}>{s ? t(`dispatch.state.${s === 'received' ? 'delivered' : s}`) : t('dispatch.all')}</option>)}
          </select>
          <button type="button" onClick={load}>{t('dispatch.refresh')}</button>
        </div>
      </div>
      <ErrorBox error={error} />
      {list?.length === 0 && <p class="muted">{t('dispatch.noShipments')}</p>}
      <div class="table-scroll">
        <table class="table" data-testid="dispatch-shipments">
          <thead><tr><th>#</th><th>{t('dispatch.from')}</th><th>{t('dispatch.to')}</th><th>{t('dispatch.item')}</th><th class="num">{t('dispatch.qty')}</th><th>{t('dispatch.status')}</th><th>{t('dispatch.sentAt')}</th><th>{t('dispatch.eta')}</th><th></th></tr></thead>
          <tbody>
            {(list ?? []).map((s) => {
              const state = stateOf(s);
              return (
                <tr key={s.id} data-testid="shipment-row">
                  <td>{s.id}{s.planId != null && <div class="muted small">{t('dispatch.plan')} #{s.planId}</div>}</td>
                  <td>{depotLabel(names, s.fromDepotId)}</td>
                  <td>{s.toRegionCode ? regionName(s.toRegionCode) : ''}</td>
                  <td>{itemLabel(names, s.itemId)}</td>
                  <td class="num">{formatCount(s.quantity)}{s.status === 'received' && <div class="small muted">{t('dispatch.delivered')} {formatCount(s.receivedQuantity)}</div>}</td>
                  <td><span class={`tag state-${state}`}>{t(`dispatch.state.${state}`)}</span></td>
                  <td class="small">{formatDateTime(s.sentAt)}</td>
                  <td class="small">{s.status === 'received' ? formatDateTime(s.receivedAt) : formatDateTime(s.etaAt)}</td>
                  <td><a href={`/dispatch/waybills/${s.id}`} onClick={(e) => { e.preventDefault(); navigate(`/dispatch/waybills/${s.id}`); }}>{t('dispatch.waybill')}</a></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
