import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Region } from '../../api/modules/regions/schemas';
import { t } from '../i18n/index';

/** Type a name (锡林, 宝力根…) and pick a region; shows the code and level so same names differ. */
export function RegionPicker({ value, onChange, level, id }: { value: string; onChange: (code: string) => void; level?: string; id?: string }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Region[]>([]);
  const [label, setLabel] = useState('');

  useEffect(() => {
    if (value) api.region(value).then((r) => setLabel(`${r.path.map((p) => p.name).join(' / ')} (${r.code})`)).catch(() => setLabel(value));
  }, [value]);
  useEffect(() => {
    if (q.trim().length < 1) return setHits([]);
    const timer = setTimeout(() => api.searchRegions(q.trim(), level).then((r) => setHits(r.regions)).catch(() => setHits([])), 200);
    return () => clearTimeout(timer);
  }, [q, level]);

  return (
    <div class="region-picker">
      <input id={id} placeholder={t('users.searchRegion')} value={q} onInput={(e) => setQ(e.currentTarget.value)} aria-autocomplete="list" />
      {value && <div class="picked">{label}</div>}
      {hits.length > 0 && (
        <ul class="hits" role="listbox">
          {hits.map((r) => (
            <li role="option" tabIndex={0} onClick={() => { onChange(r.code); setQ(''); setHits([]); }}
              onKeyDown={(e) => e.key === 'Enter' && (onChange(r.code), setQ(''), setHits([]))}>
              {r.name} <span class="muted">{t(`level.${r.level}`)} · {r.code}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
