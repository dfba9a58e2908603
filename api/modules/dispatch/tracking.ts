// Where a plan's goods are: per flow from its shipment, and for an event the 10-hour measure. Pure.

export type FlowState = 'planned' | 'in_transit' | 'overdue' | 'delivered' | 'cancelled';

export interface ShipmentFacts {
  status: 'in_transit' | 'received' | 'cancelled';
  quantity: number;
  etaAt: string | null;
  receivedAt: string | null;
  receivedQuantity: number | null;
  damagedQuantity: number | null;
}

export interface FlowTracking {
  state: FlowState;
  inTransit: number;
  delivered: number;
  /** Damaged on the road plus short on arrival. */
  lost: number;
  damaged: number;
  missing: number;
  etaAt: string | null;
  receivedAt: string | null;
}

/** A flow's state: overdue is still in transit after its ETA. */
export function trackFlow(s: ShipmentFacts | null, now: Date): FlowTracking {
  const base = { inTransit: 0, delivered: 0, lost: 0, damaged: 0, missing: 0, etaAt: s?.etaAt ?? null, receivedAt: s?.receivedAt ?? null };
  if (!s) return { ...base, state: 'planned' };
  if (s.status === 'cancelled') return { ...base, state: 'cancelled' };
  if (s.status === 'in_transit') {
    const late = s.etaAt !== null && new Date(s.etaAt).getTime() < now.getTime();
    return { ...base, state: late ? 'overdue' : 'in_transit', inTransit: s.quantity };
  }
  const delivered = s.receivedQuantity ?? 0;
  const damaged = s.damagedQuantity ?? 0;
  const missing = Math.max(0, s.quantity - delivered - damaged);
  return { ...base, state: 'delivered', delivered, damaged, missing, lost: damaged + missing };
}

export interface PlanTracking { flows: number; planned: number; inTransit: number; overdue: number; delivered: number; lost: number; quantityInTransit: number; quantityDelivered: number }

export function sumTracking(rows: readonly FlowTracking[]): PlanTracking {
  const t: PlanTracking = { flows: rows.length, planned: 0, inTransit: 0, overdue: 0, delivered: 0, lost: 0, quantityInTransit: 0, quantityDelivered: 0 };
  for (const r of rows) {
    if (r.state === 'planned') t.planned++;
    if (r.state === 'in_transit') t.inTransit++;
    if (r.state === 'overdue') t.overdue++;
    if (r.state === 'delivered') t.delivered++;
    t.lost += r.lost;
    t.quantityInTransit += r.inTransit;
    t.quantityDelivered += r.delivered;
  }
  return t;
}

export type ServedState = 'served' | 'late' | 'waiting' | 'missed';
export interface TownshipServed {
  regionCode: string;
  firstReceivedAt: string | null;
  /** Hours from the event's start to the first delivery received, to 0.01 h. */
  hours: number | null;
  state: ServedState;
}
export interface ReliefSpeed {
  targetHours: number;
  townshipsWithNeed: number;
  servedWithinTarget: number;
  servedLate: number;
  waiting: number;
  missed: number;
  /** servedWithinTarget ÷ townshipsWithNeed (null with no township in need). */
  share: number | null;
  townships: TownshipServed[];
}

/**
 * The 10-hour measure: per township with need, time from the event's start to its first received
 * delivery. A township not yet served is `waiting` while the target can still be met, then `missed`.
 */
export function reliefSpeed(startedAt: string, targetHours: number, now: Date, townships: readonly string[], firstReceived: ReadonlyMap<string, string>): ReliefSpeed {
  const start = new Date(startedAt).getTime();
  const limit = start + targetHours * 3600_000;
  const rows = townships.map((code): TownshipServed => {
    const at = firstReceived.get(code) ?? null;
    if (at === null) return { regionCode: code, firstReceivedAt: null, hours: null, state: now.getTime() <= limit ? 'waiting' : 'missed' };
    const ms = new Date(at).getTime() - start;
    return { regionCode: code, firstReceivedAt: at, hours: Math.round((ms / 3600_000) * 100) / 100, state: new Date(at).getTime() <= limit ? 'served' : 'late' };
  });
  const count = (s: ServedState) => rows.filter((r) => r.state === s).length;
  const served = count('served');
  return {
    targetHours, townshipsWithNeed: rows.length, servedWithinTarget: served, servedLate: count('late'), waiting: count('waiting'), missed: count('missed'),
    share: rows.length ? served / rows.length : null, townships: rows,
  };
}
