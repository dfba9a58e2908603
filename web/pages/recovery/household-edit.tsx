// One household: its facts, corrections (PATCH — only what changed is sent; a masked number is
// left alone unless a new one is typed), the county's review of a duplicate flag, and the way on to
// its damaged-house case and aid records.
import { useEffect, useState } from 'preact/hooks';
import { isValidIdNumber } from '../../../api/modules/recovery/id-number';
import { HOUSEHOLD_FLAGS, type HouseholdFlag } from '../../../api/modules/recovery/schemas';
import { recoveryApi, type HouseholdView } from '../../api/recovery';
import { formatDateTime, t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Flags, Link, RecoveryTabs } from './parts';
import { FileCase } from './register';
import { fieldsOf, householdChanges, masked } from './household-patch';

export function HouseholdPage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const id = Number(params.id);
  const [h, setH] = useState<HouseholdView | null>(null);
  const [f, setF] = useState<ReturnType<typeof fieldsOf> | null>(null);
  const [flags, setFlags] = useState<HouseholdFlag[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [reviewNote, setReviewNote] = useState('');
  const load = () => recoveryApi.household(id).then((x) => { setH(x); setF(fieldsOf(x)); setFlags(x.flags); }).catch(setError);
  useEffect(() => void load(), [id]);
  if (!h || !f) return <div class="page recovery"><RecoveryTabs role={me.role} /><ErrorBox error={error} /></div>;

  const editable = can(me, 'write');
  const countyOfficer = me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const idState = !f.idNumber ? null : f.idNumber.length < 18 ? null : isValidIdNumber(f.idNumber) ? 'ok' : 'bad';
  const changes = householdChanges(h, f, flags);
  const toggle = (flag: HouseholdFlag, on: boolean) => {
    if (flag === 'general') return setFlags(on ? ['general'] : []);
    const next = on ? [...flags.filter((x) => x !== 'general'), flag] : flags.filter((x) => x !== flag);
    setFlags(next.length ? next : ['general']);
  };

  async function save(e: Event) {
    e.preventDefault();
    if (!changes) return;
    setError(null);
    setSaved(null);
    try {
      const out = await recoveryApi.patchHousehold(id, changes);
      setH(out);
      setF(fieldsOf(out));
      setFlags(out.flags);
      setSaved(t('rec.hhEdit.saved', { fields: Object.keys(changes).map((k) => t(`rec.hhEdit.field.${k}`)).join('、') }));
    } catch (err) {
      setError(err);
    }
  }
  async function clearDuplicate() {
    setError(null);
    try {
      const out = await recoveryApi.patchHousehold(id, { duplicateReview: { decision: 'cleared', note: reviewNote.trim() } });
      setH(out);
      setSaved(t('rec.hhEdit.cleared'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="page recovery narrow phone-form" data-testid="household-page">
      <RecoveryTabs role={me.role} />
      <p><Link href="/recovery/households">← {t('rec.hh.title')}</Link></p>
      <h2>{h.headName} <Flags flags={h.flags} />{h.duplicateStatus === 'flagged' && <span class="tag overdue">{t('rec.hh.dupFlag')}</span>}</h2>
      <section class="card">
        <dl class="facts" data-testid="household-facts">
          <dt>{t('rec.hh.village')}</dt><dd>{h.townshipName} {h.villageName}</dd>
          <dt>{t('rec.hh.idNumber')}</dt><dd class="mono">{h.idNumber}{h.idNumberMasked && <span class="muted small"> （{t('rec.hh.masked')}）</span>}</dd>
          <dt>{t('rec.hh.size')}</dt><dd>{h.size}</dd>
          <dt>{t('rec.hh.phone')}</dt><dd class="mono">{h.phone ?? '—'}</dd>
          <dt>{t('rec.hh.bankCard')}</dt><dd class="mono">{h.bankCard ?? '—'}</dd>
          <dt>{t('rec.hh.address')}</dt><dd>{h.address ?? '—'}</dd>
          {h.members.length > 0 && <><dt>{t('rec.hhEdit.members')}</dt><dd>{h.members.map((m) => `${m.name}（${m.relation}）`).join('、')}</dd></>}
          <dt>{t('rec.hhEdit.updated')}</dt><dd>{formatDateTime(h.updatedAt)}</dd>
        </dl>
        <div class="row-actions">
          <Link href={`/recovery/cases?householdId=${h.id}`}>{t('nav.recoveryCases')}</Link>
          <Link href={`/recovery/aid?householdId=${h.id}`}>{t('nav.aid')}</Link>
        </div>
      </section>
      {saved && <p class="ok" role="status" data-testid="household-saved">{saved}</p>}
      <ErrorBox error={error} />

      {h.duplicateStatus === 'flagged' && countyOfficer && (
        <section class="card" data-testid="duplicate-review">
          <h3>{t('rec.hhEdit.reviewTitle')}</h3>
          <p class="warn small">{t('rec.hh.duplicateWarning')}</p>
          <label>{t('rec.roster.reviewNote')}<input name="reviewNote" value={reviewNote} onInput={(e) => setReviewNote(e.currentTarget.value)} maxLength={500} /></label>
          <button type="button" disabled={!reviewNote.trim()} onClick={clearDuplicate}>{t('rec.roster.clear')}</button>
        </section>
      )}

      {editable && (
        <form class="card form" onSubmit={save} data-testid="household-edit">
          <h3>{t('rec.hhEdit.title')}</h3>
          <label>{t('rec.hh.headName')}<input name="headName" value={f.headName} onInput={set('headName')} required maxLength={50} /></label>
          <label>{t('rec.hh.idNumber')}
            <input name="idNumber" value={f.idNumber} onInput={set('idNumber')} maxLength={18} autocomplete="off" class={idState ?? ''}
              placeholder={h.idNumberMasked ? t('rec.hhEdit.keepMasked', { masked: h.idNumber }) : ''} aria-invalid={idState === 'bad'} />
            {idState === 'bad' && <small class="bad" role="alert">{t('rec.hh.idInvalid')}</small>}
          </label>
          <label>{t('rec.hh.size')}<input name="size" type="number" min={1} max={30} inputMode="numeric" value={f.size} onInput={set('size')} required /></label>
          <fieldset>
            <legend>{t('rec.hh.flags')}</legend>
            {HOUSEHOLD_FLAGS.map((fl) => (
              <label class="radio"><input type="checkbox" name={`flag-${fl}`} checked={flags.includes(fl)} onChange={(e) => toggle(fl, e.currentTarget.checked)} /> {t(`rec.flag.${fl}`)}</label>
            ))}
          </fieldset>
          <label>{t('rec.hh.phone')}<input name="phone" type="tel" inputMode="tel" value={f.phone} onInput={set('phone')} maxLength={13}
            placeholder={masked(h.phone) ? t('rec.hhEdit.keepMasked', { masked: h.phone! }) : ''} /></label>
          <label>{t('rec.hh.bankCard')}<input name="bankCard" inputMode="numeric" value={f.bankCard} onInput={set('bankCard')} maxLength={23} autocomplete="off"
            placeholder={masked(h.bankCard) ? t('rec.hhEdit.keepMasked', { masked: h.bankCard! }) : ''} /></label>
          <label>{t('rec.hh.address')}<input name="address" value={f.address} onInput={set('address')} maxLength={200} /></label>
          <p class="muted small">{t('rec.hhEdit.villageFixed')}</p>
          <button class="primary wide" type="submit" disabled={!changes || idState === 'bad'} data-testid="household-save">{t('rec.hhEdit.save')}</button>
        </form>
      )}

      {editable && (
        <details class="card">
          <summary>{t('rec.hh.fileCase')}</summary>
          <FileCase household={h} duplicate={false} fresh={false} />
        </details>
      )}
    </div>
  );
}
