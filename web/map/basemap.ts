import { addProtocol, type StyleSpecification } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol } from 'pmtiles';
import { session } from '../api/client';

export type BasemapChoice = 'offline' | 'tianditu' | 'xyz' | 'pmtiles';
/** What a user chose in settings; 'server' follows the BASEMAP environment variable. */
export type BasemapPreference = BasemapChoice | 'server';

export interface BasemapConfig {
  tiandituKey: string | null;
  xyzTilesUrl: string | null;
  /** URL of the PMTiles archive the API serves (range requests), if one is configured. */
  pmtiles: string | null;
  pmtilesType?: 'raster' | 'vector' | null;
  pmtilesMaxZoom?: number | null;
  defaultBasemap?: BasemapChoice;
}

const TDT = (layer: 'vec' | 'cva', key: string) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`);

/** The basemap actually drawn: the user's choice if it is configured, else the server's, else offline. */
export function resolveBasemap(pref: BasemapPreference, cfg: BasemapConfig | null): BasemapChoice {
  const usable = (b: BasemapChoice | undefined): b is BasemapChoice =>
    b === 'offline' || (b === 'tianditu' && !!cfg?.tiandituKey) || (b === 'xyz' && !!cfg?.xyzTilesUrl) || (b === 'pmtiles' && !!cfg?.pmtiles);
  if (pref !== 'server' && usable(pref)) return pref;
  return usable(cfg?.defaultBasemap) ? cfg!.defaultBasemap! : 'offline';
}

// PMTiles: maplibre asks `pmtiles://<url>` and the protocol reads the archive with HTTP range
// requests (206) from our API, sending the user's token like every other API call.
let protocol: Protocol | null = null;
function pmtilesSource(path: string): string {
  const url = new URL(path, location.origin).href;
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tilev4 as never);
  }
  const token = session.token ?? '';
  const known = protocol.get(url);
  if (!known || (known.source as FetchSource).customHeaders.get('authorization') !== `Bearer ${token}`) {
    protocol.add(new PMTiles(new FetchSource(url, new Headers({ authorization: `Bearer ${token}` }))));
  }
  return `pmtiles://${url}`;
}

/** A plain style for a vector archive in the Protomaps basemap layout (earth, water, roads, places). */
function vectorLayers(): StyleSpecification['layers'] {
  return [
    { id: 'pm-earth', type: 'fill', source: 'pmtiles', 'source-layer': 'earth', paint: { 'fill-color': '#f3f1ea' } },
    { id: 'pm-landuse', type: 'fill', source: 'pmtiles', 'source-layer': 'landuse', paint: { 'fill-color': '#e4eddc', 'fill-opacity': 0.6 } },
    { id: 'pm-water', type: 'fill', source: 'pmtiles', 'source-layer': 'water', paint: { 'fill-color': '#bcd6e6' } },
    { id: 'pm-roads', type: 'line', source: 'pmtiles', 'source-layer': 'roads', paint: { 'line-color': '#c9b99a', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.3, 12, 2] } },
    { id: 'pm-boundaries', type: 'line', source: 'pmtiles', 'source-layer': 'boundaries', paint: { 'line-color': '#9a8fa6', 'line-dasharray': [3, 2] } },
    {
      id: 'pm-places', type: 'symbol', source: 'pmtiles', 'source-layer': 'places', minzoom: 6,
      layout: { 'text-field': ['coalesce', ['get', 'name:zh'], ['get', 'name']], 'text-size': 11 },
      paint: { 'text-color': '#555', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
  ];
}

/**
 * The offline basemap is a plain background plus the shipped province outlines: it needs no
 * network and no glyph server (labels use local CJK fonts via localIdeographFontFamily).
 * Tianditu (vector + annotation), any XYZ source or a PMTiles archive is laid underneath when configured.
 */
export function basemapStyle(pref: BasemapPreference, cfg: BasemapConfig | null): StyleSpecification {
  const choice = resolveBasemap(pref, cfg);
  const style: StyleSpecification = {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f0' } }],
  };
  if (choice === 'tianditu') {
    style.sources.tdtVec = { type: 'raster', tiles: TDT('vec', cfg!.tiandituKey!), tileSize: 256, maxzoom: 18, attribution: '天地图' };
    style.sources.tdtCva = { type: 'raster', tiles: TDT('cva', cfg!.tiandituKey!), tileSize: 256, maxzoom: 18 };
    style.layers.push({ id: 'tdt-vec', type: 'raster', source: 'tdtVec' }, { id: 'tdt-cva', type: 'raster', source: 'tdtCva' });
  } else if (choice === 'xyz') {
    style.sources.xyz = { type: 'raster', tiles: [cfg!.xyzTilesUrl!], tileSize: 256 };
    style.layers.push({ id: 'xyz', type: 'raster', source: 'xyz' });
  } else if (choice === 'pmtiles') {
    const url = pmtilesSource(cfg!.pmtiles!);
    if (cfg!.pmtilesType === 'vector') {
      style.sources.pmtiles = { type: 'vector', url };
      style.layers.push(...vectorLayers());
    } else {
      style.sources.pmtiles = { type: 'raster', url, tileSize: 256 };
      style.layers.push({ id: 'pmtiles', type: 'raster', source: 'pmtiles' });
    }
  }
  style.layers.push(
    { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#f8faf7', 'fill-opacity': choice === 'offline' ? 1 : 0 } },
    { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#8a9a8f', 'line-width': 1.2 } },
  );
  return style;
}

const BASEMAP_KEY = 'relief.basemap';
const CHOICES: BasemapPreference[] = ['offline', 'tianditu', 'xyz', 'pmtiles', 'server'];
export const savedBasemap = (): BasemapPreference => {
  const v = localStorage.getItem(BASEMAP_KEY) as BasemapPreference | null;
  return v && CHOICES.includes(v) ? v : 'server';
};
export const saveBasemap = (b: BasemapPreference) => localStorage.setItem(BASEMAP_KEY, b);
