// The left-hand editors of the planning workspace: demands, depots, constraints.
import { useRef } from 'preact/hooks';
import { formatCount, t } from '../../i18n/index';
import '../../i18n/dispatch';
import type { DispatchDepot } from '../../api/dispatch';

export interface DemandRow {
  key: string;
  source: 'standard' | 'request' | 'plan';
  regionCode: string;
  regionName: string;
  itemId: number;
  itemName: string;
  unit: string;
  suggested: number | null;
  shipped: number | null;
  quantity: number;
  priority: number;
  include: boolean;
  requestId: number | null;
}
export interface Arc { depotId: number; regionCode: string }

const PRIORITIES = [5, 4, 3, 2, 1];

export function DemandTable({ rows, onChange, itemFilter, readOnly }: { rows: DemandRow[]; onChange: (rows: DemandRow[]) => void; itemFilter: number; readOnly: boolean }) {
  const shown = rows.filter((r) => !itemFilter || r.itemId === itemFilter);
  const edit = (key: string, patch: Partial<DemandRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <section class="card" data-testid="demand-table">
      <h3>{t('dispatch.demands')} <span class="muted small">{shown.filter((r) => r.include).length}/{shown.length}</span></h3>
      <p class="muted small">{t('dispatch.demandsHint')}</p>
      {rows.length === 0 && <p class="muted">{t('dispatch.noDemands')}</p>}
      <div class="table-scroll demand-scroll">
        <table class="table demand-table">
          <thead>
            <tr><th>{t('dispatch.include')}</th><th>{t('dispatch.township')}</th><th>{t('dispatch.item')}</th><th class="num">{t('dispatch.suggested')}</th><th class="num">{t('dispatch.quantity')}</th><th title={t('dispatch.priorityHint')}>{t('dispatch.priority')}</th></tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} class={r.include ? '' : 'disabled'} data-region={r.regionCode} data-item={r.itemId}>
                <td><input type="checkbox" aria-label={t('dispatch.include')} checked={r.include} disabled={readOnly} onChange={(e) => edit(r.key, { include: e.currentTarget.checked })} /></td>
                <td>{r.regionName}{r.source === 'request' && <span class="tag mine">{t('dispatch.source.request')}</span>}</td>
                <td>{r.itemName}<span class="muted small">（{r.unit}）</span></td>
                <td class="num muted">
                  {r.suggested === null ? '—' : formatCount(r.suggested)}
                  {r.shipped ? <div class="small">{t('dispatch.shipped')} {formatCount(r.shipped)}</div> : null}
                </td>
                <td class="num">
                  <input class="count" type="number" min={1} step={1} value={r.quantity} disabled={readOnly} aria-label={`${r.regionName} ${r.itemName} ${t('dispatch.quantity')}`}
                    onChange={(e) => edit(r.key, { quantity: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)) })} />
                </td>
                <td>
                  <select value={r.priority} disabled={readOnly} aria-label={`${r.regionName} ${r.itemName} ${t('dispatch.priority')}`} onChange={(e) => edit(r.key, { priority: Number(e.currentTarget.value) })}>
                    {PRIORITIES.map((p) => <option value={p}>{p}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DepotPicker({ depots, picked, onChange, itemIds, readOnly }: { depots: DispatchDepot[]; picked: Set<number>; onChange: (s: Set<number>) => void; itemIds: number[]; readOnly: boolean }) {
  const ids = new Set(itemIds);
  return (
    <section class="card" data-testid="depot-picker">
      <h3>{t('dispatch.depots')}</h3>
      <ul class="plain depot-picks">
        {depots.map((d) => {
          const avail = d.stock.filter((s) => ids.has(s.itemId)).reduce((n, s) => n + s.available, 0);
          const held = d.stock.filter((s) => ids.has(s.itemId)).reduce((n, s) => n + s.promised, 0);
          return (
            <li key={d.id}>
              <label class="radio">
                <input type="checkbox" checked={picked.has(d.id)} disabled={readOnly} onChange={(e) => {
                  const next = new Set(picked);
                  if (e.currentTarget.checked) next.add(d.id); else next.delete(d.id);
                  onChange(next);
                }} />
                <span>{d.name}<span class="muted small"> · {t('dispatch.available')} {formatCount(avail)}{held > 0 && <> · {t('dispatch.promised')} {formatCount(held)}</>}</span></span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Constraints({ maxHours, onMaxHours, closedArcs, onClosedArcs, depots, townships, readOnly }: {
  maxHours: string; onMaxHours: (v: string) => void; closedArcs: Arc[]; onClosedArcs: (a: Arc[]) => void;
  depots: { id: number; name: string }[]; townships: { code: string; name: string }[]; readOnly: boolean;
}) {
  const depotName = (id: number) => depots.find((d) => d.id === id)?.name ?? `#${id}`;
  const townName = (code: string) => townships.find((x) => x.code === code)?.name ?? code;
  const depotSel = useRef<HTMLSelectElement>(null), townSel = useRef<HTMLSelectElement>(null);
  const add = () => {
    const d = depotSel.current, x = townSel.current;
    if (!d || !x || !d.value || !x.value) return;
    const arc = { depotId: Number(d.value), regionCode: x.value };
    if (!closedArcs.some((a) => a.depotId === arc.depotId && a.regionCode === arc.regionCode)) onClosedArcs([...closedArcs, arc]);
  };
  return (
    <section class="card" data-testid="constraints">
      <h3>{t('dispatch.options')}</h3>
      <label>{t('dispatch.maxHours')}
        <input type="number" min={0.5} step={0.5} value={maxHours} placeholder={t('dispatch.maxHoursNone')} disabled={readOnly} name="maxHours" onInput={(e) => onMaxHours(e.currentTarget.value)} />
      </label>
      <h4>{t('dispatch.closedRoads')}</h4>
      {closedArcs.length === 0 && <p class="muted small">{t('dispatch.noClosedRoads')}</p>}
      <ul class="plain closed-roads" data-testid="closed-roads">
        {closedArcs.map((a) => (
          <li key={`${a.depotId}|${a.regionCode}`}>
            <span class="road-cut">✕</span> {depotName(a.depotId)} → {townName(a.regionCode)}
            {!readOnly && <button type="button" class="link" onClick={() => onClosedArcs(closedArcs.filter((x) => x !== a))}>{t('dispatch.remove')}</button>}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div class="close-road">
          <p class="muted small">{t('dispatch.closeRoadHint')}</p>
          <select ref={depotSel} aria-label={t('dispatch.from')} name="closeDepot">{depots.map((d) => <option value={d.id}>{d.name}</option>)}</select>
          <select ref={townSel} aria-label={t('dispatch.to')} name="closeTownship">{townships.map((x) => <option value={x.code}>{x.name}</option>)}</select>
          <button type="button" onClick={add} data-testid="close-road">{t('dispatch.closeRoad')}</button>
        </div>
      )}
    </section>
  );
}
