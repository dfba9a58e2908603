// The officer's event dashboard: where the damage is (map), how much (roll-up), what level the
// rules call for and the decision (assessment), what waits for review, who is late, and the log.
import { useEffect, useState } from 'preact/hooks';
import { FIGURE_GROUPS } from '../../../api/modules/reports/schemas';
import { session } from '../../api/client';
import { reportsApi, type AssessmentOut, type BreakdownLevel, type EventOut, type ReportingStatus, type ReportOut, type ResponseOut, type SummaryOut } from '../../api/reports';
import { formatDateTime, getLang, t, useLang } from '../../i18n/index';
import '../../i18n/reports';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { navigate } from '../../router';
import { AssessmentPanel } from './assessment-panel';
import { EventMap, type MapIndicator } from './event-map';
import { ReportImportPanel } from './import-panel';
import { ReportingStatusCard } from './reporting-status';
import { ReviewList } from './review-list';
import { RollupTable } from './rollup-table';
import { OverdueList, ResponseTimeline } from './timeline';

interface Loaded {
  event: EventOut;
  summary: SummaryOut;
  assessment: AssessmentOut;
  status: ReportingStatus;
  pending: ReportOut[];
  responses: ResponseOut[];
}

const DERIVED: { key: MapIndicator; zh: string; en: string }[] = [
  { key: 'relocatedNeedAid', zh: '紧急转移安置和需紧急生活救助', en: 'Relocated and needing emergency aid' },
  { key: 'deathsMissing', zh: '死亡和失踪', en: 'Deaths and missing' },
  { key: 'housesRooms', zh: '倒塌和严重损坏房屋（间）', en: 'Collapsed and severely damaged (rooms)' },
];

