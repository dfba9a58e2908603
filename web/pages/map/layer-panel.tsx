// The map's controls: layers on/off, the event indicator with its legend and "as of" slider, the
// drawing tools, and a list to open any county or depot without a pointer.
import type { EventOut } from '../../api/reports';
import { formatCount, formatDateTime, getLang, t } from '../../i18n/index';
import { ZERO_COLOR, type Classes } from '../../map/layers/choropleth';
import { SHIPMENT_COLORS } from '../../map/layers/shipments';
import type { DrawMode } from './draw-tool';
import { DERIVED_INDICATORS, FIGURE_INDICATOR_GROUPS, type MapIndicator } from './indicators';

export type LayerKey = 'counties' | 'townships' | 'choropleth' | 'depots' | 'shipments' | 'recovery' | 'winter';
export const LAYER_KEYS: LayerKey[] = ['counties', 'townships', 'choropleth', 'depots', 'shipments', 'recovery', 'winter'];

export interface Controls {
  visible: Record<LayerKey, boolean>;
  eventId: number | null;
  indicator: MapIndicator;
  by: 'county' | 'township';
  /** Hours after the event started; null is "now". */
  asOfHours: number | null;
}

export function LayerPanel({ c, set, events, classes, counts, draw, onDraw, jumpList, onJump }: {
  c: Controls;
  set: (patch: Partial<Controls>) => void;
  events: EventOut[];
  classes: Classes;
  counts: Partial<Record<LayerKey, number | string>>;
  draw: DrawMode | null;
  onDraw: (m: DrawMode | 'clear') => void;
  jumpList: { value: string; label: string; group: 'county' | 'depot' }[];
  onJump: (value: string) => void;
}) {
  const lang = getLang();
  const event = events.find((e) => e.id === c.eventId) ?? null;
  const spanHours = event ? Math.max(1, Math.ceil((Date.now() - new Date(event.startedAt).getTime()) / 3_600_000)) : 0;
  const asOfIso = event && c.asOfHours !== null ? new Date(new Date(event.startedAt).getTime() + c.asOfHours * 3_600_000).toISOString() : null;

  return (
    <div class="layer-panel" data-testid="layer-panel">
      <fieldset class="layers">
        <legend>{t('map.layers')}</legend>
        {LAYER_KEYS.map((k) => (
          <label class="check">
            <input type="checkbox" name={`layer-${k}`} checked={c.visible[k]} disabled={k === 'choropleth' && !event}
              onChange={(e) => set({ visible: { ...c.visible, [k]: e.currentTarget.checked } })} />
            <span>{t(`map.layer.${k}`)}</span>
            {counts[k] !== undefined && <span class="count">{typeof counts[k] === 'number' ? formatCount(counts[k] as number) : counts[k]}</span>}
          </label>
        ))}
      </fieldset>

      {events.length > 0 && (
        <fieldset>
          <legend>{t('map.event')}</legend>
          <select aria-label={t('map.event')} value={c.eventId ?? ''} onChange={(e) => set({ eventId: Number(e.currentTarget.value), asOfHours: null })} data-testid="map-event">
            {events.map((e) => <option value={e.id}>{e.name}</option>)}
          </select>
          <label>{t('map.indicator')}
            <select value={c.indicator} onChange={(e) => set({ indicator: e.currentTarget.value as MapIndicator })} data-testid="map-indicator">
              {DERIVED_INDICATORS.map((d) => <option value={d.key}>{lang === 'en' ? d.en : d.zh}</option>)}
              {FIGURE_INDICATOR_GROUPS.map((g) => (
                <optgroup label={lang === 'en' ? g.en : g.zh}>
                  {g.fields.map((f) => <option value={f.key}>{lang === 'en' ? f.en : f.zh}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
          <div class="segmented" role="group" aria-label={t('map.by')}>
            {(['county', 'township'] as const).map((b) => (
              <button type="button" class={c.by === b ? 'on' : ''} aria-pressed={c.by === b} onClick={() => set({ by: b })} data-testid={`by-${b}`}>{t(`map.by.${b}`)}</button>
            ))}
          </div>
          {event && (
            <label>{t('map.asOf')}: <output data-testid="as-of-label">{asOfIso ? formatDateTime(asOfIso) : t('map.asOf.now')}</output>
              <input type="range" min={0} max={spanHours} step={1} value={c.asOfHours ?? spanHours} data-testid="as-of"
                aria-valuetext={asOfIso ? formatDateTime(asOfIso) : t('map.asOf.now')}
                onInput={(e) => { const h = Number(e.currentTarget.value); set({ asOfHours: h >= spanHours ? null : h }); }} />
            </label>
          )}
          <Legend classes={classes} />
        </fieldset>
      )}

      <fieldset>
        <legend>{t('map.select')}</legend>
        <div class="tool-row">
          <button type="button" class={draw === 'polygon' ? 'on' : ''} aria-pressed={draw === 'polygon'} onClick={() => onDraw('polygon')} data-testid="draw-polygon">{t('map.draw.polygon')}</button>
          <button type="button" class={draw === 'radius' ? 'on' : ''} aria-pressed={draw === 'radius'} onClick={() => onDraw('radius')} data-testid="draw-radius">{t('map.draw.radius')}</button>
          <button type="button" onClick={() => onDraw('clear')}>{t('map.draw.clear')}</button>
        </div>
        {draw && <p class="hint" role="status">{t(`map.draw.hint.${draw}`)}</p>}
      </fieldset>

      <label>{t('map.jump')}
        <select value="" onChange={(e) => e.currentTarget.value && onJump(e.currentTarget.value)} data-testid="map-jump">
          <option value="">{t('map.jump.choose')}</option>
          <optgroup label={t('map.layer.depots')}>{jumpList.filter((j) => j.group === 'depot').map((j) => <option value={j.value}>{j.label}</option>)}</optgroup>
          <optgroup label={t('map.layer.counties')}>{jumpList.filter((j) => j.group === 'county').map((j) => <option value={j.value}>{j.label}</option>)}</optgroup>
        </select>
      </label>

      <div class="map-legend">
        <strong>{t('map.layer.depots')}</strong>
        <ul class="legend">
          {[['#b3261e', 'map.legend.below50'], ['#d98a00', 'map.legend.below100'], ['#1f7a46', 'map.legend.met'], ['#8a948e', 'map.legend.noTarget']].map(([c2, k]) => <li><span class="swatch round" style={{ background: c2 }} />{t(k)}</li>)}
        </ul>
        <p class="muted small">{t('map.legend.size')}</p>
        <strong>{t('map.layer.shipments')}</strong>
        <ul class="legend">
          {(Object.keys(SHIPMENT_COLORS) as (keyof typeof SHIPMENT_COLORS)[]).map((s) => <li><span class="swatch line" style={{ background: SHIPMENT_COLORS[s] }} />{t(`map.ship.${s}`)}</li>)}
        </ul>
      </div>
    </div>
  );
}

function Legend({ classes }: { classes: Classes }) {
  let from = 1;
  return (
    <div class="choropleth-legend" data-testid="map-legend">
      <div><span class="swatch" style={{ background: ZERO_COLOR }} />0 / {t('map.legend.none')}</div>
      {classes.breaks.map((b, i) => {
        const row = <div><span class="swatch" style={{ background: classes.colors[i] }} />{formatCount(from)}{b > from ? `–${formatCount(b)}` : ''}</div>;
        from = b + 1;
        return row;
      })}
    </div>
  );
}
