import { defineLayer } from '../planning-map';

export interface DispatchDepotOnMap { id: number; name: string; lon: number; lat: number; available: number; picked: boolean }

/** Depots sized by the usable stock of the items being planned; grey when left out of the plan. */
export const dispatchDepotsLayer = defineLayer<DispatchDepotOnMap[]>('dispatch-depots', {
  toGeoJson: (ds) => {
    const most = Math.max(1, ...ds.map((d) => d.available));
    return {
      type: 'FeatureCollection',
      features: ds.map((d) => ({
        type: 'Feature',
        // Area, not radius, follows the stock: radius ∝ √stock.
        properties: { id: d.id, name: d.name, radius: 5 + 17 * Math.sqrt(d.available / most), color: d.picked ? '#1f4fa8' : '#8a948e' },
        geometry: { type: 'Point', coordinates: [d.lon, d.lat] },
      })),
    };
  },
  layers: [
    { idSuffix: 'dot', type: 'circle', paint: { 'circle-color': ['get', 'color'], 'circle-opacity': 0.8, 'circle-radius': ['get', 'radius'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } } as never,
    {
      idSuffix: 'label', type: 'symbol',
      layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.4], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': '#1f3a6b', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
    },
  ],
  clickable: ['dot'],
});
