// 物资请领: township staff (on a phone) and county officers ask for goods; the league plans them.
import { useEffect, useState } from 'preact/hooks';
import { dispatchApi, type SupplyRequest } from '../../api/dispatch';
import { reportsApi, type EventOut } from '../../api/reports';
import { stockApi, type Item } from '../../api/stock';
import { formatCount, formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/dispatch';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { useRegionNames } from './region-names';

export function SupplyRequestsPage() {
  useLang();
  const me = useMe()!;
  const [list, setList] = useState<SupplyRequest[]>([]);
  const [events, setEvents] = useState<EventOut[]>([]);
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = () => dispatchApi.requests().then((r) => setList(r.requests)).catch(setError);
  useEffect(() => {
    void reload();
    reportsApi.events().then((r) => setEvents(r.events.filter((e) => e.status !== 'closed'))).catch(() => setEvents([]));
    stockApi.items().then((r) => setItems(r.items)).catch(setError);
  }, []);
  const regionName = useRegionNames(list.map((r) => r.regionCode));
  const itemName = (id: number) => items.find((i) => i.id === id)?.name ?? `#${id}`;
  const canAsk = me.role === 'reporter' || me.role === 'officer' || me.role === 'admin';

  async function withdraw(id: number) {
    try {
      await dispatchApi.withdraw(id);
      void reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div class="page narrow supply-requests">
      <h2>{t('dispatch.requests')}</h2>
      {canAsk && <RequestForm me={me} events={events} items={items} onSent={reload} />}
      <ErrorBox error={error} />
      {list.length === 0 && <p class="muted">{t('dispatch.noRequests')}</p>}
      <ul class="plain request-list" data-testid="request-list">
        {list.map((r) => (
          <li class="card" key={r.id}>
            <div class="request-head">
              <strong>{itemName(r.itemId)} × {formatCount(r.quantity)}</strong>
              <span class={`tag req-${r.status}`}>{t(`dispatch.req.${r.status}`)}</span>
            </div>
            <div class="small muted">{regionName(r.regionCode)} · {t('dispatch.priority')} {r.priority} · {r.requestedByName} {formatDateTime(r.requestedAt)}</div>
            {r.note && <div class="small">{r.note}</div>}
            {r.status === 'open' && canAsk && <button type="button" onClick={() => withdraw(r.id)}>{t('dispatch.withdraw')}</button>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RequestForm({ me, events, items, onSent }: { me: { role: string; regionCode: string }; events: EventOut[]; items: Item[]; onSent: () => void }) {
  const [regionCode, setRegionCode] = useState(me.role === 'reporter' ? me.regionCode : '');
  const [eventId, setEventId] = useState('');
  const [itemId, setItemId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [priority, setPriority] = useState('3');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null); setSent(false);
    try {
      await dispatchApi.request({
        regionCode, itemId: Number(itemId), quantity: Number(quantity), priority: Number(priority),
        ...(eventId ? { eventId: Number(eventId) } : {}), ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSent(true); setQuantity(''); setNote('');
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" onSubmit={submit} data-testid="request-form">
      <h3>{t('dispatch.newRequest')}</h3>
      {me.role !== 'reporter' && <label>{t('dispatch.requestRegion')}<RegionPicker value={regionCode} onChange={setRegionCode} /></label>}
      <label>{t('dispatch.event')}
        <select name="eventId" value={eventId} onChange={(e) => setEventId(e.currentTarget.value)}>
          <option value="">—</option>
          {events.map((ev) => <option value={ev.id}>{ev.name}</option>)}
        </select>
      </label>
      <label>{t('dispatch.item')}
        <select name="itemId" value={itemId} required onChange={(e) => setItemId(e.currentTarget.value)}>
          <option value="" disabled>—</option>
          {items.map((i) => <option value={i.id}>{i.name}（{i.unit}）</option>)}
        </select>
      </label>
      <div class="grid2">
        <label>{t('dispatch.qty')}<input name="quantity" type="number" min={1} step={1} required value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} /></label>
        <label>{t('dispatch.priority')}
          <select name="priority" value={priority} onChange={(e) => setPriority(e.currentTarget.value)}>
            {[5, 4, 3, 2, 1].map((p) => <option value={p}>{p}{p === 5 ? `（${t('dispatch.priorityHint')}）` : ''}</option>)}
          </select>
        </label>
      </div>
      <label>{t('dispatch.note')}<textarea name="note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>
      <button type="submit" class="primary wide" disabled={busy || !regionCode}>{t('dispatch.submit')}</button>
      {sent && <p class="ok" role="status">{t('dispatch.requestSent')}</p>}
      <ErrorBox error={error} />
    </form>
  );
}
