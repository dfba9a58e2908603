import { useState } from 'preact/hooks';
import { stockApi } from '../../api/stock';
import { t, useLang } from '../../i18n/index';
import { ReceiveForm } from './incoming';
import { StockError, useLoad, useLookups } from './parts';

/** Township staff sign for relief goods dispatched to their township (works on a phone). */
export function DeliveriesPage() {
  useLang();
  const names = useLookups();
  const list = useLoad(() => stockApi.shipments({ status: 'in_transit' }), []);
  const toRegions = (list.data?.shipments ?? []).filter((s) => s.toRegionCode != null);
  const [booked, setBooked] = useState<string[]>([]);
  return (
    <div class="page narrow">
      <h2>{t('stock.deliveries')}</h2>
      <StockError error={list.error} />
      {booked.map((text) => <p class="ok" role="status">{text}</p>)}
      {list.data && toRegions.length === 0 && <p class="muted">{t('stock.noDeliveries')}</p>}
      {toRegions.map((s) => (
        <section class="card" key={s.id}>
          <p class="muted small">{s.toRegionCode}{s.planId != null && <> · plan #{s.planId}</>}</p>
          <ReceiveForm s={s} names={names} onReceived={(text) => { setBooked([...booked, `#${s.id} ${text}`]); list.reload(); }} />
        </section>
      ))}
    </div>
  );
}
