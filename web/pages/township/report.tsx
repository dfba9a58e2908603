// 灾情报送 for township staff, on a phone, often with no signal. The form checks consistency as
// they type (the server's own rules), asks for an explanation when figures jump from the last
// accepted report, and hands the report to the offline outbox: it is kept on the device and sent
// with its Idempotency-Key whenever the network allows.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { checkConsistency, checkJump, JumpRules } from '../../../api/modules/reports/consistency';
import { FIGURE_GROUPS, FIGURE_UNITS, fillFigures, REPORT_STAGES, type Figures, type FigureKey, type ReportStage } from '../../../api/modules/reports/schemas';
import jumpSeed from '../../../db/seed/report-jump-rules.json';
import { ApiError } from '../../api/client';
import { reportsApi, type EventOut, type ReportInput, type ReportOut } from '../../api/reports';
import { formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/reports';
import { enqueue, flush, startQueue, type QueuedWrite } from '../../offline/queue';
import { useMe } from '../../session';
import { RegionPicker } from '../../ui/region-picker';
import { OutboxList, useOnline } from './outbox';

const JUMP_RULES = JumpRules.parse(jumpSeed);

/** What the form needs about a township, kept for offline use. */
interface TownshipPicture {
  events: EventOut[];
  reports: Record<number, ReportOut[]>;
  closed: Record<number, boolean>;
  savedAt: string;
}
const cacheKey = (code: string) => `relief.reports.township.${code}`;
const readCache = (code: string): TownshipPicture | null => {
  try {
    return JSON.parse(localStorage.getItem(cacheKey(code)) ?? 'null');
  } catch {
    return null;
  }
};

async function loadPicture(code: string): Promise<TownshipPicture> {
  const { events } = await reportsApi.events({ regionCode: code });
  const open = events.filter((e) => e.status !== 'closed');
  const reports: TownshipPicture['reports'] = {};
  const closed: TownshipPicture['closed'] = {};
  await Promise.all(open.map(async (e) => {
    const [list, status] = await Promise.all([reportsApi.reports(e.id, { regionCode: code }), reportsApi.status(e.id, code)]);
    reports[e.id] = list.reports;
    closed[e.id] = status.townships.find((s) => s.regionCode === code)?.closed ?? false;
  }));
  const picture = { events: open, reports, closed, savedAt: new Date().toISOString() };
  localStorage.setItem(cacheKey(code), JSON.stringify(picture));
  return picture;
}

export function TownshipReportPage() {
  useLang();
  const me = useMe()!;
  const online = useOnline();
  const [township, setTownship] = useState(me.role === 'reporter' ? me.regionCode : '');
  const [picture, setPicture] = useState<TownshipPicture | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [eventId, setEventId] = useState<number | null>(null);
  const [stage, setStage] = useState<ReportStage>('initial');
  const [values, setValues] = useState<Partial<Record<FigureKey, string>>>({});
  const [explanation, setExplanation] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => void startQueue(me.username), [me.username]);

  const refresh = () => {
    if (!township) return;
    // Offline: what this device knew when last online; asking the network would only fail.
    if (!navigator.onLine) {
      const cached = readCache(township);
      if (cached) { setPicture(cached); setFromCache(true); }
      return;
    }
    loadPicture(township)
      .then((p) => { setPicture(p); setFromCache(false); })
      .catch((e) => {
        // No network: fall back to what this device knew. Any other refusal is shown as is.
        const cached = readCache(township);
        if (cached) { setPicture(cached); setFromCache(true); }
        if (!(e instanceof ApiError && e.status === 0) && !cached) setNotice(e instanceof Error ? e.message : String(e));
      });
  };
  useEffect(refresh, [township, online]);
  useEffect(() => {
    if (picture && (eventId === null || !picture.events.some((e) => e.id === eventId))) setEventId(picture.events[0]?.id ?? null);
  }, [picture]);

  const event = picture?.events.find((e) => e.id === eventId) ?? null;
  const filed = (eventId !== null && picture?.reports[eventId]) || [];
  const closed = eventId !== null && !!picture?.closed[eventId];
  const initialFiled = filed.some((r) => r.stage === 'initial' && r.status !== 'returned');
  useEffect(() => setStage(initialFiled ? 'update' : 'initial'), [eventId, initialFiled]);

  const figures: Figures = useMemo(() => fillFigures(Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, Number(v)]),
  ) as Partial<Figures>), [values]);
  const badInput = Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && !/^\d+$/.test(v!)).map(([k]) => k as FigureKey);
  const violations = checkConsistency(figures);
  const flagged = new Set<string>([...badInput, ...violations.flatMap((v) => Object.keys(v.values))]);
  const lastAccepted = filed.find((r) => r.status === 'accepted') ?? null;
  const jumps = checkJump(lastAccepted ? lastAccepted.figures : null, figures, JUMP_RULES);
  const needsExplanation = jumps.length > 0;
  const canSubmit = !!event && !closed && badInput.length === 0 && violations.length === 0 && (!needsExplanation || explanation.trim() !== '')
    && !(stage === 'initial' && initialFiled);

  async function submit(e: Event) {
    e.preventDefault();
    if (!event || !canSubmit) return;
    const body: ReportInput = {
      regionCode: township, stage,
      figures: Object.fromEntries(Object.entries(figures).filter(([, v]) => v > 0)) as ReportInput['figures'],
      reportedAt: new Date().toISOString(),
      ...(explanation.trim() ? { explanation: explanation.trim() } : {}),
    };
    const item: QueuedWrite = await enqueue({
      kind: 'report', path: reportsApi.reportPath(event.id), body, username: me.username,
      label: `${event.name} · ${t(`stage.${stage}`)} · ${formatDateTime(new Date().toISOString())}`,
    });
    setValues({});
    setExplanation('');
    setNotice(t('report.queued', { state: t(`report.state.${navigator.onLine ? 'sending' : 'pending'}`) }));
    void item;
  }

  return (
    <div class="page narrow township-report">
      <h2>{t('report.title')} <span class={`net ${online ? 'on' : 'off'}`} data-testid="network">{online ? t('report.online') : t('report.offline')}</span></h2>
      {me.role !== 'reporter' && (
        <label>{t('report.township')}<RegionPicker value={township} onChange={setTownship} level="township" /></label>
      )}
      {fromCache && <p class="muted">{t('report.cached')}</p>}
      {!online && <p class="warn-box" role="status">{t('report.offlineNote')}</p>}
      {picture && picture.events.length === 0 && <p class="muted">{t('report.noEvents')}</p>}

      {event && (
        <form class="card form report-form" onSubmit={submit} data-testid="report-form">
          <label>{t('report.event')}
            <select name="event" value={String(eventId)} onChange={(e) => setEventId(Number(e.currentTarget.value))}>
              {picture!.events.map((ev) => <option value={ev.id}>{ev.name}</option>)}
            </select>
          </label>
          <p class="muted filed">
            {t('report.filed')}：{filed.length === 0 ? t('report.nothingFiled') : filed.slice(0, 4).map((r) => `${t(`stage.${r.stage}`)}·${t(`reportStatus.${r.status}`)}`).join('，')}
          </p>
          {closed && <p class="warn-box">{t('report.closed')}</p>}
          <fieldset class="stages">
            <legend>{t('report.stage')}</legend>
            {REPORT_STAGES.map((s) => (
              <label class="radio"><input type="radio" name="stage" value={s} checked={stage === s} disabled={s === 'initial' && initialFiled}
                onChange={() => setStage(s)} />{t(`stage.${s}`)}</label>
            ))}
          </fieldset>

          {FIGURE_GROUPS.map((g) => (
            <fieldset class="figure-group">
              <legend>{g.zh}</legend>
              {g.fields.map((fd) => (
                <label class={`figure ${fd.partOf ? 'part' : ''} ${flagged.has(fd.key) ? 'invalid' : ''}`}>
                  <span>{fd.zh}<small class="muted">（{FIGURE_UNITS[fd.unit].zh}）</small>{fd.hint && <small class="muted"> {fd.hint.zh}</small>}</span>
                  <input name={fd.key} inputMode="numeric" pattern="[0-9]*" autocomplete="off" value={values[fd.key] ?? ''} placeholder="0"
                    aria-invalid={flagged.has(fd.key)} onInput={(e) => setValues({ ...values, [fd.key]: e.currentTarget.value.trim() })} />
                </label>
              ))}
            </fieldset>
          ))}

          {(violations.length > 0 || badInput.length > 0) && (
            <ul class="violations" role="alert" data-testid="violations">
              {badInput.length > 0 && <li>{t('report.fixFirst')}</li>}
              {violations.map((v) => <li data-rule={v.code}>{v.zh}</li>)}
            </ul>
          )}
          {needsExplanation && (
            <div class="jumps">
              <p>{t('report.explanationNeeded')}</p>
              <ul>{jumps.map((j) => <li>{j.zh}</li>)}</ul>
            </div>
          )}
          <label>{t('report.explanation')}
            <textarea name="explanation" rows={3} value={explanation} placeholder={t('report.explanationHint')} required={needsExplanation}
              onInput={(e) => setExplanation(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary wide" disabled={!canSubmit}>{t('report.submit')}</button>
          {notice && <p class="ok" role="status" data-testid="report-notice">{notice}</p>}
        </form>
      )}

      <OutboxList username={me.username} onSent={refresh} />
      {online && <button type="button" class="link" onClick={() => void flush()}>{t('report.sendNow')}</button>}

      {filed.length > 0 && (
        <section class="card">
          <h3>{t('report.history')}</h3>
          <ul class="report-history">
            {filed.map((r) => (
              <li>
                <strong>{t(`stage.${r.stage}`)}</strong> {formatDateTime(r.submittedAt)} <span class={`tag status-${r.status}`}>{t(`reportStatus.${r.status}`)}</span>
                {r.reviewNote && <div class="muted">{t('report.reviewNote')}：{r.reviewNote}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
