// 乡镇灾害信息员首页 (a phone): what is due today (初报/续报 deadlines), what waits in the outbox on
// this device, goods to sign for, and families whose rebuilding needs a visit.
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../../api/client';
import { recoveryApi } from '../../api/recovery';
import { reportsApi, type EventOut } from '../../api/reports';
import { lookups, stockApi } from '../../api/stock';
import { formatCount, formatDateTime, t } from '../../i18n/index';
import '../../i18n/reports';
import '../../i18n/recovery';
import { listWrites, subscribe, type QueuedWrite } from '../../offline/queue';
import { isDueToday, nextDue, type Due } from './due';
import { Empty, Go, HomeCard, useLoad } from './parts';

async function dueReports(me: Me): Promise<{ event: EventOut; due: Due }[]> {
  const { events } = await reportsApi.events({ status: 'active' });
  const rows = await Promise.all(events.map(async (event) => {
    const status = await reportsApi.status(event.id, me.regionCode).catch(() => null);
    const due = status && nextDue(status, me.regionCode);
    return due ? { event, due } : null;
  }));
  return rows.filter((r): r is { event: EventOut; due: Due } => r !== null);
}

function useOutbox(username: string): QueuedWrite[] | null {
  const [writes, setWrites] = useState<QueuedWrite[] | null>(null);
  useEffect(() => {
    const read = () => void listWrites(undefined, username).then(setWrites).catch(() => setWrites([]));
    read();
    return subscribe(read);
  }, [username]);
  return writes;
}

export function TownshipHome({ me }: { me: Me }) {
  const due = useLoad(() => dueReports(me), [me.regionCode]);
  const outbox = useOutbox(me.username);
  const waiting = outbox?.filter((w) => w.state !== 'sent') ?? [];
  const deliveries = useLoad(async () => {
    const [r, look] = await Promise.all([stockApi.shipments({ status: 'in_transit', toRegionCode: me.regionCode }), lookups()]);
    return r.shipments.map((s) => ({ s, item: look.item.get(s.itemId) }));
  }, [me.regionCode]);
  const followUp = useLoad(() => recoveryApi.cases({ regionCode: me.regionCode, limit: 200 })
    .then((r) => r.cases.filter((c) => c.status !== 'moved_in' && c.status !== 'rejected')), [me.regionCode]);
  const now = new Date();
  const today = due.data?.filter((d) => isDueToday(d.due, now)) ?? [];
  const later = due.data?.filter((d) => !isDueToday(d.due, now)) ?? [];

  return (
    <div class="home-grid phone-first">
      <HomeCard title={t('home.town.due')} testid="home-due" href="/township/report" linkLabel={t('nav.report')} state={due} count={today.length}>
        {due.data?.length === 0 && <Empty text={t('home.town.dueNone')} />}
        <ul class="home-list">
          {[...today, ...later].map(({ event, due: d }) => (
            <li data-testid="due-item" class={d.overdue ? 'overdue' : ''}>
              <Go href="/township/report"><strong>{t(`stage.${d.stage}`)}</strong> · {event.name}</Go>
              <div class="small">
                {d.dueAt ? t('home.town.dueBy', { at: formatDateTime(d.dueAt) }) : t('home.town.noDeadline')}{' '}
                {d.overdue ? <span class="pill hot">{t('home.town.overdue')}</span> : isDueToday(d, now) ? <span class="pill warn">{t('home.town.today')}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.town.outbox')} testid="home-outbox" href="/township/outbox" state={{ loading: outbox === null, error: null }} count={waiting.length}>
        {waiting.length === 0 && <Empty text={t('home.town.outboxNone')} />}
        <ul class="home-list">
          {waiting.slice(0, 6).map((w) => (
            <li data-state={w.state}>{w.label}<div class="small"><span class={`queue-state ${w.state}`}>{t(`home.town.state.${w.state}`)}</span> {formatDateTime(w.createdAt)}</div></li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.town.deliveries')} testid="home-deliveries" href="/stock/deliveries" state={deliveries} count={deliveries.data?.length}>
        {deliveries.data?.length === 0 && <Empty text={t('home.town.deliveriesNone')} />}
        <ul class="home-list">
          {deliveries.data?.map(({ s, item }) => (
            <li><Go href="/stock/deliveries">{item?.name ?? `#${s.itemId}`} × {formatCount(s.quantity)} {item?.unit}</Go><div class="muted small">{formatDateTime(s.sentAt)}</div></li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.town.followUp')} testid="home-followup" href="/recovery/cases" state={followUp} count={followUp.data?.length}>
        {followUp.data?.length === 0 && <Empty text={t('home.town.followUpNone')} />}
        <ul class="home-list">
          {followUp.data?.slice(0, 8).map((c) => (
            <li><Go href={`/recovery/cases/${c.id}`}>{c.household.headName} · {c.household.villageName}</Go>
              <div class="small">{t(`home.town.caseStatus`, { status: t(`rec.status.${c.status}`) })}{c.overdue.length > 0 && <span class="pill hot">{t('home.town.caseOverdue')}</span>}</div></li>
          ))}
        </ul>
      </HomeCard>
    </div>
  );
}
