import { defineLayer } from '../planning-map';

export interface FlowOnMap {
  depotId: number;
  regionCode: string;
  from: [number, number];
  to: [number, number];
  quantity: number;
  /** Tracking state once approved (delivered, in_transit, overdue); absent for a draft. */
  state?: string;
}

const STATE_COLOR: Record<string, string> = { delivered: '#1f7a46', overdue: '#d98a00', in_transit: '#1f5fd6', planned: '#1f5fd6' };

/** Depot → township routes; line width follows the quantity carried. */
export const dispatchFlowsLayer = defineLayer<FlowOnMap[]>('dispatch-flows', {
  toGeoJson: (fs) => {
    const most = Math.max(1, ...fs.map((f) => f.quantity));
    return {
      type: 'FeatureCollection',
      features: fs.map((f) => ({
        type: 'Feature',
        properties: { depotId: f.depotId, regionCode: f.regionCode, quantity: f.quantity, width: 1.5 + 8 * (f.quantity / most), color: STATE_COLOR[f.state ?? 'planned'] ?? '#1f5fd6' },
        geometry: { type: 'LineString', coordinates: [f.from, f.to] },
      })),
    };
  },
  layers: [
    { idSuffix: 'line', type: 'line', layout: { 'line-cap': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.75 } } as never,
  ],
  clickable: ['line'],
});
