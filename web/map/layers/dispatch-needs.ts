import { defineLayer } from '../planning-map';

export interface TownshipNeedOnMap { code: string; name: string; lon: number; lat: number; demand: number; unmet: number | null }

export const NEED_COLORS = { need: '#d98a00', unmet: '#b3261e', met: '#1f7a46' } as const;

/**
 * Townships coloured by need: amber before a plan exists, then red where demand stays unmet and
 * green where the plan meets it all. The label carries the unmet quantity.
 */
export const dispatchNeedsLayer = defineLayer<TownshipNeedOnMap[]>('dispatch-needs', {
  toGeoJson: (ts) => ({
    type: 'FeatureCollection',
    features: ts.map((t) => {
      const state = t.unmet === null ? 'need' : t.unmet > 0 ? 'unmet' : 'met';
      return {
        type: 'Feature',
        properties: { code: t.code, name: t.name, state, color: NEED_COLORS[state], label: t.unmet ? `${t.name}\n缺 ${t.unmet.toLocaleString('zh-CN')}` : t.name, radius: state === 'unmet' ? 9 : 7 },
        geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
      };
    }),
  }),
  layers: [
    { idSuffix: 'dot', type: 'circle', paint: { 'circle-color': ['get', 'color'], 'circle-radius': ['get', 'radius'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } } as never,
    {
      idSuffix: 'label', type: 'symbol',
      layout: { 'text-field': ['get', 'label'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': ['match', ['get', 'state'], 'unmet', '#8c1d18', '#1d2521'], 'text-halo-color': '#fff', 'text-halo-width': 1.4 } as never,
    },
  ],
  clickable: ['dot'],
});
