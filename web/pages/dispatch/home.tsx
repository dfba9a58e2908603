// The officer's dispatch desk: pick an event, see its plans and the 10-hour measure, start a plan.
import { useEffect, useState } from 'preact/hooks';
import { dispatchApi, type PlanSummary, type ReliefSpeed } from '../../api/dispatch';
import { reportsApi, type EventOut } from '../../api/reports';
import { formatCount, formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/dispatch';
import { navigate } from '../../router';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';

const go = (path: string) => (e: Event) => { e.preventDefault(); navigate(path); };

export function DispatchHomePage() {
  useLang();
  const me = useMe()!;
  const [events, setEvents] = useState<EventOut[] | null>(null);
  const [eventId, setEventId] = useState<number | null>(() => Number(new URLSearchParams(location.search).get('event')) || null);
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [speed, setSpeed] = useState<ReliefSpeed | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    reportsApi.events().then(({ events: es }) => {
      setEvents(es);
      setEventId((id) => id ?? es.find((e) => e.status !== 'closed')?.id ?? es[0]?.id ?? null);
    }).catch(setError);
  }, []);
  useEffect(() => {
    if (!eventId) return;
    setPlans([]); setSpeed(null);
    dispatchApi.plans({ eventId }).then((r) => setPlans(r.plans)).catch(setError);
    dispatchApi.speed(eventId).then(setSpeed).catch(setError);
  }, [eventId]);

  return (
    <div class="page dispatch-home">
      <h2>{t('dispatch.title')}</h2>
      <ErrorBox error={error} />
      <div class="two-col">
        <section class="card">
          <label>{t('dispatch.pickEvent')}
            <select value={eventId ?? ''} name="event" onChange={(e) => setEventId(Number(e.currentTarget.value) || null)}>
              {(events ?? []).map((e) => <option value={e.id}>{e.name}{e.demo ? `（${t('dispatch.demo')}）` : ''}</option>)}
            </select>
          </label>
          {events?.length === 0 && <p class="muted">{t('dispatch.noEvents')}</p>}
          {eventId && can(me, 'review') && (
            <p><a class="button-link primary" href={`/dispatch/events/${eventId}/plan`} onClick={go(`/dispatch/events/${eventId}/plan`)} data-testid="new-plan">{t('dispatch.newPlan')}</a></p>
          )}
          <h3>{t('dispatch.plans')}</h3>
          {plans.length === 0 && <p class="muted">{t('dispatch.noPlans')}</p>}
          <table class="table" data-testid="plans-table">
            <tbody>
              {plans.map((p) => (
                <tr>
                  <td><a href={`/dispatch/plans/${p.id}`} onClick={go(`/dispatch/plans/${p.id}`)}>#{p.id}</a> <span class="muted small">{t('dispatch.version', { n: p.version })}</span></td>
                  <td><span class={`tag plan-${p.status}`}>{t(`dispatch.status.${p.status}`)}</span></td>
                  <td class="num">{t('dispatch.met')} {formatCount(p.met)}/{formatCount(p.demanded)}</td>
                  <td class="small muted">{p.createdByName} {formatDateTime(p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {speed && <SpeedCard speed={speed} />}
      </div>
    </div>
  );
}

function SpeedCard({ speed }: { speed: ReliefSpeed }) {
  return (
    <section class="card speed-card" data-testid="relief-speed">
      <h3>{t('dispatch.speed')}</h3>
      <p class="speed-share">
        <strong>{speed.share === null ? '—' : `${Math.round(speed.share * 100)}%`}</strong>{' '}
        {t('dispatch.speedShare', { served: speed.servedWithinTarget, total: speed.townshipsWithNeed, hours: speed.targetHours })}
      </p>
      <table class="table">
        <thead><tr><th>{t('dispatch.township')}</th><th>{t('dispatch.firstDelivery')}</th><th class="num">{t('dispatch.hoursAfter')}</th><th></th></tr></thead>
        <tbody>
          {speed.townships.map((x) => (
            <tr><td>{x.name ?? x.regionCode}</td><td class="small">{formatDateTime(x.firstReceivedAt)}</td><td class="num">{x.hours ?? '—'}</td><td><span class={`tag speed-${x.state}`}>{t(`dispatch.speedState.${x.state}`)}</span></td></tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">{speed.targetSource}</p>
    </section>
  );
}
