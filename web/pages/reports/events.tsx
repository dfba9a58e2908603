import { useEffect, useState } from 'preact/hooks';
import { HAZARDS } from '../../../api/modules/reports/schemas';
import { reportsApi, type EventOut } from '../../api/reports';
import { formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/reports';
import { navigate } from '../../router';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';

export function EventsPage() {
  useLang();
  const me = useMe()!;
  const [events, setEvents] = useState<EventOut[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [showMerged, setShowMerged] = useState(false);
  const reload = () => reportsApi.events(showMerged ? { includeMerged: 'true' } : {}).then((r) => setEvents(r.events)).catch(setError);
  useEffect(() => void reload(), [showMerged]);

  return (
    <div class="page">
      <h2>{t('events.title')}</h2>
      <div class="two-col">
        <section class="card">
          <label class="radio"><input type="checkbox" checked={showMerged} onChange={(e) => setShowMerged(e.currentTarget.checked)} />{t('events.showMerged')}</label>
          {events.length === 0 && <p class="muted">{t('events.none')}</p>}
          <table class="table" data-testid="events-table">
            <thead><tr><th>{t('events.name')}</th><th>{t('events.hazard')}</th><th>{t('events.region')}</th><th>{t('events.startedAt')}</th><th>{t('events.status')}</th><th></th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr>
                  <td><a href={`/events/${e.id}`} onClick={(ev) => { ev.preventDefault(); navigate(`/events/${e.id}`); }}>{e.name}</a>{e.demo && <span class="tag demo">{t('events.demo')}</span>}{e.mergedIntoId !== null && <span class="tag">{t('events.merged')} → #{e.mergedIntoId}</span>}</td>
                  <td>{t(`hazard.${e.hazard}`)}</td>
                  <td>{e.regionName} <span class="muted">{e.regionCode}</span></td>
                  <td>{formatDateTime(e.startedAt)}</td>
                  <td><span class={`tag event-${e.status}`}>{t(`eventStatus.${e.status}`)}</span></td>
                  <td><button type="button" onClick={() => navigate(`/events/${e.id}`)}>{t('events.open')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {can(me, 'review') && <NewEventForm defaultRegion={me.regionCode} onCreated={reload} />}
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

/** datetime-local gives a wall-clock time without a zone; the form means Beijing time. */
const beijingNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);

function NewEventForm({ defaultRegion, onCreated }: { defaultRegion: string; onCreated: () => void }) {
  const [form, setForm] = useState({ name: '', hazard: 'snow', startedAt: beijingNow(), regionCode: defaultRegion, affected: '' });
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<(EventOut & { warnings: { eventId: number; name: string }[] }) | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setMerged(null);
    try {
      const affected = form.affected.split(/[\s,，、]+/).filter(Boolean);
      const out = await reportsApi.createEvent({
        name: form.name, hazard: form.hazard as never, startedAt: `${form.startedAt}:00+08:00`, regionCode: form.regionCode,
        ...(affected.length ? { affectedRegionCodes: affected } : {}),
      });
      setCreated(out);
      setForm({ ...form, name: '', affected: '' });
      onCreated();
    } catch (err) {
      setError(err);
    }
  }

  async function merge(intoId: number) {
    if (!created) return;
    try {
      const out = await reportsApi.merge(created.id, intoId);
      setMerged(t('events.mergedDone', { from: out.event.name, into: out.into.name, reports: out.movedReports }));
      setCreated(null);
      onCreated();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="new-event">
      <h3>{t('events.create')}</h3>
      <label>{t('events.name')}<input name="name" value={form.name} onInput={set('name')} required maxLength={120} /></label>
      <label>{t('events.hazard')}
        <select name="hazard" value={form.hazard} onChange={set('hazard')}>
          {HAZARDS.map((h) => <option value={h.code}>{t(`hazard.${h.code}`)}</option>)}
        </select>
      </label>
      <label>{t('events.startedAt')}<input name="startedAt" type="datetime-local" value={form.startedAt} onInput={set('startedAt')} required /></label>
      <label>{t('events.region')}<RegionPicker value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} /></label>
      <label>{t('events.affected')}<input name="affected" value={form.affected} onInput={set('affected')} placeholder="152502, 152522" /></label>
      <button type="submit" class="primary">{t('events.create')}</button>
      {created && <p class="ok" role="status">{t('events.created', { name: created.name })}</p>}
      {merged && <p class="ok" role="status" data-testid="merged">{merged}</p>}
      {created?.warnings.map((w) => (
        <p class="warn-box" data-testid="duplicate-warning">{t('events.duplicate', { name: w.name, id: w.eventId })} <button type="button" onClick={() => merge(w.eventId)}>{t('events.mergeInto')}</button></p>
      ))}
      <ErrorBox error={error} />
    </form>
  );
}
