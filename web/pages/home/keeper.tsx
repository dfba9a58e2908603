// 仓库保管员首页: goods on their way in, lots about to expire, stocktakes left open, write-offs waiting.
import type { Me } from '../../api/client';
import { lookups, stockApi } from '../../api/stock';
import { formatCount, formatDateTime, t } from '../../i18n/index';
import '../../i18n/stock';
import { shipmentState } from '../../map/layers/shipments';
import { Empty, Go, HomeCard, useLoad } from './parts';

export function KeeperHome({ me }: { me: Me }) {
  const look = useLoad(() => lookups(), []);
  const mine = (id: number | null) => id !== null && (me.depotIds.length === 0 || me.depotIds.includes(id));
  const incoming = useLoad(() => stockApi.shipments({ status: 'in_transit' }).then((r) => r.shipments.filter((s) => mine(s.toDepotId))), [me.id]);
  const alerts = useLoad(() => stockApi.alerts(), [me.id]);
  const stocktakes = useLoad(() => stockApi.stocktakes({ status: 'open' }).then((r) => r.stocktakes), [me.id]);
  const writeoffs = useLoad(() => stockApi.writeoffs({ status: 'pending' }).then((r) => r.requests), [me.id]);
  const depot = (id: number | null) => (id === null ? '—' : look.data?.depot.get(id)?.name ?? `#${id}`);
  const item = (id: number) => look.data?.item.get(id);
  const now = new Date();
  const lots = [...(alerts.data?.expired ?? []), ...(alerts.data?.expiring ?? [])].sort((a, b) => a.daysLeft - b.daysLeft);

  return (
    <div class="home-grid">
      <HomeCard title={t('home.keeper.incoming')} testid="home-incoming" state={incoming} count={incoming.data?.length}>
        {incoming.data?.length === 0 && <Empty text={t('home.keeper.incomingNone')} />}
        <ul class="home-list">
          {incoming.data?.map((s) => (
            <li>
              <Go href={`/stock/depots/${s.toDepotId}`}>{item(s.itemId)?.name ?? `#${s.itemId}`} × {formatCount(s.quantity)} {item(s.itemId)?.unit}</Go>
              {shipmentState(s, now) === 'late' && <span class="pill hot">{t('map.ship.late')}</span>}
              <div class="muted small">{t('home.keeper.from', { depot: depot(s.fromDepotId) })} · {formatDateTime(s.sentAt)}{s.etaAt ? ` · ${t('map.ship.eta')} ${formatDateTime(s.etaAt)}` : ''}</div>
            </li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.keeper.expiring')} testid="home-expiring" href="/stock/alerts" state={alerts} count={lots.length}>
        {lots.length === 0 && <Empty text={t('home.keeper.expiringNone')} />}
        <ul class="home-list">
          {lots.slice(0, 8).map((l) => (
            <li data-testid="expiring-lot">
              <Go href={`/stock/depots/${l.depotId}`}>{item(l.itemId)?.name ?? `#${l.itemId}`}</Go> <span class="mono">{l.batchNo}</span>
              <div class="small">
                {formatCount(l.quantity)} {item(l.itemId)?.unit} · {t('home.keeper.expiresOn', { date: l.expiresOn })}{' '}
                <span class={`pill ${l.daysLeft < 0 ? 'hot' : 'warn'}`}>{l.daysLeft < 0 ? t('home.keeper.expired', { n: -l.daysLeft }) : t('home.keeper.daysLeft', { n: l.daysLeft })}</span>
              </div>
            </li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.keeper.stocktakes')} testid="home-stocktakes" state={stocktakes} count={stocktakes.data?.length}>
        {stocktakes.data?.length === 0 && <Empty text={t('home.keeper.stocktakesNone')} />}
        <ul class="home-list">
          {stocktakes.data?.map((s) => (
            <li><Go href={`/stock/stocktakes/${s.id}`}>{depot(s.depotId)} · #{s.id}</Go><div class="muted small">{t('home.keeper.openedAt', { at: formatDateTime(s.openedAt) })}</div></li>
          ))}
        </ul>
        {me.depotIds.map((id) => <p class="small"><Go href={`/stock/depots/${id}`}>{t('home.keeper.openDepot', { depot: depot(id) })}</Go></p>)}
      </HomeCard>

      <HomeCard title={t('home.keeper.writeoffs')} testid="home-writeoffs" href="/stock/writeoffs" state={writeoffs} count={writeoffs.data?.length}>
        {writeoffs.data?.length === 0 && <Empty text={t('home.keeper.writeoffsNone')} />}
        <ul class="home-list">
          {writeoffs.data?.map((w) => (
            <li><Go href="/stock/writeoffs">{item(w.itemId)?.name ?? `#${w.itemId}`} × {formatCount(w.quantity)} {item(w.itemId)?.unit}</Go>
              <div class="muted small">{depot(w.depotId)} · {w.requestedByName} · {formatDateTime(w.requestedAt)}</div></li>
          ))}
        </ul>
      </HomeCard>
    </div>
  );
}
