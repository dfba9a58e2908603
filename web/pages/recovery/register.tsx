// 受灾户登记 on a phone (390×844): township staff type the head of household's details, the ID
// number is checked (GB 11643) as they type, then they file the damaged house on the ledger.
import { useEffect, useState } from 'preact/hooks';
import { isValidIdNumber } from '../../../api/modules/recovery/id-number';
import { DAMAGE_CLASSES, HOUSEHOLD_FLAGS, type HouseholdFlag } from '../../../api/modules/recovery/schemas';
import { api } from '../../api/client';
import type { Region } from '../../../api/modules/regions/schemas';
import { recoveryApi, type HouseholdView } from '../../api/recovery';
import { t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { fromLocalInput, localInput } from './parts';

const EMPTY = { headName: '', idNumber: '', phone: '', villageCode: '', size: '1', bankCard: '', address: '' };

export function RegisterHouseholdPage() {
  useLang();
  const me = useMe()!;
  const [f, setF] = useState(EMPTY);
  const [flags, setFlags] = useState<HouseholdFlag[]>(['general']);
  const [villages, setVillages] = useState<Region[]>([]);
  const [saved, setSaved] = useState<{ household: HouseholdView; duplicate: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Township staff pick from their own villages; officers search.
  useEffect(() => {
    if (me.regionCode.length === 9) api.childRegions(me.regionCode).then((r) => setVillages(r.regions)).catch(setError);
  }, [me.regionCode]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const idState = f.idNumber.length < 18 ? null : isValidIdNumber(f.idNumber) ? 'ok' : 'bad';
  const toggle = (flag: HouseholdFlag, on: boolean) => {
    if (flag === 'general') return setFlags(on ? ['general'] : []);
    const next = on ? [...flags.filter((x) => x !== 'general'), flag] : flags.filter((x) => x !== flag);
    setFlags(next.length ? next : ['general']);
  };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await recoveryApi.register({
        headName: f.headName, idNumber: f.idNumber, villageCode: f.villageCode, size: Number(f.size), flags,
        phone: f.phone || undefined, bankCard: f.bankCard || undefined, address: f.address || undefined,
      });
      setSaved({ household: out.household, duplicate: out.warnings.length > 0 });
      setF({ ...EMPTY, villageCode: f.villageCode });
      setFlags(['general']);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page recovery narrow phone-form">
      <h2>{t('rec.hh.new')}</h2>
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
          {villages.length > 0 ? (
            <select name="villageCode" value={f.villageCode} onChange={set('villageCode')} required>
              <option value="" />
              {villages.map((v) => <option value={v.code}>{v.name}</option>)}
            </select>
          ) : <RegionPicker level="village" value={f.villageCode} onChange={(villageCode) => setF({ ...f, villageCode })} />}
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
        <button class="primary wide" type="submit" disabled={busy || idState !== 'ok' || !f.villageCode}>{t('rec.hh.save')}</button>
      </form>
    </div>
  );
}

/** Right after registering: put the damaged house on the county's ledger (核查入账). */
function FileCase({ household, duplicate }: { household: HouseholdView; duplicate: boolean }) {
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
      <p class="ok" role="status">{t('rec.hh.saved', { name: household.headName })} · {household.idNumber}</p>
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
