// An event's needs per township (figures × standards − shipped), supply requests, and the depots'
// stock as the planning map shows it.
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, dispatchPlans, items, regions, shipments, supplyRequests, townshipFigures, type SupplyRequest } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertRegionInScope, assertRole, regionInScope, type ScopeCtx } from '../../http/scope';
import { covers } from '../events/area';
import { areaOf, visibleEvent } from '../events/service';
import { regionForReader } from '../reports/summary';
import type { RegionTree } from '../regions/tree';
import { dayInShanghai } from '../stock/fefo';
import { usableStock } from '../stock/usable';
import { suggestNeeds, type NeedBasis } from './needs';
import { DISPATCH_POLICY, NEED_RULES } from './policy';
import { promisedStock, visiblePlan } from './plan-scope';
import type { SupplyRequestInput } from './schemas';

const monthInShanghai = (iso: string) => Number(dayInShanghai(new Date(iso)).slice(5, 7));
const townshipOf = (tree: RegionTree, code: string) => tree.ancestorAt(code, 'township')?.code ?? null;

/**
 * Per `${township}|${itemId}`: what this event's plans have sent there and not lost — in transit, or
 * received in good order. Damaged and missing goods still count as needed.
 */
export function shippedForEvent(db: DbOrTx, tree: RegionTree, eventId: number): Map<string, number> {
  const rows = db.select({ to: shipments.toRegionCode, itemId: shipments.itemId, status: shipments.status, quantity: shipments.quantity, received: shipments.receivedQuantity })
    .from(shipments).innerJoin(dispatchPlans, eq(dispatchPlans.id, shipments.planId))
    .where(and(eq(dispatchPlans.eventId, eventId), ne(shipments.status, 'cancelled'))).all();
  const out = new Map<string, number>();
  for (const r of rows) {
    const township = r.to ? townshipOf(tree, r.to) : null;
    if (!township) continue;
    const key = `${township}|${r.itemId}`;
    out.set(key, (out.get(key) ?? 0) + (r.status === 'received' ? r.received ?? 0 : r.quantity));
  }
  return out;
}

export function eventNeeds(db: DbOrTx, s: ScopeCtx, eventId: number, regionCode?: string) {
  const event = visibleEvent(db, s, eventId);
  const region = regionForReader(s, event, regionCode);
  const figures = db.select().from(townshipFigures).where(eq(townshipFigures.eventId, eventId)).all()
    .filter((r) => s.tree.isWithin(r.townshipCode, region));
  const catalogue = db.select().from(items).all();
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const shippedById = shippedForEvent(db, s.tree, eventId);
  const shipped = new Map<string, number>();
  for (const [key, q] of shippedById) {
    const [township, itemId] = key.split('|');
    const code = byId.get(Number(itemId))?.code;
    if (code) shipped.set(`${township}|${code}`, q);
  }
  const month = monthInShanghai(event.startedAt);
  const townships = figures.map((f) => ({
    regionCode: f.townshipCode, ancestry: s.tree.ancestry(f.townshipCode).map((n) => n.code),
    figures: { relocated: f.relocated, relocatedCentralized: f.relocatedCentralized, needEmergencyAid: f.needEmergencyAid, needTransitionalAid: f.needTransitionalAid } as Record<NeedBasis, number>,
  }));
  const suggested = suggestNeeds(townships, NEED_RULES, month, shipped).filter((n) => byCode.has(n.itemCode));
  const points = pointsOf(db, [...new Set([...figures.map((f) => f.townshipCode)])]);
  const open = listSupplyRequests(db, s, { eventId, status: 'open' }).filter((r) => s.tree.isWithin(r.regionCode, region));
  const name = (code: string) => s.tree.get(code)?.name ?? null;
  const priority = DISPATCH_POLICY.defaultPriority.value;
  return {
    eventId, regionCode: region, startedAt: event.startedAt, month,
    townships: figures.map((f) => ({
      regionCode: f.townshipCode, name: name(f.townshipCode), ...points.get(f.townshipCode),
      relocated: f.relocated, relocatedCentralized: f.relocatedCentralized, needEmergencyAid: f.needEmergencyAid, reviewedAt: f.reviewedAt, stage: f.stage,
    })),
    demands: [
      ...suggested.map((n) => {
        const item = byCode.get(n.itemCode)!;
        return {
          source: 'standard' as const, regionCode: n.regionCode, regionName: name(n.regionCode), itemId: item.id, itemCode: item.code, itemName: item.name, unit: item.unit,
          people: n.people, suggested: n.suggested, shipped: n.shipped, quantity: n.quantity, priority, requestId: null, basis: n.rule.basis, ruleSource: n.rule.source,
        };
      }),
      ...open.map((r) => {
        const item = byId.get(r.itemId)!;
        return {
          source: 'request' as const, regionCode: r.regionCode, regionName: name(r.regionCode), itemId: r.itemId, itemCode: item.code, itemName: item.name, unit: item.unit,
          people: null, suggested: r.quantity, shipped: 0, quantity: r.quantity, priority: r.priority, requestId: r.id, basis: null, ruleSource: r.note,
        };
      }),
    ],
    standards: NEED_RULES.filter((r) => byCode.has(r.itemCode)).map((r) => ({ ...r, itemId: byCode.get(r.itemCode)!.id, appliesThisMonth: r.months === null || r.months.includes(month) })),
  };
}

