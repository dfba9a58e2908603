// Rotation (轮换) and reserve alerts: lots expiring soon, expired lots still on the shelf, and
// items below their reserve target.
import { and, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { items, lots, stockBalances } from '../../../db/schema/index';
import type { ScopeCtx } from '../../http/scope';
import { classifyExpiry, dayInShanghai, daysBetween } from './fefo';
import { visibleDepotIds } from './queries';
import { reserveAdequacy } from './reserve-service';

export interface LotAlert { depotId: number; itemId: number; lotId: number; batchNo: string; expiresOn: string; quantity: number; daysLeft: number }

export function stockAlerts(db: DbOrTx, s: ScopeCtx, q: { regionCode?: string }, today = dayInShanghai()) {
  const regionCode = q.regionCode ?? (s.actor.role === 'admin' || s.actor.role === 'keeper' ? undefined : s.actor.regionCode);
  const depotIds = visibleDepotIds(db, s, { regionCode });
  const expiring: LotAlert[] = [];
  const expired: LotAlert[] = [];
  if (depotIds.length) {
    const rows = db.select({ b: stockBalances, l: lots, warnDays: items.warnDays }).from(stockBalances)
      .innerJoin(lots, eq(lots.id, stockBalances.lotId)).innerJoin(items, eq(items.id, stockBalances.itemId))
      .where(and(inArray(stockBalances.depotId, depotIds), gt(stockBalances.quantity, 0), isNotNull(lots.expiresOn))).all();
    for (const { b, l, warnDays } of rows) {
      const cls = classifyExpiry(l, today, warnDays);
      if (cls === 'ok') continue;
      const alert = { depotId: b.depotId, itemId: b.itemId, lotId: l.id, batchNo: l.batchNo, expiresOn: l.expiresOn!, quantity: b.quantity, daysLeft: daysBetween(today, l.expiresOn!) };
      (cls === 'expired' ? expired : expiring).push(alert);
    }
  }
  const byDate = (a: LotAlert, b: LotAlert) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : a.lotId - b.lotId);
  const belowTarget = reserveAdequacy(db, s, { regionCode }).depots.filter((d) => d.gap > 0)
    .map(({ depotId, itemId, target, onHand, inTransitIn, gap, coverage }) => ({ depotId, itemId, target, onHand, inTransitIn, gap, coverage }))
    .sort((a, b) => (a.coverage ?? 1) - (b.coverage ?? 1));
  return { regionCode: regionCode ?? null, today, expiring: expiring.sort(byDate), expired: expired.sort(byDate), belowTarget };
}
