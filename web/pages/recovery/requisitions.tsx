// 征用补偿: what the county took for the response (vehicles, buildings, equipment), from whom and for
// how long; on return its condition fixes the compensation (use fee per day, plus damage or loss),
// then the owner is paid against a voucher. County officers record and pay; others read.
import { useEffect, useState } from 'preact/hooks';
import { isValidIdNumber } from '../../../api/modules/recovery/id-number';
import { computeRequisitionCompensation } from '../../../api/modules/recovery/subsidy';
import { recoveryApi, type Requisition } from '../../api/recovery';
import { formatYuan, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { dayOnly, fenToYuan, fromLocalInput, localInput, RecoveryTabs, yuanToFen } from './parts';

const isCountyOfficer = (me: { role: string; regionCode: string }) => me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);
const today = () => localInput(new Date()).slice(0, 10);
const STATUS_CLASS = { in_use: 'st-amber', returned: 'st-orange', paid: 'st-done' } as const;

/** The compensation as it stands, or null while the figures are incomplete. */
function preview(r: { periodStart: string; periodEnd: string; rate: string; condition: string; damage: string }) {
  const dailyRateFen = yuanToFen(r.rate), damage = yuanToFen(r.damage || '0');
  if (dailyRateFen === null || damage === null || !r.periodStart || !r.periodEnd || r.periodEnd < r.periodStart) return null;
  return computeRequisitionCompensation({ periodStart: r.periodStart, periodEnd: r.periodEnd, dailyRateFen,
    conditionOnReturn: (r.condition || undefined) as 'intact' | undefined, damageCompensationFen: damage });
}

