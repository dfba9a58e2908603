import { defineLayer } from '../planning-map';

export type ShipmentState = 'in_transit' | 'late' | 'delivered';

export interface ShipmentOnMap {
  id: number;
  from: [number, number];
  to: [number, number];
  state: ShipmentState;
  quantity: number;
  label: string;
}

/** Late is still on the road after its ETA (as dispatch tracking counts it); cancelled ones are not drawn. */
export function shipmentState(s: { status: string; etaAt: string | null }, now: Date): ShipmentState | null {
  if (s.status === 'received') return 'delivered';
  if (s.status !== 'in_transit') return null;
  return s.etaAt !== null && new Date(s.etaAt).getTime() < now.getTime() ? 'late' : 'in_transit';
}

export const SHIPMENT_COLORS: Record<ShipmentState, string> = { in_transit: '#1c64b8', late: '#c0271d', delivered: '#5d8a6e' };

const byState = (s: ShipmentState) => ['==', ['get', 'state'], s] as unknown as never;

/** Straight lines depot → destination; in transit dashed blue, late solid red, delivered thin green. */
export const shipmentsLayer = defineLayer<ShipmentOnMap[]>('shipments', {
  toGeoJson: (ss) => ({
    type: 'FeatureCollection',
    features: ss.flatMap((s) => [
      { type: 'Feature' as const, properties: { id: s.id, state: s.state, quantity: s.quantity, label: s.label, kind: 'line' }, geometry: { type: 'LineString' as const, coordinates: [s.from, s.to] } },
      { type: 'Feature' as const, properties: { id: s.id, state: s.state, quantity: s.quantity, label: s.label, kind: 'end' }, geometry: { type: 'Point' as const, coordinates: s.to } },
    ]),
  }),
  layers: [
    { idSuffix: 'delivered', type: 'line', filter: ['all', byState('delivered'), ['==', ['get', 'kind'], 'line']] as never, paint: { 'line-color': SHIPMENT_COLORS.delivered, 'line-width': 1.5, 'line-opacity': 0.7 } },
    { idSuffix: 'transit', type: 'line', filter: ['all', byState('in_transit'), ['==', ['get', 'kind'], 'line']] as never, paint: { 'line-color': SHIPMENT_COLORS.in_transit, 'line-width': 3, 'line-dasharray': [2, 1.5] } },
    { idSuffix: 'late', type: 'line', filter: ['all', byState('late'), ['==', ['get', 'kind'], 'line']] as never, paint: { 'line-color': SHIPMENT_COLORS.late, 'line-width': 3.5 } },
    {
      idSuffix: 'end', type: 'circle', filter: ['==', ['get', 'kind'], 'end'] as never,
      paint: {
        'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
        'circle-color': ['match', ['get', 'state'], 'late', SHIPMENT_COLORS.late, 'delivered', SHIPMENT_COLORS.delivered, SHIPMENT_COLORS.in_transit] as never,
      },
    },
  ],
  clickable: ['end', 'transit', 'late', 'delivered'],
});
