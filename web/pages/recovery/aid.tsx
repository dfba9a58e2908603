// 过渡期生活救助 and 遇难人员家属抚慰金: township staff (or officers) compute a household's amount
// from the standards in force — the estimate is shown before saving — and a county officer pays the
// computed amount from an allocation of the right category. Paying one household twice in a
// category and season is refused by the server (409), and the refusal is shown as it comes.
import { useEffect, useState } from 'preact/hooks';
import { isValidIdNumber } from '../../../api/modules/recovery/id-number';
import { computeCondolence, computeTransitionalAid } from '../../../api/modules/recovery/subsidy';
import {
  recoveryApi, type Allocation, type Condolence, type EffectiveStandard, type HouseholdView, type PaymentView, type RebuildCaseView,
  type TransitionalAid,
} from '../../api/recovery';
import { reportsApi, type EventOut } from '../../api/reports';
import { formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { HouseholdPicker } from './household-picker';
import { dayOnly, fromLocalInput, localInput, RecoveryTabs } from './parts';

type Kind = 'transitional' | 'condolence';
const isCountyOfficer = (me: { role: string; regionCode: string }) => me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);
const today = () => localInput(new Date()).slice(0, 10);

function useStandard<K extends 'transitional' | 'condolence'>(household: HouseholdView | null, kind: K) {
  const [s, setS] = useState<EffectiveStandard<K> | null>(null);
  useEffect(() => {
    setS(null);
    if (household) recoveryApi.standards(household.countyCode).then((r) => setS((r.standards.find((x) => x.kind === kind) as EffectiveStandard<K>) ?? null)).catch(() => setS(null));
  }, [household?.countyCode, kind]);
  return s;
}

export function AidPage() {
  useLang();
  const me = useMe()!;
  const search = new URLSearchParams(location.search);
  const [kind, setKind] = useState<Kind>(search.get('kind') === 'condolence' ? 'condolence' : 'transitional');
  const [householdId, setHouseholdId] = useState<number | null>(Number(search.get('householdId')) || null);
  const [transitional, setTransitional] = useState<TransitionalAid[]>([]);
  const [condolences, setCondolences] = useState<Condolence[]>([]);
  const [payments, setPayments] = useState<PaymentView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preset, setPreset] = useState<HouseholdView | null>(null);
  const load = () => Promise.all([recoveryApi.transitionalAid(), recoveryApi.condolences(), recoveryApi.payments({ category: kind, limit: 1000 })])
    .then(([a, c, p]) => { setTransitional(a.records); setCondolences(c.records); setPayments(p.payments); }).catch(setError);
  useEffect(() => void load(), [kind]);
  useEffect(() => { if (householdId) recoveryApi.household(householdId).then(setPreset).catch(setError); }, [householdId]);
  const done = (msg: string) => { setNotice(msg); setError(null); void load(); };
  const paymentOf = (sourceKind: string, id: number) => payments.find((p) => p.sourceKind === sourceKind && p.sourceId === id && !p.reversedAt) ?? null;
  const records = kind === 'transitional' ? transitional : condolences;
  const shown = householdId ? records.filter((r) => r.householdId === householdId) : records;

  return (
    <div class="page recovery" data-testid="aid-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.aid.title')}</h2>
      <div class="segmented" role="tablist">
        {(['transitional', 'condolence'] as const).map((k) => (
          <button type="button" role="tab" aria-selected={kind === k} class={kind === k ? 'on' : ''} data-kind={k}
            onClick={() => { setKind(k); setNotice(null); }}>{t(`rec.category.${k}`)}</button>
        ))}
      </div>
      <p class="muted">{t(`rec.aid.intro.${kind}`)}</p>
      {householdId && preset && <p class="muted">{t('rec.aid.onlyHousehold', { name: preset.headName })} · <button type="button" class="link" onClick={() => { history.replaceState(null, '', '/recovery/aid'); setHouseholdId(null); setPreset(null); }}>{t('rec.aid.showAll')}</button></p>}
      {notice && <p class="ok" role="status" data-testid="aid-notice">{notice}</p>}
      <ErrorBox error={error} />
      <div class="aid-grid">
        <div class="table-wrap card">
          {shown.length === 0 && <p class="muted pad">{t('rec.aid.none')}</p>}
          {shown.length > 0 && kind === 'transitional' && (
            <table class="table" data-testid="aid-table">
              <thead><tr><th>{t('rec.roster.household')}</th><th class="num">{t('rec.aid.people')}</th><th>{t('rec.aid.startOn')}</th>
                <th class="num">{t('rec.aid.days')}</th><th class="num">{t('rec.aid.amount')}</th><th>{t('rec.aid.status')}</th></tr></thead>
              <tbody>{transitional.filter((r) => !householdId || r.householdId === householdId).map((r) => (
                <AidRow key={r.id} id={r.id} headName={r.headName} amountFen={r.amountFen} countyCode={r.countyCode} kind="transitional"
                  payment={paymentOf('transitional_aid', r.id)} paid={!!r.paymentId} me={me} onPaid={(m) => done(m)} onError={setError}
                  cells={<><td class="num">{r.people}</td><td>{r.startOn}</td>
                    <td class="num">{r.days}{r.breakdown.capped && <span class="tag" title={t('rec.aid.capped', { asked: r.daysRequested })}>{t('rec.aid.cappedShort')}</span>}</td></>}
                  detail={r.breakdown.lines.map((l) => l.description).join('；')} />
              ))}</tbody>
            </table>
          )}
          {shown.length > 0 && kind === 'condolence' && (
            <table class="table" data-testid="aid-table">
              <thead><tr><th>{t('rec.roster.household')}</th><th>{t('rec.aid.deceased')}</th><th>{t('rec.aid.recipient')}</th>
                <th class="num">{t('rec.aid.amount')}</th><th>{t('rec.aid.status')}</th></tr></thead>
              <tbody>{condolences.filter((r) => !householdId || r.householdId === householdId).map((r) => (
                <AidRow key={r.id} id={r.id} headName={r.headName} amountFen={r.amountFen} countyCode={r.countyCode} kind="condolence"
                  payment={paymentOf('condolence', r.id)} paid={!!r.paymentId} me={me} onPaid={(m) => done(m)} onError={setError}
                  cells={<><td>{r.deceasedName}{r.deceasedIdMasked && <div class="mono small">{r.deceasedIdMasked}</div>}</td><td>{r.recipientName}（{r.relation}）</td></>}
                  detail={r.breakdown.lines.map((l) => l.description).join('；')} />
              ))}</tbody>
            </table>
          )}
        </div>
        {can(me, 'write') && (kind === 'transitional'
          ? <TransitionalForm preset={preset} onSaved={(r) => done(t('rec.aid.computed', { name: r.headName, amount: formatYuan(r.amountFen) }))} />
          : <CondolenceForm preset={preset} onSaved={(r) => done(t('rec.aid.computed', { name: r.headName, amount: formatYuan(r.amountFen) }))} />)}
      </div>
    </div>
  );
}

