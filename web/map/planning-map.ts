import { Map as MapLibre, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource, type LayerSpecification, type LngLat, type MapLayerMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is bundled by Vite and served from our own origin (no CDN, works offline).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { basemapStyle, type BasemapConfig, type BasemapPreference } from './basemap';

type FC = GeoJSON.FeatureCollection;
type LayerStyle = Omit<LayerSpecification, 'id' | 'source'> & { idSuffix: string; filter?: unknown };

/** A named data layer: data in, style out. The first show() adds the source; later calls setData. */
export interface MapLayerDef<T> {
  id: string;
  toGeoJson: (data: T) => FC;
  layers: LayerStyle[];
  /** Clicking a feature of one of these layers reports its properties. */
  clickable?: string[];
}
export const defineLayer = <T>(id: string, def: Omit<MapLayerDef<T>, 'id'>): MapLayerDef<T> => ({ id, ...def });

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __mapIdle?: boolean;
    /** The current map, for end-to-end tests that ask what is drawn. */
    __planningMap?: PlanningMap;
  }
}

/** Owns the one maplibre Map of a page; pages compose layers on it. */
export class PlanningMap {
  readonly map: MapLibre;
  private shown = new Set<string>();
  private ready: Promise<void>;

  constructor(container: HTMLElement, basemap: BasemapPreference, cfg: BasemapConfig | null, provinces: FC | null) {
    window.__mapIdle = false;
    this.map = new MapLibre({
      container,
      style: basemapStyle(basemap, cfg),
      center: [113, 42],
      zoom: 4,
      attributionControl: { compact: true },
      // Chinese and Latin labels from the device's fonts: no glyph server needed offline.
      localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.ready.then(() => provinces && (this.map.getSource('provinces') as GeoJSONSource).setData(provinces));
    this.map.on('idle', () => (window.__mapIdle = true));
    window.__planningMap = this;
    this.map.on('dataloading', () => (window.__mapIdle = false));
  }

  async show<T>(def: MapLayerDef<T>, data: T) {
    await this.ready;
    const fc = def.toGeoJson(data);
    const src = this.map.getSource(def.id) as GeoJSONSource | undefined;
    if (src) return void src.setData(fc);
    this.map.addSource(def.id, { type: 'geojson', data: fc });
    for (const l of def.layers) {
      const { idSuffix, ...rest } = l;
      this.map.addLayer({ ...rest, id: `${def.id}-${idSuffix}`, source: def.id } as LayerSpecification);
    }
    this.shown.add(def.id);
  }

  setVisible<T>(def: MapLayerDef<T>, visible: boolean) {
    for (const l of def.layers) {
      const id = `${def.id}-${l.idSuffix}`;
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  onClick<T>(def: MapLayerDef<T>, handler: (props: Record<string, unknown>, e: MapLayerMouseEvent) => void) {
    for (const suffix of def.clickable ?? []) {
      const id = `${def.id}-${suffix}`;
      this.map.on('click', id, (e) => e.features?.[0] && handler(e.features[0].properties as Record<string, unknown>, e));
      this.map.on('mouseenter', id, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', id, () => (this.map.getCanvas().style.cursor = ''));
    }
  }

  /**
   * One click handler over several layers: the top-most feature under the pointer wins, so a depot
   * drawn over a county opens the depot, not the county. `enabled` lets a drawing tool take clicks.
   */
  onPick(defs: MapLayerDef<never>[], handler: (pick: { layer: string; props: Record<string, unknown>; lngLat: LngLat } | null) => void, enabled: () => boolean = () => true) {
    const ids = () => defs.flatMap((d) => (d.clickable ?? []).map((s) => `${d.id}-${s}`)).filter((id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none');
    this.map.on('click', (e) => {
      if (!enabled()) return;
      const f = this.map.queryRenderedFeatures(e.point, { layers: ids() })[0];
      handler(f ? { layer: String(f.source), props: f.properties as Record<string, unknown>, lngLat: e.lngLat } : null);
    });
    this.map.on('mousemove', (e) => {
      if (!enabled()) return;
      const hit = this.map.queryRenderedFeatures(e.point, { layers: ids() }).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
  }

  fitTo(fc: FC) {
    const b = bbox(fc);
    if (b) this.map.fitBounds(b, { padding: 30, duration: 0 });
  }

  /** Names drawn by a symbol layer right now (what a user can read on the map). */
  renderedLabels(def: MapLayerDef<never> | { id: string }, suffix = 'label'): string[] {
    const id = `${def.id}-${suffix}`;
    if (!this.map.getLayer(id)) return [];
    return [...new Set(this.map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties?.name)))];
  }

  destroy() {
    if (window.__planningMap === this) window.__planningMap = undefined;
    this.map.remove();
  }
}

function bbox(fc: FC): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1] as number); maxY = Math.max(maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
