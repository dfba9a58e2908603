// 受灾户登记 on a phone (390×844), with or without signal: township staff type the head of
// household's details, the ID number is checked (GB 11643) as they type, and the registration goes
// to the device's outbox with its Idempotency-Key. Online it is sent at once and the damaged house
// can be filed on the ledger straight away; offline it waits as 待发送 and is sent once when the
// network returns (the outbox page lists it, and links to the household once it is registered).
import { useEffect, useState } from 'preact/hooks';
import { isValidIdNumber } from '../../../api/modules/recovery/id-number';
import { DAMAGE_CLASSES, HOUSEHOLD_FLAGS, type HouseholdFlag, type HouseholdInput } from '../../../api/modules/recovery/schemas';
import { api, ApiError } from '../../api/client';
import type { Region } from '../../../api/modules/regions/schemas';
import { recoveryApi, type DuplicateWarning, type HouseholdView } from '../../api/recovery';
import { t, useLang } from '../../i18n/index';
import '../../i18n/township';
import { discard, enqueue, flush, getWrite, startQueue } from '../../offline/queue';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { OutboxList, useOnline } from '../township/outbox';
import { fromLocalInput, localInput } from './parts';

const EMPTY = { headName: '', idNumber: '', phone: '', villageCode: '', size: '1', bankCard: '', address: '' };
type Fields = typeof EMPTY;

// A township's villages, kept on the device: the form works with no signal.
const villagesKey = (code: string) => `relief.township.villages.${code}`;
function cachedVillages(code: string): Region[] {
  try {
    return JSON.parse(localStorage.getItem(villagesKey(code)) ?? '[]');
  } catch {
    return [];
  }
}

export function RegisterHouseholdPage() {
  useLang();
  const me = useMe()!;
  const online = useOnline();
  const township = me.regionCode.length === 9;
  const [f, setF] = useState<Fields>(EMPTY);
  const [flags, setFlags] = useState<HouseholdFlag[]>(['general']);
  const [villages, setVillages] = useState<Region[]>(() => (township ? cachedVillages(me.regionCode) : []));
  const [saved, setSaved] = useState<{ household: HouseholdView; duplicate: boolean } | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void startQueue(me.username), [me.username]);
  // Township staff pick from their own villages (kept for offline use); officers search.
  useEffect(() => {
    if (!township || !navigator.onLine) return;
    api.childRegions(me.regionCode).then((r) => {
      setVillages(r.regions);
      localStorage.setItem(villagesKey(me.regionCode), JSON.stringify(r.regions));
    }).catch((e) => { if (!(e instanceof ApiError && e.status === 0)) setError(e); });
  }, [me.regionCode, online]);
  const set = (k: keyof Fields) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const idState = f.idNumber.length < 18 ? null : isValidIdNumber(f.idNumber) ? 'ok' : 'bad';
  const toggle = (flag: HouseholdFlag, on: boolean) => {
    if (flag === 'general') return setFlags(on ? ['general'] : []);
    const next = on ? [...flags.filter((x) => x !== 'general'), flag] : flags.filter((x) => x !== flag);
    setFlags(next.length ? next : ['general']);
  };
  const villageName = (code: string) => villages.find((v) => v.code === code)?.name ?? code;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    setQueued(null);
    const body: HouseholdInput = {
      headName: f.headName.trim(), idNumber: f.idNumber, villageCode: f.villageCode, size: Number(f.size), flags,
      phone: f.phone || undefined, bankCard: f.bankCard || undefined, address: f.address || undefined,
    };
    const kept = { f, flags };
    try {
      const item = await enqueue({ kind: 'household', path: recoveryApi.householdsPath, body, username: me.username,
        label: `${body.headName} · ${villageName(body.villageCode)} · ${t('tw.people', { n: body.size })}` });
      setF({ ...EMPTY, villageCode: f.villageCode });
      setFlags(['general']);
      await flush();
      const after = await getWrite(item.id);
      if (after?.state === 'sent') {
        const out = after.response as { household: HouseholdView; warnings: DuplicateWarning[] };
        setSaved({ household: out.household, duplicate: out.warnings.length > 0 });
        // The next step (filing the damaged house) opens above the form: bring it into view.
        requestAnimationFrame(() => document.querySelector('[data-testid=file-case]')?.scrollIntoView({ block: 'start' }));
      } else if (after?.state === 'failed' && after.error) {
        // Refused (an ID number already registered in the county, a village outside the township…):
        // the form comes back as typed, to correct it here rather than in the outbox.
        setF(kept.f);
        setFlags(kept.flags);
        setError(new ApiError(409, after.error.code, after.error.message, after.error.details));
        await discard(item.id);
      } else {
        setQueued(body.headName);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page recovery narrow phone-form">
      <h2>{t('rec.hh.new')} <span class={`net ${online ? 'on' : 'off'}`} data-testid="network">{online ? t('report.online') : t('report.offline')}</span></h2>
      {!online && <p class="warn-box" role="status">{t('tw.hh.offlineNote')}</p>}
      {saved && <FileCase household={saved.household} duplicate={saved.duplicate} />}
      <form class="card form" onSubmit={submit} data-testid="register-form">
        <label>{t('rec.hh.headName')}<input name="headName" value={f.headName} onInput={set('headName')} required maxLength={50} autocomplete="off" /></label>
        <label>{t('rec.hh.idNumber')}
          <input name="idNumber" value={f.idNumber} onInput={set('idNumber')} required maxLength={18} inputMode="text" autocomplete="off"
            aria-invalid={idState === 'bad'} class={idState ?? ''} />
          {idState === 'bad' && <small class="bad" role="alert">{t('rec.hh.idInvalid')}</small>}
          {idState === 'ok' && <small class="good">{t('rec.hh.idOk')}</small>}
        </label>
        <label>{t('rec.hh.village')}
          {township ? (
            <select name="villageCode" value={f.villageCode} onChange={set('villageCode')} required>
              <option value="" />
              {villages.map((v) => <option value={v.code}>{v.name}</option>)}
            </select>
          ) : <RegionPicker level="village" value={f.villageCode} onChange={(villageCode) => setF({ ...f, villageCode })} />}
          {township && villages.length === 0 && !online && <small class="bad">{t('tw.noCache')}</small>}
        </label>
        <label>{t('rec.hh.size')}<input name="size" type="number" min={1} max={30} inputMode="numeric" value={f.size} onInput={set('size')} required /></label>
        <fieldset>
          <legend>{t('rec.hh.flags')}</legend>
          {HOUSEHOLD_FLAGS.map((fl) => (
            <label class="radio"><input type="checkbox" name={`flag-${fl}`} checked={flags.includes(fl)} onChange={(e) => toggle(fl, e.currentTarget.checked)} /> {t(`rec.flag.${fl}`)}</label>
          ))}
        </fieldset>
        <label>{t('rec.hh.phone')}<input name="phone" type="tel" inputMode="tel" value={f.phone} onInput={set('phone')} maxLength={13} /></label>
        <label>{t('rec.hh.bankCard')}<input name="bankCard" inputMode="numeric" value={f.bankCard} onInput={set('bankCard')} maxLength={23} autocomplete="off" /></label>
        <label>{t('rec.hh.address')}<input name="address" value={f.address} onInput={set('address')} maxLength={200} /></label>
        <ErrorBox error={error} />
        <button class="primary wide" type="submit" disabled={busy || idState !== 'ok' || !f.villageCode || !f.headName.trim()}>{online ? t('rec.hh.save') : t('tw.hh.saveOffline')}</button>
        {queued && <p class="ok" role="status" data-testid="register-queued">{t('tw.hh.queued', { name: queued })}</p>}
      </form>
      <OutboxList username={me.username} kind="household" title={t('tw.hh.outbox')} testid="outbox" />
    </div>
  );
}