function AidRow({ id, headName, amountFen, countyCode, kind, payment, paid, me, cells, detail, onPaid, onError }: {
  id: number; headName: string; amountFen: number; countyCode: string; kind: Kind; payment: PaymentView | null; paid: boolean;
  me: { role: string; regionCode: string }; cells: preact.ComponentChildren; detail: string; onPaid: (msg: string) => void; onError: (e: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  const live = paid && (payment ? !payment.reversedAt : true);
  return (
    <>
      <tr data-aid={id}>
        <td><strong>{headName}</strong></td>
        {cells}
        <td class="num"><strong>{formatYuan(amountFen)}</strong><div class="muted small">{detail}</div></td>
        <td>
          {live
            ? <span class="tag done" data-testid={`paid-${id}`}>{t('rec.roster.paid')}{payment && ` ${dayOnly(payment.paidAt)}`}</span>
            : <span class="tag">{t('rec.aid.unpaid')}</span>}
          {!live && isCountyOfficer(me) && !open && <button type="button" class="primary" data-testid={`pay-${id}`} onClick={() => setOpen(true)}>{t('rec.aid.pay')}</button>}
        </td>
      </tr>
      {open && !live && (
        <tr class="pay-row"><td colSpan={6}>
          <PayForm kind={kind} id={id} countyCode={countyCode} amountFen={amountFen} onCancel={() => setOpen(false)}
            onPaid={() => { setOpen(false); onPaid(t('rec.aid.paidNotice', { name: headName, amount: formatYuan(amountFen) })); }} onError={onError} />
        </td></tr>
      )}
    </>
  );
}

function PayForm({ kind, id, countyCode, amountFen, onPaid, onCancel, onError }: {
  kind: Kind; id: number; countyCode: string; amountFen: number; onPaid: () => void; onCancel: () => void; onError: (e: unknown) => void;
}) {
  const [allocations, setAllocations] = useState<Allocation[]>([]);
  const [f, setF] = useState({ allocationId: '', paidAt: localInput(new Date()), method: 'one_card' });
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    recoveryApi.allocations(countyCode).then((r) => {
      const usable = r.allocations.filter((a) => a.category === kind && a.countyCode === countyCode && a.balanceFen >= amountFen);
      setAllocations(usable);
      setF((x) => ({ ...x, allocationId: String(usable[0]?.id ?? '') }));
    }).catch(onError);
  }, [countyCode, kind]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const body = { allocationId: Number(f.allocationId), paidAt: fromLocalInput(f.paidAt), method: f.method as 'one_card' };
    try {
      if (kind === 'transitional') await recoveryApi.payTransitionalAid(id, body);
      else await recoveryApi.payCondolence(id, body);
      onPaid();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="form inline-pay" onSubmit={submit} data-testid="aid-pay-form">
      <label>{t('rec.case.allocation')}<select name="allocationId" value={f.allocationId} onChange={set('allocationId')} required>
        <option value="" />
        {allocations.map((a) => <option value={a.id}>{a.documentNo} · {t('rec.funds.balance')} {formatYuan(a.balanceFen)}</option>)}</select>
        {allocations.length === 0 && <small class="bad">{t('rec.aid.noAllocation', { category: t(`rec.category.${kind}`) })}</small>}</label>
      <label>{t('rec.case.paidAt')}<input name="paidAt" type="datetime-local" value={f.paidAt} onInput={set('paidAt')} required /></label>
      <label>{t('rec.roster.method')}<select name="method" value={f.method} onChange={set('method')}>
        {['one_card', 'cash'].map((m) => <option value={m}>{t(`rec.pay.${m}`)}</option>)}</select></label>
      <ErrorBox error={error} />
      <div class="row-actions">
        <button type="button" onClick={onCancel}>{t('tw.cancel')}</button>
        <button type="submit" class="primary" disabled={!f.allocationId} data-testid="aid-pay-submit">{t('rec.aid.payAmount', { amount: formatYuan(amountFen) })}</button>
      </div>
    </form>
  );
}

function StandardLine({ s }: { s: EffectiveStandard | null }) {
  if (!s) return null;
  return <p class="muted small" data-testid="standard-source">{t('rec.std.from', { from: s.from === 'national' ? t('rec.std.national') : s.from })} · {s.source}</p>;
}

function TransitionalForm({ preset, onSaved }: { preset: HouseholdView | null; onSaved: (r: TransitionalAid) => void }) {
  const [household, setHousehold] = useState<HouseholdView | null>(preset);
  const [cases, setCases] = useState<RebuildCaseView[]>([]);
  const [f, setF] = useState({ people: '', startOn: today(), days: '', rebuildCaseId: '' });
  const [error, setError] = useState<unknown>(null);
  const standard = useStandard(household, 'transitional');
  useEffect(() => setHousehold(preset), [preset?.id]);
  useEffect(() => {
    setCases([]);
    if (!household) return;
    setF((x) => ({ ...x, people: String(household.size), rebuildCaseId: '' }));
    recoveryApi.cases({ householdId: household.id }).then((r) => setCases(r.cases.filter((c) => c.status !== 'rejected'))).catch(() => setCases([]));
  }, [household?.id]);
  useEffect(() => { if (standard && !f.days) setF((x) => ({ ...x, days: String(standard.value.maxDays) })); }, [standard]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const people = Number(f.people), days = Number(f.days);
  const valid = !!household && Number.isInteger(people) && people >= 1 && people <= (household?.size ?? 0) && Number.isInteger(days) && days >= 1 && !!f.startOn;
  const estimate = valid && standard ? computeTransitionalAid(people, days, standard.value) : null;

  async function submit(e: Event) {
    e.preventDefault();
    if (!valid || !household) return;
    setError(null);
    try {
      const r = await recoveryApi.computeTransitionalAid({ householdId: household.id, people, days, startOn: f.startOn,
        ...(f.rebuildCaseId ? { rebuildCaseId: Number(f.rebuildCaseId) } : {}) });
      onSaved({ ...r, headName: household.headName });
      setHousehold(null);
      setF({ people: '', startOn: today(), days: standard ? String(standard.value.maxDays) : '', rebuildCaseId: '' });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="card form" onSubmit={submit} data-testid="transitional-form">
      <h3>{t('rec.aid.newTransitional')}</h3>
      <label>{t('rec.roster.household')}<HouseholdPicker value={household} onChange={setHousehold} /></label>
      <div class="grid2">
        <label>{t('rec.aid.people')}<input name="people" type="number" min={1} max={household?.size ?? 30} inputMode="numeric" value={f.people} onInput={set('people')} required /></label>
        <label>{t('rec.aid.days')}<input name="days" type="number" min={1} inputMode="numeric" value={f.days} onInput={set('days')} required /></label>
      </div>
      <label>{t('rec.aid.startOn')}<input name="startOn" type="date" value={f.startOn} onInput={set('startOn')} required /></label>
      {cases.length > 0 && (
        <label>{t('rec.aid.case')}<select name="rebuildCaseId" value={f.rebuildCaseId} onChange={set('rebuildCaseId')}>
          <option value="">{t('rec.aid.noCase')}</option>
          {cases.map((c) => <option value={c.id}>{t('rec.case.title', { id: c.id })} · {t(`rec.damage.${c.damageClass}`)} · {t(`rec.status.${c.status}`)}</option>)}
        </select></label>
      )}
      {estimate && (
        <div class="estimate" data-testid="aid-estimate">
          <strong>{t('rec.aid.estimate')}：{formatYuan(estimate.amountFen)}</strong>
          <div class="small">{estimate.breakdown.map((l) => l.description).join('；')}</div>
        </div>
      )}
      <StandardLine s={standard} />
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={!valid}>{t('rec.aid.save')}</button>
    </form>
  );
}

function CondolenceForm({ preset, onSaved }: { preset: HouseholdView | null; onSaved: (r: Condolence) => void }) {
  const [household, setHousehold] = useState<HouseholdView | null>(preset);
  const [events, setEvents] = useState<EventOut[]>([]);
  const [f, setF] = useState({ deceasedName: '', deceasedIdNumber: '', recipientName: '', relation: '', eventId: '' });
  const [error, setError] = useState<unknown>(null);
  const standard = useStandard(household, 'condolence');
  useEffect(() => setHousehold(preset), [preset?.id]);
  useEffect(() => { if (household) setF((x) => ({ ...x, recipientName: x.recipientName || household.headName })); }, [household?.id]);
  useEffect(() => void reportsApi.events().then((r) => setEvents(r.events)).catch(() => setEvents([])), []);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const idBad = f.deceasedIdNumber.trim() !== '' && !isValidIdNumber(f.deceasedIdNumber.trim());
  const valid = !!household && !!f.deceasedName.trim() && !!f.recipientName.trim() && !!f.relation.trim() && !idBad;
  const estimate = standard ? computeCondolence(1, standard.value) : null;

  async function submit(e: Event) {
    e.preventDefault();
    if (!valid || !household) return;
    setError(null);
    try {
      const r = await recoveryApi.computeCondolence({ householdId: household.id, deceasedName: f.deceasedName.trim(), recipientName: f.recipientName.trim(),
        relation: f.relation.trim(), ...(f.deceasedIdNumber.trim() ? { deceasedIdNumber: f.deceasedIdNumber.trim() } : {}),
        ...(f.eventId ? { eventId: Number(f.eventId) } : {}) });
      onSaved({ ...r, headName: household.headName });
      setHousehold(null);
      setF({ deceasedName: '', deceasedIdNumber: '', recipientName: '', relation: '', eventId: '' });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="card form" onSubmit={submit} data-testid="condolence-form">
      <h3>{t('rec.aid.newCondolence')}</h3>
      <label>{t('rec.aid.family')}<HouseholdPicker value={household} onChange={setHousehold} /></label>
      <label>{t('rec.aid.deceasedName')}<input name="deceasedName" value={f.deceasedName} onInput={set('deceasedName')} required maxLength={50} /></label>
      <label>{t('rec.aid.deceasedId')}<input name="deceasedIdNumber" value={f.deceasedIdNumber} onInput={set('deceasedIdNumber')} maxLength={18} autocomplete="off" aria-invalid={idBad} />
        {idBad && <small class="bad" role="alert">{t('rec.hh.idInvalid')}</small>}
        <small class="muted">{t('rec.aid.deceasedIdNote')}</small></label>
      <div class="grid2">
        <label>{t('rec.aid.recipient')}<input name="recipientName" value={f.recipientName} onInput={set('recipientName')} required maxLength={50} /></label>
        <label>{t('rec.aid.relation')}<input name="relation" list="relations" value={f.relation} onInput={set('relation')} required maxLength={20} />
          <datalist id="relations">{['配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女'].map((r) => <option value={r} />)}</datalist></label>
      </div>
      {events.length > 0 && (
        <label>{t('rec.aid.event')}<select name="eventId" value={f.eventId} onChange={set('eventId')}>
          <option value="">{t('rec.aid.noEvent')}</option>
          {events.map((ev) => <option value={ev.id}>{ev.name} · {formatDateTime(ev.startedAt).slice(0, 10)}</option>)}
        </select></label>
      )}
      {estimate && household && <div class="estimate" data-testid="aid-estimate"><strong>{t('rec.aid.estimate')}：{formatYuan(estimate.amountFen)}</strong>
        <div class="small">{estimate.breakdown.map((l) => l.description).join('；')}</div></div>}
      <StandardLine s={standard} />
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={!valid}>{t('rec.aid.save')}</button>
    </form>
  );
}
