// What a plan looks like to a reader: flows with names, loading and tracking; versions compared.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, dispatchFlows, dispatchPlans, items, shipments, type DispatchPlan } from '../../../db/schema/index';
import { DomainError } from '../../http/errors';
import type { ScopeCtx } from '../../http/scope';
import { loadTrucks, type TruckNeed } from '../stock/loading';
import { TRUCK_TYPES } from './policy';
import { planVisible, visiblePlan } from './plan-scope';
import { sumTracking, trackFlow, type FlowTracking, type PlanTracking } from './tracking';

export interface Loading { weightKg: number; volumeM3: number; trucks: TruckNeed[] }
export interface FlowOut {
  id: number; depotId: number; depotName: string; regionCode: string; regionName: string | null; itemId: number; itemName: string; unit: string;
  quantity: number; km: number; hours: number; loading: Loading; shipmentId: number | null; tracking: FlowTracking | null;
}
export interface PlanSummary {
  id: number; familyId: number; version: number; previousId: number | null; eventId: number | null; regionCode: string; regionName: string | null;
  status: DispatchPlan['status']; name: string | null; demanded: number; met: number; unmetTotal: number; cost: number; flowCount: number;
  createdAt: string; createdByName: string; approvedAt: string | null; approvedByName: string | null;
}
export interface PlanOut extends Omit<PlanSummary, 'flowCount'> {
  note: string | null;
  flows: FlowOut[];
  unmet: { regionCode: string; regionName: string | null; itemId: number; quantity: number }[];
  metByPriority: Record<string, number>;
  computeMs: number;
  inputs: DispatchPlan['inputs'];
  stock: DispatchPlan['stock'];
  /** Loading per depot → region trip, all items together. */
  routes: { depotId: number; regionCode: string; weightKg: number; volumeM3: number; trucks: TruckNeed[] }[];
  totals: { weightKg: number; volumeM3: number };
  tracking: PlanTracking | null;
  previous: Pick<PlanSummary, 'id' | 'version' | 'cost' | 'met' | 'demanded' | 'unmetTotal'> | null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const loadingOf = (weightKg: number, volumeM3: number): Loading =>
  ({ weightKg: round(weightKg, 1), volumeM3: round(volumeM3, 3), trucks: loadTrucks(weightKg, volumeM3, TRUCK_TYPES) });

function summary(s: ScopeCtx, p: DispatchPlan, flowCount: number): PlanSummary {
  return {
    id: p.id, familyId: p.familyId ?? p.id, version: p.version, previousId: p.previousId, eventId: p.eventId, regionCode: p.regionCode,
    regionName: s.tree.get(p.regionCode)?.name ?? null, status: p.status, name: p.name, demanded: p.demanded, met: p.met,
    unmetTotal: p.unmet.reduce((t, u) => t + u.quantity, 0), cost: p.cost, flowCount, createdAt: p.createdAt, createdByName: p.createdByName,
    approvedAt: p.approvedAt, approvedByName: p.approvedByName,
  };
}

export function planOut(db: DbOrTx, s: ScopeCtx, p: DispatchPlan, now = new Date()): PlanOut {
  const rows = db.select().from(dispatchFlows).where(eq(dispatchFlows.planId, p.id)).orderBy(dispatchFlows.id).all();
  const itemIds = [...new Set([...rows.map((f) => f.itemId), ...p.unmet.map((u) => u.itemId)])];
  const itemRows = new Map((itemIds.length ? db.select().from(items).where(inArray(items.id, itemIds)).all() : []).map((i) => [i.id, i]));
  const depotRows = new Map((p.inputs.depotIds.length ? db.select().from(depots).where(inArray(depots.id, p.inputs.depotIds)).all() : []).map((d) => [d.id, d]));
  const shipmentIds = rows.flatMap((f) => (f.shipmentId ? [f.shipmentId] : []));
  const sent = new Map((shipmentIds.length ? db.select().from(shipments).where(inArray(shipments.id, shipmentIds)).all() : []).map((x) => [x.id, x]));

  const routes = new Map<string, { depotId: number; regionCode: string; weightKg: number; volumeM3: number }>();
  const flows = rows.map((f): FlowOut => {
    const item = itemRows.get(f.itemId)!;
    const weightKg = f.quantity * item.weightKg, volumeM3 = f.quantity * item.volumeM3;
    const key = `${f.depotId}|${f.regionCode}`;
    const r = routes.get(key) ?? { depotId: f.depotId, regionCode: f.regionCode, weightKg: 0, volumeM3: 0 };
    r.weightKg += weightKg; r.volumeM3 += volumeM3;
    routes.set(key, r);
    const shipment = f.shipmentId ? sent.get(f.shipmentId) ?? null : null;
    return {
      id: f.id, depotId: f.depotId, depotName: depotRows.get(f.depotId)?.name ?? String(f.depotId), regionCode: f.regionCode,
      regionName: s.tree.get(f.regionCode)?.name ?? null, itemId: f.itemId, itemName: item.name, unit: item.unit,
      quantity: f.quantity, km: f.km, hours: f.hours, loading: loadingOf(weightKg, volumeM3), shipmentId: f.shipmentId,
      tracking: p.status === 'approved' ? trackFlow(shipment, now) : null,
    };
  });
  const prev = p.previousId ? db.select().from(dispatchPlans).where(eq(dispatchPlans.id, p.previousId)).get() : undefined;
  const { flowCount: _n, ...head } = summary(s, p, rows.length);
  const weightKg = flows.reduce((t, f) => t + f.loading.weightKg, 0), volumeM3 = flows.reduce((t, f) => t + f.loading.volumeM3, 0);
  return {
    ...head, note: p.note, flows,
    unmet: p.unmet.map((u) => ({ ...u, regionName: s.tree.get(u.regionCode)?.name ?? null })),
    metByPriority: p.metByPriority, computeMs: p.computeMs, inputs: p.inputs, stock: p.stock,
    routes: [...routes.values()].map((r) => ({ ...r, weightKg: round(r.weightKg, 1), volumeM3: round(r.volumeM3, 3), trucks: loadTrucks(r.weightKg, r.volumeM3, TRUCK_TYPES) })),
    totals: { weightKg: round(weightKg, 1), volumeM3: round(volumeM3, 3) },
    tracking: p.status === 'approved' ? sumTracking(flows.map((f) => f.tracking!)) : null,
    previous: prev ? (({ id, version, cost, met, demanded, unmetTotal }) => ({ id, version, cost, met, demanded, unmetTotal }))(summary(s, prev, 0)) : null,
  };
}

export function getPlan(db: DbOrTx, s: ScopeCtx, id: number): PlanOut {
  return planOut(db, s, visiblePlan(db, s, id));
}

export function listPlans(db: DbOrTx, s: ScopeCtx, q: { eventId?: number; status?: DispatchPlan['status'] }): PlanSummary[] {
  const where = and(q.eventId !== undefined ? eq(dispatchPlans.eventId, q.eventId) : undefined, q.status ? eq(dispatchPlans.status, q.status) : undefined);
  const rows = db.select().from(dispatchPlans).where(where).orderBy(desc(dispatchPlans.id)).limit(500).all().filter((p) => planVisible(s, p));
  const counts = new Map<number, number>();
  if (rows.length) {
    for (const f of db.select({ planId: dispatchFlows.planId }).from(dispatchFlows).where(inArray(dispatchFlows.planId, rows.map((r) => r.id))).all()) {
      counts.set(f.planId, (counts.get(f.planId) ?? 0) + 1);
    }
  }
  return rows.map((p) => summary(s, p, counts.get(p.id) ?? 0));
}

/** Two versions side by side: cost, met, unmet, and every depot–region–item flow that changed. */
export function comparePlans(db: DbOrTx, s: ScopeCtx, id: number, withId?: number) {
  const current = visiblePlan(db, s, id);
  const baseId = withId ?? current.previousId;
  if (baseId == null) throw new DomainError('NOT_FOUND', 'this plan has no previous version to compare with', { planId: id });
  const base = visiblePlan(db, s, baseId);
  const flowsOf = (planId: number) => new Map(db.select().from(dispatchFlows).where(eq(dispatchFlows.planId, planId)).all()
    .map((f) => [`${f.depotId}|${f.regionCode}|${f.itemId}`, f.quantity]));
  const before = flowsOf(base.id), after = flowsOf(current.id);
  const changes = [...new Set([...before.keys(), ...after.keys()])].flatMap((key) => {
    const b = before.get(key) ?? 0, a = after.get(key) ?? 0;
    if (a === b) return [];
    const [depotId, regionCode, itemId] = key.split('|');
    return [{ depotId: Number(depotId), regionCode, itemId: Number(itemId), before: b, after: a }];
  });
  const sb = summary(s, base, before.size), sc = summary(s, current, after.size);
  return {
    base: sb, current: sc,
    delta: { cost: sc.cost - sb.cost, met: sc.met - sb.met, unmet: sc.unmetTotal - sb.unmetTotal, demanded: sc.demanded - sb.demanded },
    changes,
  };
}