export function RequisitionsPage() {
  useLang();
  const me = useMe()!;
  const [list, setList] = useState<Requisition[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () => recoveryApi.requisitions().then((r) => setList(r.requisitions)).catch(setError);
  useEffect(() => void load(), []);
  const done = (msg: string) => { setNotice(msg); setError(null); void load(); };
  const officer = isCountyOfficer(me);

  return (
    <div class="page recovery" data-testid="requisitions-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.req.title')}</h2>
      <p class="muted">{t('rec.req.intro')}</p>
      {notice && <p class="ok" role="status" data-testid="req-notice">{notice}</p>}
      <ErrorBox error={error} />
      <div class="aid-grid">
        <div>
          {list && list.length === 0 && <p class="muted card">{t('rec.req.none')}</p>}
          <ul class="cards req-cards" data-testid="requisitions">
            {(list ?? []).map((r) => <RequisitionCard r={r} officer={officer} onDone={done} />)}
          </ul>
        </div>
        {officer && <RequisitionForm me={me} onSaved={(r) => done(t('rec.req.recorded', { what: r.description, amount: formatYuan(r.compensationFen) }))} />}
      </div>
    </div>
  );
}

function RequisitionCard({ r, officer, onDone }: { r: Requisition; officer: boolean; onDone: (msg: string) => void }) {
  const [mode, setMode] = useState<'return' | 'pay' | null>(null);
  return (
    <li class="card compact" data-requisition={r.id} data-status={r.status}>
      <div><strong>{r.description}</strong> <span class="tag">{t(`rec.req.kind.${r.kind}`)}</span>
        <span class={`tag status ${STATUS_CLASS[r.status]}`}>{t(`rec.req.status.${r.status}`)}</span></div>
      <dl class="facts small">
        <dt>{t('rec.req.owner')}</dt><dd>{r.ownerName}{r.ownerIdMasked && <span class="mono"> {r.ownerIdMasked}</span>}{r.ownerPhone && <span class="mono"> · {r.ownerPhone}</span>}</dd>
        <dt>{t('rec.req.period')}</dt><dd>{r.periodStart} — {r.status === 'in_use' ? t('rec.req.stillInUse') : r.periodEnd}（{t('rec.req.days', { n: r.days })}）</dd>
        <dt>{t('rec.req.rate')}</dt><dd>{formatYuan(r.dailyRateFen)}</dd>
        {r.conditionOnReturn && <><dt>{t('rec.req.condition')}</dt><dd>{t(`rec.req.cond.${r.conditionOnReturn}`)}</dd></>}
        <dt>{t('rec.req.compensation')}</dt><dd><strong>{formatYuan(r.compensationFen)}</strong>
          <div class="muted">{r.breakdown.map((l) => l.description).join('；')}</div></dd>
        {r.status === 'paid' && <><dt>{t('rec.req.paid')}</dt><dd>{dayOnly(r.paidAt)} · {t('rec.req.voucher')} {r.voucherNo}</dd></>}
      </dl>
      {officer && r.status === 'in_use' && mode !== 'return' && <button type="button" onClick={() => setMode('return')}>{t('rec.req.return')}</button>}
      {officer && r.status === 'returned' && mode !== 'pay' && <button type="button" class="primary" onClick={() => setMode('pay')}>{t('rec.req.pay')}</button>}
      {mode === 'return' && <ReturnForm r={r} onCancel={() => setMode(null)} onDone={(x) => { setMode(null); onDone(t('rec.req.returned', { amount: formatYuan(x.compensationFen) })); }} />}
      {mode === 'pay' && <PayForm r={r} onCancel={() => setMode(null)} onDone={() => { setMode(null); onDone(t('rec.req.paidNotice', { owner: r.ownerName, amount: formatYuan(r.compensationFen) })); }} />}
    </li>
  );
}

function ReturnForm({ r, onDone, onCancel }: { r: Requisition; onDone: (r: Requisition) => void; onCancel: () => void }) {
  const [f, setF] = useState({ periodEnd: today() < r.periodStart ? r.periodStart : today(), condition: 'intact', damage: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const est = preview({ periodStart: r.periodStart, periodEnd: f.periodEnd, rate: fenToYuan(r.dailyRateFen), condition: f.condition, damage: f.condition === 'intact' ? '0' : f.damage });
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      onDone(await recoveryApi.returnRequisition(r.id, { periodEnd: f.periodEnd, conditionOnReturn: f.condition as 'intact',
        damageCompensationFen: f.condition === 'intact' ? 0 : yuanToFen(f.damage || '0') ?? 0 }));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="form" onSubmit={submit} data-testid="req-return-form">
      <label>{t('rec.req.returnedOn')}<input name="periodEnd" type="date" min={r.periodStart} value={f.periodEnd} onInput={set('periodEnd')} required /></label>
      <label>{t('rec.req.condition')}<select name="condition" value={f.condition} onChange={set('condition')}>
        {['intact', 'damaged', 'lost'].map((c) => <option value={c}>{t(`rec.req.cond.${c}`)}</option>)}</select></label>
      {f.condition !== 'intact' && <label>{t('rec.req.damage')}<input name="damage" inputMode="decimal" value={f.damage} onInput={set('damage')} /></label>}
      {est && <p class="estimate small">{t('rec.req.compensation')}：<strong>{formatYuan(est.amountFen)}</strong>（{est.breakdown.map((l) => l.description).join('；')}）</p>}
      <ErrorBox error={error} />
      <div class="row-actions"><button type="button" onClick={onCancel}>{t('tw.cancel')}</button><button class="primary" type="submit" disabled={!est}>{t('rec.req.return')}</button></div>
    </form>
  );
}

function PayForm({ r, onDone, onCancel }: { r: Requisition; onDone: () => void; onCancel: () => void }) {
  const [f, setF] = useState({ paidAt: localInput(new Date()), voucherNo: '' });
  const [error, setError] = useState<unknown>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await recoveryApi.payRequisition(r.id, { paidAt: fromLocalInput(f.paidAt), voucherNo: f.voucherNo.trim() });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="form" onSubmit={submit} data-testid="req-pay-form">
      <label>{t('rec.case.paidAt')}<input name="paidAt" type="datetime-local" value={f.paidAt} onInput={(e) => setF({ ...f, paidAt: e.currentTarget.value })} required /></label>
      <label>{t('rec.req.voucher')}<input name="voucherNo" value={f.voucherNo} onInput={(e) => setF({ ...f, voucherNo: e.currentTarget.value })} required maxLength={100} /></label>
      <ErrorBox error={error} />
      <div class="row-actions"><button type="button" onClick={onCancel}>{t('tw.cancel')}</button>
        <button class="primary" type="submit" disabled={!f.voucherNo.trim()}>{t('rec.req.payAmount', { amount: formatYuan(r.compensationFen) })}</button></div>
    </form>
  );
}

function RequisitionForm({ me, onSaved }: { me: { regionCode: string }; onSaved: (r: Requisition) => void }) {
  const county = me.regionCode.length === 6;
  const EMPTY = { countyCode: county ? me.regionCode : '', kind: 'vehicle', description: '', ownerName: '', ownerId: '', ownerPhone: '',
    periodStart: today(), periodEnd: today(), rate: '', returned: false, condition: 'intact', damage: '' };
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const idBad = f.ownerId.trim() !== '' && !isValidIdNumber(f.ownerId.trim());
  const est = preview({ periodStart: f.periodStart, periodEnd: f.periodEnd, rate: f.rate, condition: f.returned ? f.condition : '', damage: f.returned && f.condition !== 'intact' ? f.damage : '0' });
  const valid = !!f.countyCode && !!f.description.trim() && !!f.ownerName.trim() && !idBad && !!est;

  async function submit(e: Event) {
    e.preventDefault();
    if (!valid) return;
    setError(null);
    try {
      const r = await recoveryApi.recordRequisition({
        countyCode: f.countyCode, kind: f.kind as 'vehicle', description: f.description.trim(),
        owner: { name: f.ownerName.trim(), ...(f.ownerId.trim() && { idNumber: f.ownerId.trim() }), ...(f.ownerPhone.trim() && { phone: f.ownerPhone.trim() }) },
        periodStart: f.periodStart, periodEnd: f.periodEnd, dailyRateFen: yuanToFen(f.rate) ?? 0,
        ...(f.returned ? { conditionOnReturn: f.condition as 'intact', damageCompensationFen: f.condition === 'intact' ? 0 : yuanToFen(f.damage || '0') ?? 0 } : { damageCompensationFen: 0 }),
      });
      onSaved(r);
      setF({ ...EMPTY, countyCode: f.countyCode });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="card form" onSubmit={submit} data-testid="requisition-form">
      <h3>{t('rec.req.new')}</h3>
      {!county && <label>{t('rec.roster.county')}<RegionPicker level="county" value={f.countyCode} onChange={(countyCode) => setF({ ...f, countyCode })} /></label>}
      <label>{t('rec.req.kindLabel')}<select name="kind" value={f.kind} onChange={set('kind')}>
        {['vehicle', 'building', 'equipment'].map((k) => <option value={k}>{t(`rec.req.kind.${k}`)}</option>)}</select></label>
      <label>{t('rec.req.description')}<input name="description" value={f.description} onInput={set('description')} required maxLength={200} placeholder={t('rec.req.descriptionHint')} /></label>
      <label>{t('rec.req.owner')}<input name="ownerName" value={f.ownerName} onInput={set('ownerName')} required maxLength={100} /></label>
      <div class="grid2">
        <label>{t('rec.req.ownerId')}<input name="ownerId" value={f.ownerId} onInput={set('ownerId')} maxLength={18} autocomplete="off" aria-invalid={idBad} />
          {idBad && <small class="bad">{t('rec.hh.idInvalid')}</small>}</label>
        <label>{t('rec.hh.phone')}<input name="ownerPhone" type="tel" value={f.ownerPhone} onInput={set('ownerPhone')} maxLength={13} /></label>
      </div>
      <div class="grid2">
        <label>{t('rec.req.from')}<input name="periodStart" type="date" value={f.periodStart} onInput={set('periodStart')} required /></label>
        <label>{t('rec.req.until')}<input name="periodEnd" type="date" min={f.periodStart} value={f.periodEnd} onInput={set('periodEnd')} required /></label>
      </div>
      <label>{t('rec.req.rate')}<input name="rate" inputMode="decimal" value={f.rate} onInput={set('rate')} required /></label>
      <label class="radio"><input type="checkbox" name="returned" checked={f.returned} onChange={(e) => setF({ ...f, returned: e.currentTarget.checked })} /> {t('rec.req.alreadyReturned')}</label>
      {f.returned && (
        <div class="grid2">
          <label>{t('rec.req.condition')}<select name="condition" value={f.condition} onChange={set('condition')}>
            {['intact', 'damaged', 'lost'].map((c) => <option value={c}>{t(`rec.req.cond.${c}`)}</option>)}</select></label>
          {f.condition !== 'intact' && <label>{t('rec.req.damage')}<input name="damage" inputMode="decimal" value={f.damage} onInput={set('damage')} /></label>}
        </div>
      )}
      {est && <p class="estimate small" data-testid="req-estimate">{t('rec.req.compensation')}：<strong>{formatYuan(est.amountFen)}</strong>（{est.breakdown.map((l) => l.description).join('；')}）</p>}
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={!valid}>{t('rec.req.save')}</button>
    </form>
  );
}
