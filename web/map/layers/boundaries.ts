import { defineLayer } from '../planning-map';

/** County (or prefecture) polygons with their names: the base of every region map. */
export const boundariesLayer = defineLayer<GeoJSON.FeatureCollection>('boundaries', {
  toGeoJson: (fc) => fc,
  layers: [
    { idSuffix: 'fill', type: 'fill', paint: { 'fill-color': '#dfe9e2', 'fill-opacity': 0.55 } },
    { idSuffix: 'line', type: 'line', paint: { 'line-color': '#4e6b5a', 'line-width': 1 } },
    {
      idSuffix: 'label', type: 'symbol',
      layout: { 'text-field': ['get', 'name'], 'text-size': 13, 'text-allow-overlap': false },
      paint: { 'text-color': '#1f3a2b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ],
  clickable: ['fill'],
});

export interface TownPoint {
  code: string;
  name: string;
  lon: number;
  lat: number;
}
export const townshipsLayer = defineLayer<TownPoint[]>('townships', {
  toGeoJson: (ts) => ({
    type: 'FeatureCollection',
    features: ts.map((t) => ({ type: 'Feature', properties: { code: t.code, name: t.name }, geometry: { type: 'Point', coordinates: [t.lon, t.lat] } })),
  }),
  layers: [
    // Small at province scale (thousands of points), full size once a county fills the screen.
    { idSuffix: 'dot', type: 'circle', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 1.5, 7, 3.5] as never, 'circle-color': '#2f6b4f', 'circle-stroke-color': '#fff', 'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 4, 0, 7, 1] as never } },
    {
      idSuffix: 'label', type: 'symbol', minzoom: 7,
      layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
      paint: { 'text-color': '#333', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
  ],
  clickable: ['dot'],
});