async function download(path: string, filename: string) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) throw new Error(`${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EventDashboardPage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const eventId = Number(params.id);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [by, setBy] = useState<BreakdownLevel>('county');
  const [indicator, setIndicator] = useState<MapIndicator>('relocatedNeedAid');
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  async function load() {
    try {
      const event = await reportsApi.event(eventId);
      const summary = await reportsApi.summary(eventId, { regionCode: region, by });
      const code = summary.regionCode;
      const [assessment, status, pending, responses] = await Promise.all([
        reportsApi.assessment(eventId, code), reportsApi.status(eventId, code),
        reportsApi.reports(eventId, { regionCode: code, status: 'submitted' }), reportsApi.responses(eventId),
      ]);
      setData({ event, summary, assessment, status, pending: pending.reports, responses: responses.responses });
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => void load(), [eventId, region, by]);

  // A county's code picks it: the assessment, roll-up and map focus on it; the league again via the breadcrumb.
  const pick = (code: string) => code.length <= 6 && code !== data?.summary.regionCode && setRegion(code);
  const setStatus = async (status: 'stabilised' | 'closed' | 'active') => {
    try {
      await reportsApi.patchEvent(eventId, { status });
      await load();
    } catch (e) {
      setError(e);
    }
  };

  if (!data) return <div class="page"><ErrorBox error={error} /></div>;
  const { event, summary, assessment, status, pending, responses } = data;
  const officer = can(me, 'review');
  const lang = getLang();

  return (
    <div class="page event-dashboard" data-testid="event-dashboard">
      <header class="event-head">
        <div>
          <h2>{event.name} {event.demo && <span class="tag demo">{t('events.demo')}</span>}</h2>
          <p class="muted">
            {t(`hazard.${event.hazard}`)} · {event.regionName} · {formatDateTime(event.startedAt)} · <span class={`tag event-${event.status}`}>{t(`eventStatus.${event.status}`)}</span>
            {region && <> · <button type="button" class="link" onClick={() => setRegion(undefined)}>{event.regionName}</button> / {summary.name}</>}
          </p>
        </div>
        <div class="head-actions no-print">
          <button type="button" onClick={() => download(reportsApi.xlsxUrl(eventId, summary.regionCode), `${event.name}-${summary.name}.xlsx`).catch(setError)}>{t('dash.export.xlsx')}</button>
          <button type="button" onClick={() => download(reportsApi.geojsonUrl(eventId, summary.regionCode), `${event.name}-${summary.name}.geojson`).catch(setError)}>{t('dash.export.geojson')}</button>
          {officer && event.status === 'active' && <button type="button" onClick={() => setStatus('stabilised')}>{t('dash.stabilise')}</button>}
          {officer && event.status === 'stabilised' && <button type="button" onClick={() => setStatus('active')}>{t('dash.reactivate')}</button>}
          {officer && event.status !== 'closed' && <button type="button" onClick={() => setStatus('closed')}>{t('dash.close')}</button>}
        </div>
      </header>
      {event.mergedIntoId !== null && (
        <p class="warn-box" data-testid="merged-into">{t('merge.mergedInto')} <a href={`/events/${event.mergedIntoId}`} onClick={(e) => { e.preventDefault(); navigate(`/events/${event.mergedIntoId}`); }}>#{event.mergedIntoId}</a></p>
      )}
      {notice && <p class="ok" role="status" data-testid="dash-notice">{notice}</p>}
      <ErrorBox error={error} />

      <div class="dash-grid">
        <section class="card map-card">
          <div class="map-controls">
            <label>{t('dash.indicator')}
              <select value={indicator} onChange={(e) => setIndicator(e.currentTarget.value as MapIndicator)} data-testid="indicator">
                {DERIVED.map((d) => <option value={d.key}>{lang === 'en' ? d.en : d.zh}</option>)}
                {FIGURE_GROUPS.map((g) => (
                  <optgroup label={lang === 'en' ? g.en : g.zh}>
                    {g.fields.map((f) => <option value={f.key}>{lang === 'en' ? f.en : f.zh}</option>)}
                  </optgroup>
                ))}
              </select>
            </label>
            <label>{t('dash.by')}
              <select value={by} onChange={(e) => setBy(e.currentTarget.value as BreakdownLevel)}>
                <option value="county">{t('dash.by.county')}</option>
                <option value="township">{t('dash.by.township')}</option>
              </select>
            </label>
          </div>
          <EventMap eventId={eventId} summary={summary} by={by} indicator={indicator} onPick={pick} />
        </section>
        <AssessmentPanel eventId={eventId} a={assessment} canAct={officer && event.status !== 'closed'} onChanged={load} />
      </div>

      <RollupTable summary={summary} onPick={pick} />
      <div class="two-col even">
        <ReviewList reports={pending} canReview={officer} onChanged={(m) => { setNotice(m); void load(); }} />
        <OverdueList overdue={status.overdue} />
      </div>
      <div class="two-col even">
        <ReportingStatusCard eventId={eventId} status={status} canReopen={officer && event.status !== 'closed'} onChanged={(m) => { setNotice(m); void load(); }} />
        <ResponseTimeline event={event} responses={responses} />
      </div>
      {officer && event.status !== 'closed' && (
        <ReportImportPanel eventId={eventId} regionCode={summary.regionCode} eventName={event.name} onImported={() => void load()} />
      )}
      {officer && event.status !== 'closed' && event.mergedIntoId === null && <MergePanel event={event} onMerged={(into) => navigate(`/events/${into}`)} />}
    </div>
  );
}

/** 合并重复事件: fold this event into another open event of the same hazard (the server checks the rest). */
function MergePanel({ event, onMerged }: { event: EventOut; onMerged: (intoId: number) => void }) {
  const [candidates, setCandidates] = useState<EventOut[] | null>(null);
  const [into, setInto] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => candidates === null && reportsApi.events({}).then((r) => setCandidates(r.events.filter((e) => e.id !== event.id && e.hazard === event.hazard && e.status !== 'closed' && e.mergedIntoId === null))).catch(setError);

  async function merge() {
    const target = candidates?.find((c) => c.id === Number(into));
    if (!target || !confirm(t('merge.confirm', { from: event.name, into: target.name }))) return;
    setError(null);
    try {
      await reportsApi.merge(event.id, target.id);
      onMerged(target.id);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <details class="card no-print" data-testid="merge-panel" onToggle={load}>
      <summary><strong>{t('merge.title')}</strong></summary>
      <p class="muted small">{t('merge.hint')}</p>
      {candidates !== null && candidates.length === 0 && <p class="muted">{t('merge.none')}</p>}
      {candidates !== null && candidates.length > 0 && (
        <div class="inline-form">
          <label>{t('merge.into')}
            <select value={into} onChange={(e) => setInto(e.currentTarget.value)} data-testid="merge-into">
              <option value="" />
              {candidates.map((c) => <option value={c.id}>{c.name}（{c.regionName} · {formatDateTime(c.startedAt)}）</option>)}
            </select>
          </label>
          <button type="button" disabled={!into} onClick={merge}>{t('merge.submit')}</button>
        </div>
      )}
      <ErrorBox error={error} />
    </details>
  );
}
