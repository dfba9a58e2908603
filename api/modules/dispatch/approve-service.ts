// Approving a plan: every flow becomes a shipment in transit, its goods issued FEFO through the
// ledger, all in the caller's one transaction. If the stock no longer covers any flow, nothing moves.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { dispatchFlows, dispatchPlans, supplyRequests } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import { assertRole } from '../../http/scope';
import { dayInShanghai } from '../stock/fefo';
import { dispatchToRegion } from '../stock/service';
import { usableStock } from '../stock/usable';
import type { ShipmentOut } from '../stock/shipments';
import { assertPlanInHand, getPlanRow } from './plan-scope';

const HOUR_MS = 3600_000;

export function approvePlan(tx: DbOrTx, w: WriteCtx, id: number): { id: number; status: 'approved'; approvedAt: string; shipments: ShipmentOut[] } {
  assertRole(w.actor, 'officer', 'admin');
  const plan = getPlanRow(tx, id);
  assertPlanInHand(tx, w, plan);
  if (plan.status !== 'draft') {
    throw new DomainError('INVALID_TRANSITION', plan.status === 'approved' ? `plan ${id} is already approved` : `plan ${id} is ${plan.status}; only a draft is approved`, { planId: id, status: plan.status });
  }
  const flows = tx.select().from(dispatchFlows).where(eq(dispatchFlows.planId, id)).orderBy(dispatchFlows.id).all();
  if (flows.length === 0) throw new DomainError('INVALID_TRANSITION', 'this plan sends nothing: no stock could meet its demands', { planId: id });
  const today = dayInShanghai(new Date(w.now));
  const etaOf = (hours: number) => new Date(new Date(w.now).getTime() + hours * HOUR_MS);

  // Check every depot and item first, so the answer names all that fell short, not just the first.
  const need = new Map<string, { depotId: number; itemId: number; quantity: number; lastDay: string }>();
  for (const f of flows) {
    const key = `${f.depotId}|${f.itemId}`;
    const day = dayInShanghai(etaOf(f.hours));
    const n = need.get(key) ?? { depotId: f.depotId, itemId: f.itemId, quantity: 0, lastDay: day };
    n.quantity += f.quantity;
    if (day > n.lastDay) n.lastDay = day;
    need.set(key, n);
  }
  const short = [...need.values()].flatMap((n) => {
    const available = usableStock(tx, { depotIds: [n.depotId], itemId: n.itemId, usableAfter: n.lastDay }, today)[0]?.quantity ?? 0;
    return available < n.quantity ? [{ depotId: n.depotId, itemId: n.itemId, planned: n.quantity, available }] : [];
  });
  if (short.length) throw stale(id, short);

  const sent: ShipmentOut[] = [];
  for (const f of flows) {
    const eta = etaOf(f.hours);
    try {
      const { shipment } = dispatchToRegion(tx, w, {
        depotId: f.depotId, itemId: f.itemId, quantity: f.quantity, toRegionCode: f.regionCode, planId: id,
        usableAfter: dayInShanghai(eta), etaAt: eta.toISOString(),
      });
      tx.update(dispatchFlows).set({ shipmentId: shipment.id }).where(eq(dispatchFlows.id, f.id)).run();
      sent.push(shipment);
    } catch (e) {
      // Several flows from one depot share its lots: the aggregate check passes, a later flow may not.
      if (e instanceof DomainError && e.code === 'INSUFFICIENT_STOCK') {
        const d = e.details as { available?: number } | undefined;
        throw stale(id, [{ depotId: f.depotId, itemId: f.itemId, planned: f.quantity, available: d?.available ?? 0 }]);
      }
      throw e;
    }
  }
  const approved = tx.update(dispatchPlans).set({ status: 'approved', approvedBy: w.actor.id || null, approvedByName: w.actor.username, approvedAt: w.now })
    .where(and(eq(dispatchPlans.id, id), eq(dispatchPlans.status, 'draft'))).returning().get();
  const requestIds = [...new Set(plan.inputs.demands.flatMap((d) => (d.requestId ? [d.requestId] : [])))];
  if (requestIds.length) {
    tx.update(supplyRequests).set({ status: 'planned', planId: id, closedAt: w.now })
      .where(and(inArray(supplyRequests.id, requestIds), eq(supplyRequests.status, 'open'))).run();
  }
  writeAudit(tx, w, {
    action: 'dispatch.plan.approve', entity: 'dispatch_plan', entityId: id, regionCode: plan.regionCode,
    before: { status: 'draft' }, after: { status: 'approved', shipments: sent.map((s) => s.id), requests: requestIds },
  });
  return { id, status: 'approved', approvedAt: approved.approvedAt!, shipments: sent };
}

function stale(planId: number, short: { depotId: number; itemId: number; planned: number; available: number }[]) {
  return new DomainError('STALE_PLAN', 'the stock no longer covers this plan; recompute it', { planId, short });
}
