import type { StyleSpecification } from 'maplibre-gl';

export interface BasemapConfig {
  tiandituKey: string | null;
  xyzTilesUrl: string | null;
  pmtiles: string | null;
}
export type BasemapChoice = 'offline' | 'tianditu' | 'xyz';

const TDT = (layer: 'vec' | 'cva', key: string) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`);

/**
 * The offline basemap is a plain background plus the shipped province outlines: it needs no
 * network and no glyph server (labels use local CJK fonts via localIdeographFontFamily).
 * Tianditu (vector + annotation) or any XYZ source is laid underneath when configured.
 */
export function basemapStyle(choice: BasemapChoice, cfg: BasemapConfig | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f0' } }],
  };
  if (choice === 'tianditu' && cfg?.tiandituKey) {
    style.sources.tdtVec = { type: 'raster', tiles: TDT('vec', cfg.tiandituKey), tileSize: 256, maxzoom: 18, attribution: '天地图' };
    style.sources.tdtCva = { type: 'raster', tiles: TDT('cva', cfg.tiandituKey), tileSize: 256, maxzoom: 18 };
    style.layers.push({ id: 'tdt-vec', type: 'raster', source: 'tdtVec' }, { id: 'tdt-cva', type: 'raster', source: 'tdtCva' });
  } else if (choice === 'xyz' && cfg?.xyzTilesUrl) {
    style.sources.xyz = { type: 'raster', tiles: [cfg.xyzTilesUrl], tileSize: 256 };
    style.layers.push({ id: 'xyz', type: 'raster', source: 'xyz' });
  }
  style.layers.push(
    { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#f8faf7', 'fill-opacity': choice === 'offline' ? 1 : 0 } },
    { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#8a9a8f', 'line-width': 1.2 } },
  );
  return style;
}

const BASEMAP_KEY = 'relief.basemap';
export const savedBasemap = (): BasemapChoice => (localStorage.getItem(BASEMAP_KEY) as BasemapChoice) || 'offline';
export const saveBasemap = (b: BasemapChoice) => localStorage.setItem(BASEMAP_KEY, b);
