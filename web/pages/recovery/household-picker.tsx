// Choosing a household in the user's area: type part of the head's name or address, pick from the
// matches (priority groups first, as the API lists them).
import { useEffect, useState } from 'preact/hooks';
import { recoveryApi, type HouseholdView } from '../../api/recovery';
import { t } from '../../i18n/index';

export function HouseholdPicker({ value, onChange, name = 'householdId' }: {
  value: HouseholdView | null; onChange: (h: HouseholdView | null) => void; name?: string;
}) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<HouseholdView[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => recoveryApi.households({ q: q.trim() || undefined, limit: 50 })
      .then((r) => setHits(r.households)).catch(() => setHits([])), 200);
    return () => clearTimeout(timer);
  }, [q]);
  const options = value && !hits.some((h) => h.id === value.id) ? [value, ...hits] : hits;
  return (
    <div class="household-picker">
      <input type="search" name={`${name}-q`} placeholder={t('rec.hh.search')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      <select name={name} value={value ? String(value.id) : ''} required
        onChange={(e) => onChange(options.find((h) => h.id === Number(e.currentTarget.value)) ?? null)}>
        <option value="">{t('rec.roster.pickHousehold')}</option>
        {options.map((h) => <option value={h.id}>{h.headName} · {h.villageName} · {h.idNumber}</option>)}
      </select>
    </div>
  );
}
