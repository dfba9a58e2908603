// 储备库登记: register a depot (admin anywhere, officer inside their area) and edit its details.
import { useState } from 'preact/hooks';
import { DEPOT_TIERS, type DepotPatchInput } from '../../../api/modules/stock/schemas';
import { stockApi, type Depot } from '../../api/stock';
import { t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';

const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

export function NewDepotPage() {
  useLang();
  const me = useMe()!;
  const [f, setF] = useState({ code: '', name: '', tier: 'county', regionCode: me.role === 'admin' ? '' : me.regionCode, lon: '', lat: '', capacityM3: '', address: '', contactName: '', contactPhone: '', relocateCapacityPeople: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const d = await stockApi.createDepot({
        code: f.code.trim(), name: f.name.trim(), tier: f.tier as (typeof DEPOT_TIERS)[number], regionCode: f.regionCode, lon: Number(f.lon), lat: Number(f.lat),
        capacityM3: num(f.capacityM3), address: opt(f.address), contactName: opt(f.contactName), contactPhone: opt(f.contactPhone), relocateCapacityPeople: num(f.relocateCapacityPeople),
      });
      navigate(`/stock/depots/${d.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="page narrow">
      <form class="card form" onSubmit={submit} data-testid="depot-new">
        <h2>{t('stock.depot.new')}</h2>
        <div class="grid2">
          <label>{t('stock.code')}<input name="code" value={f.code} onInput={set('code')} required maxLength={32} /></label>
          <label>{t('stock.tier')}
            <select name="tier" value={f.tier} onChange={set('tier')}>
              {DEPOT_TIERS.map((x) => <option value={x}>{t(`stock.tier.${x}`)}</option>)}
            </select>
          </label>
        </div>
        <label>{t('stock.depot.name')}<input name="name" value={f.name} onInput={set('name')} required maxLength={64} /></label>
        <label>{t('stock.region')}<RegionPicker value={f.regionCode} onChange={(regionCode) => setF({ ...f, regionCode })} /></label>
        <div class="grid2">
          <label>{t('stock.depot.lon')}<input name="lon" type="number" step="any" value={f.lon} onInput={set('lon')} required placeholder="116.086" /></label>
          <label>{t('stock.depot.lat')}<input name="lat" type="number" step="any" value={f.lat} onInput={set('lat')} required placeholder="43.933" /></label>
        </div>
        <DepotDetailFields f={f} set={set} />
        <ErrorBox error={error} />
        <button class="primary" type="submit">{t('stock.depot.new')}</button>
      </form>
    </div>
  );
}

type Details = { capacityM3: string; address: string; contactName: string; contactPhone: string; relocateCapacityPeople: string };

function DepotDetailFields<T extends Details>({ f, set }: { f: T; set: (k: keyof T) => (e: Event) => void }) {
  return (
    <>
      <div class="grid2">
        <label>{t('stock.capacity')}（m³）<input name="capacityM3" type="number" step="any" min="0" value={f.capacityM3} onInput={set('capacityM3')} /></label>
        <label>{t('stock.people')}<input name="relocateCapacityPeople" type="number" step="1" min="0" value={f.relocateCapacityPeople} onInput={set('relocateCapacityPeople')} /></label>
        <label>{t('stock.contact')}<input name="contactName" value={f.contactName} onInput={set('contactName')} maxLength={50} /></label>
        <label>{t('stock.don.contactPhone')}<input name="contactPhone" type="tel" value={f.contactPhone} onInput={set('contactPhone')} /></label>
      </div>
      <label>{t('stock.depot.address')}<input name="address" value={f.address} onInput={set('address')} maxLength={200} /></label>
    </>
  );
}

/** Capacity, contact, relocation capacity: what changes over a depot's life (code and region do not). */
export function DepotEditForm({ depot, onSaved }: { depot: Depot & { address?: string | null }; onSaved: () => void }) {
  const init = {
    name: depot.name, capacityM3: depot.capacityM3?.toString() ?? '', address: depot.address ?? '', contactName: depot.contactName ?? '',
    contactPhone: depot.contactPhone ?? '', relocateCapacityPeople: depot.relocateCapacityPeople?.toString() ?? '',
  };
  const [f, setF] = useState(init);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(false);
    // Only what changed: an unchanged form sends nothing and says so.
    const p: Record<string, unknown> = {};
    if (f.name.trim() !== init.name) p.name = f.name.trim();
    for (const k of ['capacityM3', 'relocateCapacityPeople'] as const) if (f[k] !== init[k] && num(f[k]) !== undefined) p[k] = num(f[k]);
    for (const k of ['address', 'contactName', 'contactPhone'] as const) if (f[k] !== init[k] && opt(f[k]) !== undefined) p[k] = opt(f[k]);
    try {
      await stockApi.patchDepot(depot.id, p as DepotPatchInput);
      setDone(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <details class="card depot-edit no-print">
      <summary>{t('stock.depot.edit')}</summary>
      <form class="form" onSubmit={submit} data-testid="depot-edit">
        <label>{t('stock.depot.name')}<input name="name" value={f.name} onInput={set('name')} required maxLength={64} /></label>
        <DepotDetailFields f={f} set={set} />
        <ErrorBox error={error} />
        {done && <p class="ok" role="status">{t('stock.depot.saved')}</p>}
        <button class="primary" type="submit">{t('stock.depot.save')}</button>
      </form>
    </details>
  );
}