function pointsOf(db: DbOrTx, codes: string[]) {
  const rows = codes.length ? db.select({ code: regions.code, lon: regions.lon, lat: regions.lat }).from(regions).where(inArray(regions.code, codes)).all() : [];
  return new Map(rows.map((r) => [r.code, { lon: r.lon, lat: r.lat }]));
}

/**
 * The depots in the actor's area with each item's usable stock today and what drafts have promised
 * (other than the plan being looked at: a plan does not compete with its own versions).
 */
export function dispatchDepots(db: DbOrTx, s: ScopeCtx, planId?: number) {
  const rows = db.select().from(depots).all().filter((d) => regionInScope(s.actor, s.tree, d.regionCode));
  const usable = usableStock(db, { depotIds: rows.map((d) => d.id) });
  const family = planId !== undefined ? visiblePlan(db, s, planId).familyId : null;
  const promised = promisedStock(db, family);
  return rows.map((d) => {
    const stock = usable.filter((u) => u.depotId === d.id).map((u) => {
      const p = promised.get(`${d.id}|${u.itemId}`) ?? 0;
      return { itemId: u.itemId, usable: u.quantity, promised: p, available: Math.max(0, u.quantity - p) };
    });
    return { id: d.id, code: d.code, name: d.name, tier: d.tier, regionCode: d.regionCode, lon: d.lon, lat: d.lat, stock };
  });
}

// ---- Supply requests (物资请领) ----

/** Township staff ask for their township; officers for any county or township in their area. */
export function createSupplyRequest(tx: DbOrTx, w: WriteCtx, input: SupplyRequestInput): SupplyRequest {
  assertRole(w.actor, 'reporter', 'officer', 'admin');
  assertRegionInScope(w, input.regionCode);
  const level = w.tree.get(input.regionCode)!.level;
  if (level !== 'county' && level !== 'township' && level !== 'village') {
    throw new DomainError('VALIDATION_FAILED', 'a supply request comes from a county, township or village', { regionCode: input.regionCode, level });
  }
  if (!tx.select({ id: items.id }).from(items).where(eq(items.id, input.itemId)).get()) throw notFound('item', input.itemId);
  if (input.eventId !== undefined) {
    const event = visibleEvent(tx, w, input.eventId);
    if (!covers(w.tree, areaOf(event), input.regionCode)) {
      throw new DomainError('OUTSIDE_EVENT_AREA', 'this region is outside the event\'s area', { eventId: input.eventId, regionCode: input.regionCode });
    }
  }
  const row = tx.insert(supplyRequests).values({
    eventId: input.eventId ?? null, regionCode: input.regionCode, itemId: input.itemId, quantity: input.quantity,
    priority: input.priority ?? DISPATCH_POLICY.defaultPriority.value, note: input.note ?? null, status: 'open',
    requestedBy: w.actor.id || null, requestedByName: w.actor.username, requestedAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'dispatch.request.create', entity: 'supply_request', entityId: row.id, regionCode: row.regionCode, after: row });
  return row;
}

export function listSupplyRequests(db: DbOrTx, s: ScopeCtx, q: { eventId?: number; status?: SupplyRequest['status']; regionCode?: string }) {
  if (q.regionCode) assertRegionInScope(s, q.regionCode);
  const where = and(q.eventId !== undefined ? eq(supplyRequests.eventId, q.eventId) : undefined, q.status ? eq(supplyRequests.status, q.status) : undefined);
  return db.select().from(supplyRequests).where(where).orderBy(desc(supplyRequests.id)).limit(1000).all()
    .filter((r) => regionInScope(s.actor, s.tree, r.regionCode) && (!q.regionCode || s.tree.isWithin(r.regionCode, q.regionCode)));
}

export function cancelSupplyRequest(tx: DbOrTx, w: WriteCtx, id: number): SupplyRequest {
  assertRole(w.actor, 'reporter', 'officer', 'admin');
  const row = tx.select().from(supplyRequests).where(eq(supplyRequests.id, id)).get();
  if (!row) throw notFound('request', id);
  assertRegionInScope(w, row.regionCode);
  if (row.status !== 'open') throw new DomainError('INVALID_TRANSITION', `this request is ${row.status}`, { requestId: id, status: row.status });
  const out = tx.update(supplyRequests).set({ status: 'cancelled', closedAt: w.now }).where(eq(supplyRequests.id, id)).returning().get();
  writeAudit(tx, w, { action: 'dispatch.request.cancel', entity: 'supply_request', entityId: id, regionCode: row.regionCode, before: { status: 'open' }, after: { status: 'cancelled' } });
  return out;
}
