// The 10-hour measure of an event, and the printable waybill (调拨单) of a shipment.
import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { dispatchFlows, dispatchPlans, events, items, shipments, townshipFigures } from '../../../db/schema/index';
import type { ScopeCtx } from '../../http/scope';
import { visibleEvent } from '../events/service';
import { regionForReader } from '../reports/summary';
import { dayInShanghai } from '../stock/fefo';
import { getDepot } from '../stock/ledger';
import { loadTrucks } from '../stock/loading';
import { getShipment } from '../stock/shipments';
import { suggestNeeds, type NeedBasis } from './needs';
import { DISPATCH_POLICY, NEED_RULES, TRUCK_TYPES } from './policy';
import { reliefSpeed } from './tracking';

/**
 * Per township with need (the standards give it some goods), hours from the event's start to the
 * first delivery of this event's plans received there; and the share served within the target.
 */
export function eventReliefSpeed(db: DbOrTx, s: ScopeCtx, eventId: number, regionCode?: string, now = new Date()) {
  const event = visibleEvent(db, s, eventId);
  const region = regionForReader(s, event, regionCode);
  const month = Number(dayInShanghai(new Date(event.startedAt)).slice(5, 7));
  const figures = db.select().from(townshipFigures).where(eq(townshipFigures.eventId, eventId)).all().filter((f) => s.tree.isWithin(f.townshipCode, region));
  const inNeed = new Set(suggestNeeds(figures.map((f) => ({
    regionCode: f.townshipCode, ancestry: s.tree.ancestry(f.townshipCode).map((n) => n.code),
    figures: { relocated: f.relocated, relocatedCentralized: f.relocatedCentralized, needEmergencyAid: f.needEmergencyAid, needTransitionalAid: f.needTransitionalAid } as Record<NeedBasis, number>,
  })), NEED_RULES, month, new Map()).map((n) => n.regionCode));

  const received = db.select({ to: shipments.toRegionCode, at: shipments.receivedAt }).from(shipments)
    .innerJoin(dispatchPlans, eq(dispatchPlans.id, shipments.planId))
    .where(and(eq(dispatchPlans.eventId, eventId), eq(shipments.status, 'received'), gt(shipments.receivedQuantity, 0))).all();
  const first = new Map<string, string>();
  for (const r of received) {
    const township = r.to ? s.tree.ancestorAt(r.to, 'township')?.code : undefined;
    if (!township || !r.at) continue;
    const held = first.get(township);
    if (!held || r.at < held) first.set(township, r.at);
  }
  const target = DISPATCH_POLICY.basicNeedsWithinHours;
  const speed = reliefSpeed(event.startedAt, target.value, now, [...inNeed].sort(), first);
  return {
    eventId, regionCode: region, startedAt: event.startedAt, now: now.toISOString(), targetSource: target.source, ...speed,
    townships: speed.townships.map((t) => ({ ...t, name: s.tree.get(t.regionCode)?.name ?? null })),
  };
}

/** Everything a printed 调拨单 shows: from, to, goods, batches, weight, trucks, the plan, receipt. */
export function waybill(db: DbOrTx, s: ScopeCtx, shipmentId: number) {
  const { photo: _p, lotFacts, ...sh } = getShipment(db, s, shipmentId);
  const from = getDepot(db, sh.fromDepotId);
  const to = sh.toDepotId != null ? getDepot(db, sh.toDepotId) : null;
  const item = db.select().from(items).where(eq(items.id, sh.itemId)).get()!;
  const plan = sh.planId != null ? db.select().from(dispatchPlans).where(eq(dispatchPlans.id, sh.planId)).get() : undefined;
  const event = plan?.eventId != null ? db.select({ id: events.id, name: events.name }).from(events).where(eq(events.id, plan.eventId)).get() : undefined;
  const flow = db.select().from(dispatchFlows).where(eq(dispatchFlows.shipmentId, sh.id)).get();
  const weightKg = sh.quantity * item.weightKg, volumeM3 = sh.quantity * item.volumeM3;
  const path = (code: string) => s.tree.ancestry(code).reverse().map((n) => n.name).join(' ');
  return {
    waybillNo: `DB-${dayInShanghai(new Date(sh.sentAt)).replaceAll('-', '')}-${String(sh.id).padStart(6, '0')}`,
    shipment: sh,
    from: { id: from.id, code: from.code, name: from.name, regionCode: from.regionCode, regionPath: path(from.regionCode), address: from.address, contactName: from.contactName, contactPhone: from.contactPhone },
    to: to
      ? { kind: 'depot' as const, depotId: to.id, regionCode: to.regionCode, name: to.name, regionPath: path(to.regionCode) }
      : { kind: 'region' as const, depotId: null, regionCode: sh.toRegionCode!, name: s.tree.get(sh.toRegionCode!)?.name ?? sh.toRegionCode!, regionPath: path(sh.toRegionCode!) },
    item: { id: item.id, code: item.code, name: item.name, unit: item.unit, spec: item.spec, weightKg: item.weightKg, volumeM3: item.volumeM3 },
    lots: sh.lots.map((l) => {
      const facts = lotFacts.find((f) => f?.id === l.lotId);
      return { ...l, origin: facts?.origin ?? null, manufacturer: facts?.manufacturer ?? null };
    }),
    loading: { weightKg: Math.round(weightKg * 10) / 10, volumeM3: Math.round(volumeM3 * 1000) / 1000, trucks: loadTrucks(weightKg, volumeM3, TRUCK_TYPES) },
    route: flow ? { km: flow.km, hours: flow.hours } : null,
    plan: plan ? { id: plan.id, version: plan.version, approvedAt: plan.approvedAt, approvedByName: plan.approvedByName, eventId: plan.eventId, eventName: event?.name ?? null } : null,
  };
}
