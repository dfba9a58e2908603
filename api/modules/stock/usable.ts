import { and, eq, gt, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { lots, stockBalances } from '../../../db/schema/index';
import { dayInShanghai } from './fefo';

export interface UsableStockFilter {
  depotIds?: readonly number[];
  itemId?: number;
  /** Leave out lots that expire before this day (YYYY-MM-DD); today (Beijing) is always the floor. */
  usableAfter?: string;
}
export interface UsableStockRow { depotId: number; itemId: number; quantity: number }

/**
 * Used by the dispatch module to plan: per depot and item, the stock it may still issue — expired
 * lots and lots expiring before `usableAfter` excluded. Stock the dispatch module has promised to
 * draft plans is its own concern. Signature kept stable for the dispatch module.
 */
export function usableStock(db: DbOrTx, f: UsableStockFilter = {}, today: string = dayInShanghai()): UsableStockRow[] {
  const day = f.usableAfter !== undefined && f.usableAfter > today ? f.usableAfter : today;
  const where: SQL[] = [gt(stockBalances.quantity, 0), or(isNull(lots.expiresOn), gte(lots.expiresOn, day))!];
  if (f.depotIds) where.push(f.depotIds.length ? inArray(stockBalances.depotId, [...f.depotIds]) : sql`0`);
  if (f.itemId !== undefined) where.push(eq(stockBalances.itemId, f.itemId));
  return db.select({ depotId: stockBalances.depotId, itemId: stockBalances.itemId, quantity: sql<number>`sum(${stockBalances.quantity})` })
    .from(stockBalances).innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .where(and(...where))
    .groupBy(stockBalances.depotId, stockBalances.itemId)
    .orderBy(stockBalances.depotId, stockBalances.itemId)
    .all()
    .map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
