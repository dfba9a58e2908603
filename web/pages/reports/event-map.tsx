import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get } from '../../api/client';
import { reportsApi, type BreakdownLevel, type SummaryOut } from '../../api/reports';
import { formatCount, t } from '../../i18n/index';
import '../../i18n/reports';
import { savedBasemap } from '../../map/basemap';
import { PlanningMap } from '../../map/planning-map';
import { choroplethLayer, classify, ZERO_COLOR, type Classes } from '../../map/layers/choropleth';
import type { Figures } from '../../../api/modules/reports/schemas';

export type MapIndicator = keyof Figures | 'deathsMissing' | 'relocatedNeedAid' | 'housesRooms';

export function indicatorValue(f: Figures, i: MapIndicator): number {
  if (i === 'deathsMissing') return f.deaths + f.missing;
  if (i === 'relocatedNeedAid') return f.relocated + f.needEmergencyAid;
  if (i === 'housesRooms') return f.collapsedRooms + f.severeRooms;
  return f[i];
}

/** The chosen indicator by county (polygons) or township (points) over the summary's region. */
export function EventMap({ eventId, summary, by, indicator, onPick }: {
  eventId: number; summary: SummaryOut; by: BreakdownLevel; indicator: MapIndicator; onPick?: (code: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<PlanningMap | null>(null);
  const shapes = useRef<{ key: string; features: GeoJSON.Feature[] } | null>(null);
  const [classes, setClasses] = useState<Classes>({ breaks: [], colors: [] });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [provinces, cfg] = await Promise.all([api.provinces().catch(() => null), api.mapConfig().catch(() => null)]);
      if (cancelled) return;
      map.current = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection | null);
      map.current.onClick(choroplethLayer, (p) => onPick?.(String(p.code)));
      draw();
    })().catch((e) => setError(String(e)));
    return () => {
      cancelled = true;
      map.current?.destroy();
      map.current = null;
    };
  }, []);

  async function draw() {
    if (!map.current) return;
    const key = `${summary.regionCode}:${by}`;
    if (shapes.current?.key !== key) {
      const fc = by === 'township'
        ? await get<GeoJSON.FeatureCollection>(reportsApi.geojsonUrl(eventId, summary.regionCode))
        : await api.boundaries(summary.regionCode, 'county');
      shapes.current = { key, features: fc.features as GeoJSON.Feature[] };
      if (!map.current) return;
      map.current.fitTo({ type: 'FeatureCollection', features: shapes.current.features });
    }
    const values: Record<string, number> = {};
    for (const b of summary.breakdown ?? []) values[b.regionCode] = indicatorValue(b.figures, indicator);
    const c = classify(Object.values(values));
    setClasses(c);
    await map.current.show(choroplethLayer, { features: shapes.current.features, values, classes: c });
  }
  useEffect(() => void draw().catch((e) => setError(String(e))), [summary, by, indicator]);

  return (
    <div class="event-map">
      <div class="map" ref={el} data-testid="event-map" />
      <Legend classes={classes} />
      {error && <p class="error">{error}</p>}
    </div>
  );
}

function Legend({ classes }: { classes: Classes }) {
  let from = 1;
  return (
    <div class="choropleth-legend" data-testid="legend">
      <strong>{t('dash.legend')}</strong>
      <div><span class="swatch" style={{ background: ZERO_COLOR }} />0 / {t('dash.noData')}</div>
      {classes.breaks.map((b, i) => {
        const row = <div><span class="swatch" style={{ background: classes.colors[i] }} />{formatCount(from)}{b > from ? `–${formatCount(b)}` : ''}</div>;
        from = b + 1;
        return row;
      })}
    </div>
  );
}
