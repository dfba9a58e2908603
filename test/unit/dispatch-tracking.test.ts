import { describe, expect, it } from 'vitest';
import { reliefSpeed, sumTracking, trackFlow, type ShipmentFacts } from '../../api/modules/dispatch/tracking';

const NOW = new Date('2026-01-10T12:00:00Z');
const ship = (over: Partial<ShipmentFacts>): ShipmentFacts => ({
  status: 'in_transit', quantity: 100, etaAt: '2026-01-10T14:00:00Z', receivedAt: null, receivedQuantity: null, damagedQuantity: null, ...over,
});

describe('flow tracking', () => {
  it('a flow without a shipment is planned; on the road it is in transit until its ETA passes', () => {
    expect(trackFlow(null, NOW).state).toBe('planned');
    expect(trackFlow(ship({}), NOW)).toMatchObject({ state: 'in_transit', inTransit: 100 });
    expect(trackFlow(ship({ etaAt: '2026-01-10T11:59:00Z' }), NOW)).toMatchObject({ state: 'overdue', inTransit: 100 });
  });

  it('a delivery counts damaged and missing goods as lost', () => {
    const t = trackFlow(ship({ status: 'received', receivedAt: '2026-01-10T13:00:00Z', receivedQuantity: 90, damagedQuantity: 4 }), NOW);
    expect(t).toMatchObject({ state: 'delivered', delivered: 90, damaged: 4, missing: 6, lost: 10, inTransit: 0 });
    expect(sumTracking([t, trackFlow(ship({}), NOW), trackFlow(ship({ etaAt: '2026-01-10T10:00:00Z' }), NOW)]))
      .toEqual({ flows: 3, planned: 0, inTransit: 1, overdue: 1, delivered: 1, lost: 10, quantityInTransit: 200, quantityDelivered: 90 });
  });
});

describe('the 10-hour measure', () => {
  const start = '2026-01-10T00:00:00Z';
  const first = new Map([['A', '2026-01-10T09:30:00Z'], ['B', '2026-01-10T10:00:00Z'], ['C', '2026-01-10T10:00:01Z']]);

  it('counts a township served at exactly 10 hours as on time and one a second later as late', () => {
    const s = reliefSpeed(start, 10, NOW, ['A', 'B', 'C', 'D'], first);
    expect(s.townships.map((t) => [t.regionCode, t.state, t.hours])).toEqual([['A', 'served', 9.5], ['B', 'served', 10], ['C', 'late', 10], ['D', 'missed', null]]);
    expect(s).toMatchObject({ townshipsWithNeed: 4, servedWithinTarget: 2, servedLate: 1, missed: 1, waiting: 0, share: 0.5 });
  });

  it('a township not yet served is waiting while the target can still be met', () => {
    const s = reliefSpeed(start, 10, new Date('2026-01-10T08:00:00Z'), ['D'], new Map());
    expect(s).toMatchObject({ waiting: 1, missed: 0, share: 0 });
    expect(reliefSpeed(start, 10, NOW, [], new Map()).share).toBeNull();
  });
});
