// 态势地图: one map for the whole picture — damage by county or township (as of any hour), depots
// and their gaps, goods on the road, rebuilding and winter relief — with a side panel that leads to
// the page where each thing is handled, and area selection that sums what lies inside.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { reportsApi, type EventOut } from '../../api/reports';
import { recoveryApi, type MapTownship, type MapVillage } from '../../api/recovery';
import type { Figures } from '../../../api/modules/reports/schemas';
import { t, useLang } from '../../i18n/index';
import '../../i18n/map';
import '../../i18n/stock';
import '../../i18n/recovery';
import '../../i18n/reports';
import { savedBasemap } from '../../map/basemap';
import { PlanningMap, type MapLayerDef } from '../../map/planning-map';
import { boundariesLayer, townshipsLayer } from '../../map/layers/boundaries';
import { choroplethLayer, classify, type Classes } from '../../map/layers/choropleth';
import { depotsLayer } from '../../map/layers/depots';
import { shipmentsLayer } from '../../map/layers/shipments';
import { recoveryVillagesLayer, winterCoverageLayer } from '../../map/layers/recovery';
import { selectionLayer } from '../../map/layers/selection';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { DrawTool, type DrawMode } from './draw-tool';
import { indicatorValue } from './indicators';
import { LayerPanel, type Controls, type LayerKey } from './layer-panel';
import { loadBase, loadShipments, loadTownships, type BaseData, type ShipmentInfo, type Township } from './map-data';
import { sumInside, type Area } from './selection-sums';
import { SidePanel, type Pick } from './side-panel';

declare global {
  interface Window {
    /** Set once the first full picture (boundaries, townships, depots, damage) is on the map. */
    __mapReady?: boolean;
  }
}

const LAYER_DEFS: Record<LayerKey, MapLayerDef<never>[]> = {
  counties: [boundariesLayer as MapLayerDef<never>],
  townships: [townshipsLayer as MapLayerDef<never>],
  choropleth: [choroplethLayer as MapLayerDef<never>],
  depots: [depotsLayer as MapLayerDef<never>],
  shipments: [shipmentsLayer as MapLayerDef<never>],
  recovery: [recoveryVillagesLayer as MapLayerDef<never>],
  winter: [winterCoverageLayer as MapLayerDef<never>],
};

const townshipFeatures = (ts: Township[]): GeoJSON.Feature[] =>
  ts.map((x) => ({ type: 'Feature', properties: { code: x.code, name: x.name }, geometry: { type: 'Point', coordinates: [x.lon, x.lat] } }));