/** Right after registering: put the damaged house on the county's ledger (核查入账). */
export function FileCase({ household, duplicate, fresh = true }: { household: HouseholdView; duplicate: boolean; fresh?: boolean }) {
  const now = new Date();
  const [f, setF] = useState({ damageClass: 'collapsed', rooms: '1', disasterAt: localInput(new Date(now.getTime() - 2 * 86_400_000)), inspectedAt: localInput(now), soleHome: false });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const c = await recoveryApi.fileCase({ householdId: household.id, damageClass: f.damageClass as 'collapsed', rooms: Number(f.rooms),
        disasterAt: fromLocalInput(f.disasterAt), inspectedAt: fromLocalInput(f.inspectedAt), soleHome: f.soleHome });
      navigate(`/recovery/cases/${c.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="file-case">
      {fresh && <p class="ok" role="status">{t('rec.hh.saved', { name: household.headName })} · {household.idNumber}</p>}
      {duplicate && <p class="warn" role="alert">{t('rec.hh.duplicateWarning')}</p>}
      <h3>{t('rec.hh.fileCase')}</h3>
      <label>{t('rec.case.damage')}<select name="damageClass" value={f.damageClass} onChange={set('damageClass')}>
        {DAMAGE_CLASSES.map((d) => <option value={d}>{t(`rec.damage.${d}`)}</option>)}</select></label>
      <label>{t('rec.case.rooms')}<input name="rooms" type="number" min={1} max={50} inputMode="numeric" value={f.rooms} onInput={set('rooms')} required /></label>
      <label>{t('rec.case.disasterAt')}<input name="disasterAt" type="datetime-local" value={f.disasterAt} onInput={set('disasterAt')} required /></label>
      <label>{t('rec.case.inspectedAt')}<input name="inspectedAt" type="datetime-local" value={f.inspectedAt} onInput={set('inspectedAt')} required /></label>
      <label class="radio"><input type="checkbox" name="soleHome" checked={f.soleHome} onChange={(e) => setF({ ...f, soleHome: e.currentTarget.checked })} required /> {t('rec.hh.soleHome')}</label>
      <ErrorBox error={error} />
      <button class="primary wide" type="submit">{t('rec.hh.fileSave')}</button>
    </form>
  );
}
