import type { MapTownship, MapVillage } from '../../api/recovery';
import { defineLayer } from '../planning-map';

// Red while a family still waits for a decision, through amber and blue as building goes on, to
// green when everyone has moved in: the colour says how far the slowest family in the village is.
export const STAGE_COLORS: Record<string, string> = {
  in_review: '#b3261e', not_started: '#e0701b', started: '#d9a400', completed: '#2f74c0', moved_in: '#1f7a46', rejected: '#8a8f8c', none: '#b9c2bc',
};

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });

/** Villages with households or rebuild cases, sized by how many cases they have. */
export const recoveryVillagesLayer = defineLayer<MapVillage[]>('recovery-villages', {
  toGeoJson: (vs) => ({
    type: 'FeatureCollection',
    features: vs.map((v) => ({ type: 'Feature', properties: { code: v.code, name: v.name, stage: v.stage, cases: v.cases, households: v.households },
      geometry: point(v.lon, v.lat) })),
  }),
  layers: [
    {
      idSuffix: 'dot', type: 'circle',
      paint: {
        'circle-color': ['match', ['get', 'stage'], ...Object.entries(STAGE_COLORS).flat(), STAGE_COLORS.none] as unknown as string,
        'circle-radius': ['interpolate', ['linear'], ['get', 'cases'], 0, 5, 5, 9, 20, 14] as unknown as number,
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-opacity': 0.9,
      },
    },
    {
      idSuffix: 'label', type: 'symbol', minzoom: 8,
      layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.2], 'text-anchor': 'top' },
      paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
  ],
  clickable: ['dot'],
});

/** Townships as rings: the share of roster households already paid. */
export const winterCoverageLayer = defineLayer<MapTownship[]>('winter-coverage', {
  toGeoJson: (ts) => ({
    type: 'FeatureCollection',
    features: ts.map((t) => ({ type: 'Feature', properties: { code: t.code, name: t.name, coverage: t.coverage, households: t.rosterHouseholds, paid: t.paidHouseholds },
      geometry: point(t.lon, t.lat) })),
  }),
  layers: [
    {
      idSuffix: 'ring', type: 'circle',
      paint: {
        'circle-radius': 16, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 4,
        'circle-stroke-color': ['interpolate', ['linear'], ['get', 'coverage'], 0, '#b3261e', 0.5, '#d9a400', 1, '#1f7a46'] as unknown as string,
      },
    },
  ],
  clickable: ['ring'],
});
