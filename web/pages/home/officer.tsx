// 应急管理干部首页: what needs a decision now — events and the level their figures call for,
// reports waiting or late, reserve gaps, and where dispatched goods are.
import { get, type Me } from '../../api/client';
import { reportsApi, type AssessmentOut, type EventOut, type TownshipStatus } from '../../api/reports';
import { lookups, stockApi } from '../../api/stock';
import { formatCount, formatDateTime, getLang, t } from '../../i18n/index';
import { shipmentState } from '../../map/layers/shipments';
import { Empty, Go, HomeCard, unlessMissing, useLoad } from './parts';
import { RegionOverview } from './region-overview';

interface EventDigest {
  event: EventOut;
  assessment: AssessmentOut | null;
  pending: number;
  overdue: TownshipStatus[];
}

/** The region an officer assesses an event at: the event's own when it lies in their area, else theirs. */
const assessAt = (me: Me, e: EventOut) => (me.role === 'admin' || e.regionCode.startsWith(me.regionCode) ? e.regionCode : me.regionCode);

async function eventDigests(me: Me): Promise<EventDigest[]> {
  const { events } = await reportsApi.events({});
  const open = events.filter((e) => e.status !== 'closed');
  return Promise.all(open.map(async (event) => {
    const region = assessAt(me, event);
    const [assessment, pending, overdue] = await Promise.all([
      reportsApi.assessment(event.id, region).catch(() => null),
      reportsApi.reports(event.id, { status: 'submitted' }).then((r) => r.reports.length).catch(() => 0),
      get<{ overdue: TownshipStatus[] }>(`/api/events/${event.id}/overdue?regionCode=${region}`).then((r) => r.overdue).catch(() => []),
    ]);
    return { event, assessment, pending, overdue };
  }));
}

export function EventsCard({ me }: { me: Me }) {
  const s = useLoad(() => eventDigests(me), [me.regionCode]);
  const lang = getLang();
  return (
    <>
      <HomeCard title={t('home.officer.events')} testid="home-events" href="/events" state={s} count={s.data?.length}>
        {s.data?.length === 0 && <Empty text={t('home.officer.noEvents')} />}
        <ul class="home-list">
          {s.data?.map(({ event, assessment }) => (
            <li data-testid={`home-event-${event.id}`}>
              <Go href={`/events/${event.id}`}><strong>{event.name}</strong></Go>
              {event.demo && <span class="tag demo">{t('region.demo')}</span>}
              <div class="muted small">{t(`eventStatus.${event.status}`)} · {formatDateTime(event.startedAt)}</div>
              {assessment && (
                <div class="level-line">
                  <span class={`level-chip l${assessment.level ?? 0}`} data-testid="suggested-level">{assessment.level ? t(`level.${assessment.level}`) : t('home.officer.noLevel')}</span>
                  <span>{assessment.activeLevel ? t('home.officer.active', { level: t(`level.${assessment.activeLevel}`) }) : t('home.officer.noneActive')}</span>
                  {assessment.suggestion && <div class="suggestion" data-testid="home-suggestion">{lang === 'en' ? assessment.suggestion.text.en : assessment.suggestion.text.zh}</div>}
                </div>
              )}
            </li>
          ))}
        </ul>
      </HomeCard>
      <HomeCard title={t('home.officer.reports')} testid="home-reports" state={s} count={s.data?.reduce((n, d) => n + d.overdue.length + d.pending, 0)}>
        {s.data?.every((d) => !d.overdue.length && !d.pending) && <Empty text={t('home.officer.reportsNone')} />}
        <ul class="home-list">
          {s.data?.filter((d) => d.overdue.length || d.pending).map(({ event, pending, overdue }) => (
            <li>
              <Go href={`/events/${event.id}`}>{event.name}</Go>
              <div>{pending > 0 && <span class="pill">{t('home.officer.pending', { n: pending })}</span>}
                {overdue.length > 0 && <span class="pill hot" data-testid="overdue-count">{t('home.officer.overdue', { n: overdue.length })}</span>}</div>
              {overdue.length > 0 && <div class="muted small">{overdue.slice(0, 5).map((o) => o.name).join('、')}{overdue.length > 5 ? ' …' : ''}</div>}
            </li>
          ))}
        </ul>
      </HomeCard>
    </>
  );
}

export function GapsCard({ me }: { me: Me }) {
  const s = useLoad(async () => {
    const [a, look] = await Promise.all([stockApi.adequacy(me.role === 'admin' ? undefined : me.regionCode), lookups()]);
    const rows = a.depots.filter((g) => g.gap > 0).sort((x, y) => (x.coverage ?? 1) - (y.coverage ?? 1));
    return { rows, look };
  }, [me.regionCode]);
  return (
    <HomeCard title={t('home.officer.gaps')} testid="home-gaps" href="/stock/adequacy" state={s} count={s.data?.rows.length}>
      {s.data?.rows.length === 0 && <Empty text={t('home.officer.gapsNone')} />}
      <ul class="home-list">
        {s.data?.rows.slice(0, 6).map((g) => {
          const item = s.data!.look.item.get(g.itemId);
          return (
            <li>
              <Go href={`/stock/depots/${g.depotId}`}>{s.data!.look.depot.get(g.depotId)?.name ?? `#${g.depotId}`}</Go>
              <div class="small">{item?.name}：{t('home.officer.gapLine', { gap: formatCount(g.gap), unit: item?.unit ?? '', pct: g.coverage === null ? '—' : Math.round(g.coverage * 100) })}</div>
            </li>
          );
        })}
      </ul>
    </HomeCard>
  );
}

interface PlanLite { id: number; status: string; name: string | null; regionName: string | null; createdAt: string }

export function DispatchCard() {
  const s = useLoad(async () => {
    const [plans, moving] = await Promise.all([
      unlessMissing(get<{ plans: PlanLite[] }>('/api/dispatch/plans')),
      stockApi.shipments({ status: 'in_transit' }),
    ]);
    const now = new Date();
    return { plans: plans?.plans ?? null, inTransit: moving.shipments.length, late: moving.shipments.filter((x) => shipmentState(x, now) === 'late').length };
  }, []);
  const drafts = s.data?.plans?.filter((p) => p.status === 'draft') ?? [];
  return (
    <HomeCard title={t('home.officer.dispatch')} testid="home-dispatch" href="/dispatch" state={s}>
      {s.data && (
        <dl class="figures">
          <dt>{t('home.officer.inTransit')}</dt><dd>{s.data.inTransit}</dd>
          <dt>{t('home.officer.late')}</dt><dd class={s.data.late ? 'hot' : ''}>{s.data.late}</dd>
          {s.data.plans && <><dt>{t('home.officer.drafts')}</dt><dd>{drafts.length}</dd></>}
        </dl>
      )}
      {drafts.slice(0, 3).map((p) => <p class="small"><Go href={`/dispatch/plans/${p.id}`}>{p.name ?? `#${p.id}`}</Go> · {p.regionName}</p>)}
      {s.data && s.data.plans === null && <p class="muted small">{t('home.officer.dispatchMissing')}</p>}
      <p class="small"><Go href="/map">{t('home.openMap')}</Go></p>
    </HomeCard>
  );
}

export function OfficerHome({ me }: { me: Me }) {
  return (
    <div class="home-grid">
      <EventsCard me={me} />
      <GapsCard me={me} />
      <DispatchCard />
      <RegionOverview regionCode={me.regionCode} showMapLink />
    </div>
  );
}