export function PlanningMapPage() {
  useLang();
  const me = useMe()!;
  const query = new URLSearchParams(location.search);
  const scopeCodes = useMemo(() => (query.get('region') ?? me.regionCode).split(',').filter((x) => /^\d{2,12}$/.test(x)), [me.regionCode]);
  const el = useRef<HTMLDivElement>(null);
  const pm = useRef<PlanningMap | null>(null);
  const drawTool = useRef<DrawTool | null>(null);
  const byRef = useRef<'county' | 'township'>('county');

  const [base, setBase] = useState<BaseData | null>(null);
  const [townships, setTownships] = useState<Township[] | null>(null);
  const [shipments, setShipments] = useState<ShipmentInfo[]>([]);
  const [recovery, setRecovery] = useState<{ villages: MapVillage[]; townships: MapTownship[] } | null>(null);
  const [events, setEvents] = useState<EventOut[]>([]);
  const [c, setC] = useState<Controls>({
    visible: { counties: true, townships: true, choropleth: true, depots: true, shipments: true, recovery: false, winter: false },
    eventId: null, indicator: 'relocatedNeedAid', by: 'county', asOfHours: null,
  });
  const [figures, setFigures] = useState<{ county: Record<string, Figures>; township: Record<string, Figures> }>({ county: {}, township: {} });
  const [classes, setClasses] = useState<Classes>({ breaks: [], colors: [] });
  const [pick, setPick] = useState<Pick | null>(null);
  const [area, setArea] = useState<Area | null>(null);
  const [drawMode, setDrawMode] = useState<DrawMode | null>(null);
  const [progress, setProgress] = useState<string | null>(t('map.loading'));
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const set = (patch: Partial<Controls>) => setC((old) => ({ ...old, ...patch }));
  byRef.current = c.by;

  // The map and the data that does not depend on the controls.
  useEffect(() => {
    let cancelled = false;
    window.__mapReady = false;
    (async () => {
      try {
        const [provinces, cfg, loaded, evs] = await Promise.all([
          api.provinces().catch(() => null), api.mapConfig().catch(() => null), loadBase(scopeCodes),
          reportsApi.events({}).then((r) => r.events.filter((e) => e.status !== 'closed')).catch(() => [] as EventOut[]),
        ]);
        if (cancelled) return;
        performance.mark('map:base-loaded'); // phases for scripts/bench/map.ts
        const map = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection | null);
        pm.current = map;
        // Every layer exists from the start, in drawing order; later updates only set data.
        await map.show(boundariesLayer, { type: 'FeatureCollection', features: loaded.counties });
        await map.show(choroplethLayer, { features: [], values: {}, classes: { breaks: [], colors: [] } });
        await map.show(winterCoverageLayer, []);
        await map.show(recoveryVillagesLayer, []);
        await map.show(townshipsLayer, []);
        await map.show(shipmentsLayer, []);
        await map.show(depotsLayer, loaded.depots);
        await map.show(selectionLayer, { area: null, vertices: [] });
        map.setVisible(recoveryVillagesLayer, false);
        map.setVisible(winterCoverageLayer, false);
        map.fitTo({ type: 'FeatureCollection', features: loaded.counties });
        // Picking listens first: the click that finishes a drawing must not also pick what is under it.
        map.onPick(Object.values(LAYER_DEFS).flat(), (p) => setPick(p ? toPick(p.layer, p.props, byRef.current) : null), () => !drawTool.current?.drawing);
        drawTool.current = new DrawTool(map, (a) => {
          setArea(a);
          if (a) setPick(null);
        }, setDrawMode);
        setBase(loaded);
        const wanted = Number(query.get('event'));
        setEvents(evs);
        set({ eventId: evs.find((e) => e.id === wanted)?.id ?? evs.find((e) => e.status === 'active')?.id ?? evs[0]?.id ?? null });

        const towns = await loadTownships(loaded.scope.map((r) => r.code), (done, total) => !cancelled && setProgress(t('map.loadingTownships', { done, total })));
        if (cancelled) return;
        performance.mark('map:townships-loaded');
        await map.show(townshipsLayer, towns);
        setTownships(towns);
        setProgress(null);
        const ships = await loadShipments(loaded, towns).catch(() => [] as ShipmentInfo[]);
        if (cancelled) return;
        await map.show(shipmentsLayer, ships);
        setShipments(ships);
      } catch (e) {
        if (!cancelled) (setError(e), setProgress(null));
      }
    })();
    return () => {
      cancelled = true;
      window.__mapReady = false;
      pm.current?.destroy();
      pm.current = null;
    };
  }, [scopeCodes.join(',')]);

  const event = events.find((e) => e.id === c.eventId) ?? null;
  const asOf = event && c.asOfHours !== null ? new Date(new Date(event.startedAt).getTime() + c.asOfHours * 3_600_000).toISOString() : undefined;

  // Damage figures by county and by township for the chosen event and time; debounced for the slider.
  useEffect(() => {
    if (!event) return setFigures({ county: {}, township: {} });
    let stale = false;
    const timer = setTimeout(async () => {
      try {
        const [county, township] = await Promise.all([reportsApi.summary(event.id, { by: 'county', asOf }), reportsApi.summary(event.id, { by: 'township', asOf })]);
        if (stale) return;
        // Only units with an accepted report carry figures: the rest are "no data", not zero.
        const index = (s: typeof county) => Object.fromEntries((s.breakdown ?? []).filter((b) => b.townships > 0).map((b) => [b.regionCode, b.figures]));
        setFigures({ county: index(county), township: index(township) });
      } catch (e) {
        if (!stale) setError(e);
      }
    }, asOf ? 250 : 0);
    return () => (stale = true, clearTimeout(timer));
  }, [event?.id, asOf]);

  // The choropleth of the chosen indicator.
  useEffect(() => {
    const map = pm.current;
    if (!map || !base) return;
    const source = c.by === 'county' ? figures.county : figures.township;
    const values: Record<string, number> = {};
    for (const [code, f] of Object.entries(source)) values[code] = indicatorValue(f, c.indicator);
    const cls = classify(Object.values(values));
    setClasses(cls);
    const features = c.by === 'county' ? base.counties : townshipFeatures((townships ?? []).filter((x) => x.code in source));
    void map.show(choroplethLayer, { features: event ? features : [], values, classes: cls }).then(() => {
      if (townships && !ready) (setReady(true), (window.__mapReady = true));
    });
  }, [base, townships, figures, c.by, c.indicator, event?.id]);

  // Rebuild progress and winter relief: fetched the first time either layer is switched on.
  useEffect(() => {
    if (!(c.visible.recovery || c.visible.winter) || recovery || !pm.current) return;
    Promise.all(scopeCodes.map((code) => recoveryApi.map(code)))
      .then(async (parts) => {
        const data = { villages: parts.flatMap((p) => p.villages), townships: parts.flatMap((p) => p.townships) };
        await pm.current?.show(recoveryVillagesLayer, data.villages);
        await pm.current?.show(winterCoverageLayer, data.townships);
        setRecovery(data);
      })
      .catch(setError);
  }, [c.visible.recovery, c.visible.winter]);

  useEffect(() => {
    const map = pm.current;
    if (!map || !base) return;
    for (const [k, defs] of Object.entries(LAYER_DEFS) as [LayerKey, MapLayerDef<never>[]][]) {
      for (const d of defs) map.setVisible(d, c.visible[k] && (k !== 'choropleth' || !!event));
    }
    // Under the damage shading the pale county fill is never seen: skip drawing it (one full-screen
    // fill less per frame, which software rendering feels); the outlines and names stay.
    if (map.map.getLayer('boundaries-fill')) map.map.setLayoutProperty('boundaries-fill', 'visibility', c.visible.counties && !(c.visible.choropleth && event && c.by === 'county') ? 'visible' : 'none');
  }, [c.visible, base, recovery, event?.id, c.by]);

  const sums = useMemo(() => (area && base ? sumInside(area, townships ?? [], figures.township, base.depots) : null), [area, base, townships, figures.township]);

  const closePanel = () => {
    setPick(null);
    (el.current?.querySelector('canvas') as HTMLCanvasElement | null)?.focus();
  };
  const clearSelection = () => {
    drawTool.current?.clear();
    setArea(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (drawTool.current?.key(e)) return e.preventDefault();
    if (e.key === 'Escape' && pick) closePanel();
    else if (e.key === 'Escape' && area) clearSelection();
  };
  const onDraw = (m: DrawMode | 'clear') => {
    if (m === 'clear') return clearSelection();
    setPick(null);
    setArea(null);
    drawTool.current?.start(m);
  };
  const jumpList = useMemo(() => [
    ...(base?.depots ?? []).map((d) => ({ value: `depot:${d.id}`, label: d.name, group: 'depot' as const })),
    ...(base?.counties ?? []).map((f) => ({ value: `county:${f.properties?.code}`, label: String(f.properties?.name), group: 'county' as const })),
  ], [base]);
  const onJump = (value: string) => {
    const [kind, id] = value.split(':');
    if (kind === 'depot') {
      const d = base?.depots.find((x) => x.id === Number(id));
      if (d) (setPick({ kind: 'depot', id: d.id }), pm.current?.map.easeTo({ center: [d.lon, d.lat], duration: 0 }));
    } else {
      const f = base?.counties.find((x) => String(x.properties?.code) === id);
      if (f) (setPick({ kind: 'county', code: id, name: String(f.properties?.name) }), pm.current?.fitTo({ type: 'FeatureCollection', features: [f] }));
    }
  };

  const counts: Partial<Record<LayerKey, number | string>> = {
    counties: base?.counties.length, townships: townships?.length, depots: base?.depots.length,
    shipments: shipments.filter((s) => s.state !== 'delivered').length,
    recovery: recovery?.villages.length, winter: recovery?.townships.length,
  };

  return (
    <div class="planning" onKeyDown={onKey} data-ready={ready ? 'true' : 'false'} data-testid="planning-map-page">
      <aside class="planning-controls">
        <h2>{t('map.title')}</h2>
        {base && <p class="muted">{base.scope.map((s) => s.name).join('、')}</p>}
        <ErrorBox error={error} />
        <LayerPanel c={c} set={set} events={events} classes={classes} counts={counts} draw={drawMode} onDraw={onDraw} jumpList={jumpList} onJump={onJump} />
      </aside>
      <div class="planning-map">
        <div class="map" ref={el} data-testid="planning-map" aria-label={t('map.title')} />
        {progress && <div class="map-status" role="status">{progress}</div>}
      </div>
      <SidePanel pick={pick} sums={sums} onClose={closePanel} onClearSelection={clearSelection} onCircle={(centre, km) => (setPick(null), drawTool.current?.circleAround(centre, km))}
        ctx={{ me, event, figures: { ...figures.county, ...figures.township }, depots: base?.depots ?? [], townships: townships ?? [], shipments,
          villages: recovery?.villages ?? [], winter: recovery?.townships ?? [], items: base?.items ?? new Map() }} />
    </div>
  );
}

function toPick(layer: string, p: Record<string, unknown>, by: 'county' | 'township'): Pick | null {
  const code = String(p.code ?? ''), name = String(p.name ?? p.code ?? '');
  switch (layer) {
    case 'boundaries': return { kind: 'county', code, name };
    case 'choropleth': return { kind: by, code, name };
    case 'townships': return { kind: 'township', code, name };
    case 'depots': return { kind: 'depot', id: Number(p.id) };
    case 'shipments': return { kind: 'shipment', id: Number(p.id) };
    case 'recovery-villages': return { kind: 'village', code };
    case 'winter-coverage': return { kind: 'winter', code };
    default: return null;
  }
}
