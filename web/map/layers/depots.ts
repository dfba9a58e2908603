import { defineLayer } from '../planning-map';

export interface DepotOnMap {
  id: number;
  name: string;
  tier: string;
  lon: number;
  lat: number;
  /** Lowest coverage (held ÷ target) over its items; null when it has no targets. */
  worstCoverage: number | null;
  /** Usable units on hand (expired lots excluded); when given, the circle's area follows it. */
  usable?: number | null;
}

// Red below half the target, amber below the target, green at or above it, grey without targets.
const coverageColor = ['case',
  ['==', ['get', 'coverage'], -1], '#8a948e',
  ['<', ['get', 'coverage'], 0.5], '#b3261e',
  ['<', ['get', 'coverage'], 1], '#d98a00',
  '#1f7a46'];
const tierRadius = ['match', ['get', 'tier'], 'central', 11, 'province', 10, 'prefecture', 8, 'county', 6.5, 5];
// Area proportional to usable stock (radius ∝ √units), 6 px for an empty depot up to 26 px at a million.
const stockRadius = ['case', ['<', ['get', 'usable'], 0], tierRadius, ['interpolate', ['linear'], ['sqrt', ['get', 'usable']], 0, 6, 1000, 26]];

export const depotsLayer = defineLayer<DepotOnMap[]>('depots', {
  toGeoJson: (ds) => ({
    type: 'FeatureCollection',
    features: ds.map((d) => ({
      type: 'Feature',
      properties: { id: d.id, name: d.name, tier: d.tier, coverage: d.worstCoverage ?? -1, usable: d.usable ?? -1 },
      geometry: { type: 'Point', coordinates: [d.lon, d.lat] },
    })),
  }),
  layers: [
    { idSuffix: 'dot', type: 'circle', paint: { 'circle-color': coverageColor as never, 'circle-radius': stockRadius as never, 'circle-opacity': 0.9, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
    {
      idSuffix: 'label', type: 'symbol',
      layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-offset': [0, 1.2], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': '#1d2521', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
    },
  ],
  clickable: ['dot'],
});
