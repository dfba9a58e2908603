import { useState } from 'preact/hooks';
import { stockApi, type LotAlert } from '../../api/stock';
import { t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { RegionPicker } from '../../ui/region-picker';
import { Qty, StockError, depotLabel, itemLabel, useLoad, useLookups } from './parts';

export function AlertsPage() {
  useLang();
  const me = useMe()!;
  const names = useLookups();
  const [region, setRegion] = useState(me.role === 'admin' || me.role === 'keeper' ? '' : me.regionCode);
  const data = useLoad(() => stockApi.alerts(region || undefined), [region]);
  const a = data.data;
  const lotTable = (rows: LotAlert[], testid: string) => (
    <table class="table" data-testid={testid}>
      <thead><tr><th>{t('stock.depot')}</th><th>{t('stock.item')}</th><th>{t('stock.batchNo')}</th><th>{t('stock.expiresOn')}</th><th class="num">{t('stock.daysLeft')}</th><th class="num">{t('stock.quantity')}</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr><td>{depotLabel(names, r.depotId)}</td><td>{itemLabel(names, r.itemId)}</td><td>{r.batchNo}</td><td>{r.expiresOn}</td><td class="num">{r.daysLeft}</td><td class="num"><Qty n={r.quantity} unit={names?.item.get(r.itemId)?.unit} /></td></tr>
      ))}</tbody>
    </table>
  );
  return (
    <div class="page">
      <h2>{t('stock.alerts')}</h2>
      {me.role !== 'keeper' && <div class="filter"><label for="alert-region">{t('stock.regionFilter')}</label><RegionPicker id="alert-region" value={region} onChange={setRegion} /></div>}
      <StockError error={data.error} />
      {a && (
        <>
          <section class="card"><h3 class="bad">{t('stock.expiredLots')} ({a.expired.length})</h3>{lotTable(a.expired, 'alerts-expired')}</section>
          <section class="card"><h3 class="warn-text">{t('stock.expiringSoon')} ({a.expiring.length})</h3>{lotTable(a.expiring, 'alerts-expiring')}</section>
          <section class="card">
            <h3>{t('stock.belowTarget')} ({a.belowTarget.length})</h3>
            <div class="table-scroll">
              <table class="table" data-testid="alerts-below">
                <thead><tr><th>{t('stock.depot')}</th><th>{t('stock.item')}</th><th class="num">{t('stock.target')}</th><th class="num">{t('stock.usable')}</th><th class="num">{t('stock.inTransitIn')}</th><th class="num">{t('stock.gap')}</th><th class="num">{t('stock.coverage')}</th></tr></thead>
                <tbody>{a.belowTarget.map((r) => (
                  <tr><td>{depotLabel(names, r.depotId)}</td><td>{itemLabel(names, r.itemId)}</td><td class="num"><Qty n={r.target} /></td><td class="num"><Qty n={r.onHand} /></td><td class="num"><Qty n={r.inTransitIn} /></td><td class="num bad"><Qty n={r.gap} /></td><td class="num">{r.coverage == null ? '—' : `${Math.round(r.coverage * 100)}%`}</td></tr>
                ))}</tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
