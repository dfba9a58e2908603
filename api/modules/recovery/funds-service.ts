// Funds supervision (资金监管): what each county received per category and source, and every payment
// drawn from it. A payment names its household and its allocation; the same household is never paid
// twice in one category and season (payments.ts), and no allocation pays out more than it received.
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { households, reliefAllocations, reliefPayments } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import type { RegionTree } from '../regions/tree';
import { assertCountyOfficer, assertRecoveryReader, pastInstant, readRegion, withinRegion } from './access';
import { checkNotPaidTwice, type PaymentStage } from './payments';
import type { AllocationInput, ReliefCategory } from './schemas';
import { RELIEF_CATEGORIES } from './schemas';
import type { PaymentView } from './views';

type PaymentRow = typeof reliefPayments.$inferSelect;
type AllocationRow = typeof reliefAllocations.$inferSelect;

export function createAllocation(tx: DbOrTx, w: WriteCtx, input: AllocationInput): AllocationRow {
  if (w.tree.get(input.countyCode)?.level !== 'county') {
    throw new DomainError(w.tree.has(input.countyCode) ? 'VALIDATION_FAILED' : 'NOT_FOUND', 'countyCode must name a county', { countyCode: input.countyCode });
  }
  assertCountyOfficer(w, input.countyCode);
  const same = tx.select({ id: reliefAllocations.id }).from(reliefAllocations).where(and(eq(reliefAllocations.countyCode, input.countyCode),
    eq(reliefAllocations.category, input.category), eq(reliefAllocations.documentNo, input.documentNo))).get();
  if (same) throw new DomainError('ALREADY_EXISTS', '该文号的资金已登记', { allocationId: same.id, documentNo: input.documentNo });
  const row = tx.insert(reliefAllocations).values({ ...input, createdAt: w.now, createdBy: w.actor.id || null }).returning().get();
  writeAudit(tx, w, { action: 'recovery.allocation.record', entity: 'relief_allocation', entityId: row.id, regionCode: row.countyCode, after: row });
  return row;
}

const disbursedOf = (db: DbOrTx, allocationId: number) => db.select({ n: sql<number>`coalesce(sum(${reliefPayments.amountFen}), 0)` })
  .from(reliefPayments).where(and(eq(reliefPayments.allocationId, allocationId), isNull(reliefPayments.reversedAt))).get()!.n;

export interface PaymentRequest {
  householdId: number;
  countyCode: string;
  category: ReliefCategory;
  season: string;
  allocationId: number;
  amountFen: number;
  paidAt: string;
  method?: 'one_card' | 'cash';
  stage?: PaymentStage;
  rebuildCaseId?: number;
  sourceKind: PaymentRow['sourceKind'];
  sourceId: number;
}

// The unique indexes repeat the double-payment rule in the database; should a write ever slip past
// the check above, the index's refusal reaches the client as the same 409, not as a 500.
function insertOnce<T>(insert: () => T, p: PaymentRequest): T {
  try {
    return insert();
  } catch (e) {
    if (/UNIQUE constraint failed: relief_payments\./.test(String((e as Error).message))) {
      throw new DomainError('DUPLICATE_PAYMENT', '该户同一救助期已领取此类救助', { householdId: p.householdId, category: p.category, season: p.season });
    }
    throw e;
  }
}

/** The one way money leaves: every rule checked here, inside the caller's transaction. */
export function recordPayment(tx: DbOrTx, w: WriteCtx, p: PaymentRequest): PaymentRow {
  const allocation = tx.select().from(reliefAllocations).where(eq(reliefAllocations.id, p.allocationId)).get();
  if (!allocation) throw notFound('allocation', p.allocationId);
  if (allocation.category !== p.category || allocation.countyCode !== p.countyCode) {
    throw new DomainError('ALLOCATION_MISMATCH', '所选资金不是本县此类救助的资金', {
      allocationId: allocation.id, allocation: { category: allocation.category, countyCode: allocation.countyCode },
      payment: { category: p.category, countyCode: p.countyCode },
    });
  }
  const existing = tx.select().from(reliefPayments).where(and(eq(reliefPayments.householdId, p.householdId),
    eq(reliefPayments.category, p.category), eq(reliefPayments.season, p.season))).all();
  const refusal = checkNotPaidTwice(existing.map((e) => ({ id: e.id, householdId: e.householdId, category: e.category, season: e.season,
    stage: e.stage ?? undefined, rebuildCaseId: e.rebuildCaseId ?? undefined, reversed: e.reversedAt !== null })),
  { householdId: p.householdId, category: p.category, season: p.season, stage: p.stage, rebuildCaseId: p.rebuildCaseId });
  if (refusal) throw new DomainError('DUPLICATE_PAYMENT', refusal.message, refusal.details);
  const available = allocation.amountFen - disbursedOf(tx, allocation.id);
  if (p.amountFen > available) {
    throw new DomainError('INSUFFICIENT_FUNDS', '该笔资金余额不足', { allocationId: allocation.id, availableFen: available, requestedFen: p.amountFen });
  }
  const row = insertOnce(() => tx.insert(reliefPayments).values({
    householdId: p.householdId, countyCode: p.countyCode, category: p.category, season: p.season, allocationId: p.allocationId,
    amountFen: p.amountFen, stage: p.stage ?? null, rebuildCaseId: p.rebuildCaseId ?? null, sourceKind: p.sourceKind,
    sourceId: p.sourceId, method: p.method ?? 'one_card', paidAt: pastInstant(p.paidAt, w.now, 'paidAt'),
    createdAt: w.now, createdBy: w.actor.id || null,
  }).returning().get(), p);
  writeAudit(tx, w, { action: `recovery.payment.${p.category}`, entity: 'relief_payment', entityId: row.id, regionCode: row.countyCode, after: row });
  return row;
}

export function reversePayment(tx: DbOrTx, w: WriteCtx, id: number, reason: string): PaymentRow {
  const row = tx.select().from(reliefPayments).where(eq(reliefPayments.id, id)).get();
  if (!row) throw notFound('payment', id);
  assertCountyOfficer(w, row.countyCode);
  if (row.reversedAt) throw new DomainError('ALREADY_REVERSED', '该笔发放已冲正', { paymentId: id, reversedAt: row.reversedAt });
  tx.update(reliefPayments).set({ reversedAt: w.now, reversedBy: w.actor.id || null, reversalReason: reason }).where(eq(reliefPayments.id, id)).run();
  const after = tx.select().from(reliefPayments).where(eq(reliefPayments.id, id)).get()!;
  writeAudit(tx, w, { action: 'recovery.payment.reverse', entity: 'relief_payment', entityId: id, regionCode: row.countyCode, before: row, after });
  return after;
}

export function toPaymentView(p: PaymentRow, headName: string): PaymentView {
  return { id: p.id, householdId: p.householdId, headName, countyCode: p.countyCode, category: p.category, season: p.season,
    allocationId: p.allocationId, amountFen: p.amountFen, stage: p.stage, rebuildCaseId: p.rebuildCaseId, sourceKind: p.sourceKind,
    sourceId: p.sourceId, method: p.method, paidAt: p.paidAt, reversedAt: p.reversedAt, reversalReason: p.reversalReason };
}

export function paymentsWhere(db: DbOrTx, where: SQL | undefined, limit = 5000, offset = 0): PaymentView[] {
  return db.select({ p: reliefPayments, headName: households.headName }).from(reliefPayments)
    .innerJoin(households, eq(households.id, reliefPayments.householdId))
    .where(where).orderBy(desc(reliefPayments.paidAt), desc(reliefPayments.id)).limit(limit).offset(offset).all()
    .map((r) => toPaymentView(r.p, r.headName));
}

/** Funds are read by officers and auditors; township staff see payments on their households' pages. */
function assertFundsReader(actor: Actor) {
  assertRecoveryReader(actor);
}

export function listPayments(db: DbOrTx, tree: RegionTree, actor: Actor,
  q: { regionCode?: string; category?: ReliefCategory; season?: string; limit: number; offset: number }) {
  assertFundsReader(actor);
  const code = readRegion({ actor, tree }, q.regionCode);
  const counties = countiesIn(tree, code);
  const where = and(inArray(reliefPayments.countyCode, counties), q.category ? eq(reliefPayments.category, q.category) : undefined,
    q.season ? eq(reliefPayments.season, q.season) : undefined,
    tree.get(code)?.level === 'township' || tree.get(code)?.level === 'village'
      ? withinRegion(tree, code, { county: households.countyCode, township: households.townshipCode, village: households.villageCode }) : undefined);
  return { payments: paymentsWhere(db, where, q.limit, q.offset) };
}

/** The counties a read covers; a township or village reads within its own county. */
export function countiesIn(tree: RegionTree, code: string): string[] {
  const level = tree.get(code)?.level;
  if (level === 'township' || level === 'village') return [tree.ancestorAt(code, 'county')!.code];
  return tree.descendantsAt(code, 'county').map((n) => n.code);
}

export function listAllocations(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertFundsReader(actor);
  const counties = countiesIn(tree, readRegion({ actor, tree }, regionCode));
  const rows = db.select().from(reliefAllocations).where(inArray(reliefAllocations.countyCode, counties.length ? counties : ['-']))
    .orderBy(desc(reliefAllocations.receivedAt), desc(reliefAllocations.id)).all();
  return { allocations: rows.map((a) => ({ ...a, disbursedFen: disbursedOf(db, a.id), balanceFen: a.amountFen - disbursedOf(db, a.id) })) };
}

export interface FundsSummaryRow {
  countyCode: string; countyName: string; category: ReliefCategory;
  allocatedFen: number; disbursedFen: number; balanceFen: number; payments: number; households: number;
  bySource: Record<string, number>;
}

/** Allocated vs disbursed per county and category (live payments only: a reversal gives the money back). */
export function fundsSummary(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertFundsReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const counties = countiesIn(tree, code);
  const inCounties = counties.length ? counties : ['-'];
  const alloc = db.select({ county: reliefAllocations.countyCode, category: reliefAllocations.category, source: reliefAllocations.sourceLevel,
    fen: sql<number>`sum(${reliefAllocations.amountFen})` }).from(reliefAllocations)
    .where(inArray(reliefAllocations.countyCode, inCounties))
    .groupBy(reliefAllocations.countyCode, reliefAllocations.category, reliefAllocations.sourceLevel).all();
  const paid = db.select({ county: reliefPayments.countyCode, category: reliefPayments.category,
    fen: sql<number>`sum(${reliefPayments.amountFen})`, n: sql<number>`count(*)`, hh: sql<number>`count(distinct ${reliefPayments.householdId})` })
    .from(reliefPayments).where(and(inArray(reliefPayments.countyCode, inCounties), isNull(reliefPayments.reversedAt)))
    .groupBy(reliefPayments.countyCode, reliefPayments.category).all();
  const rows = new Map<string, FundsSummaryRow>();
  const rowFor = (county: string, category: ReliefCategory) => {
    const key = `${county}|${category}`;
    if (!rows.has(key)) rows.set(key, { countyCode: county, countyName: tree.get(county)?.name ?? county, category,
      allocatedFen: 0, disbursedFen: 0, balanceFen: 0, payments: 0, households: 0, bySource: {} });
    return rows.get(key)!;
  };
  for (const a of alloc) {
    const r = rowFor(a.county, a.category);
    r.allocatedFen += a.fen;
    r.bySource[a.source] = (r.bySource[a.source] ?? 0) + a.fen;
  }
  for (const p of paid) Object.assign(rowFor(p.county, p.category), { disbursedFen: p.fen, payments: p.n, households: p.hh });
  const order = (r: FundsSummaryRow) => `${r.countyCode}|${RELIEF_CATEGORIES.indexOf(r.category)}`;
  const list = [...rows.values()].map((r) => ({ ...r, balanceFen: r.allocatedFen - r.disbursedFen }))
    .sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const totals = list.reduce((t, r) => ({ allocatedFen: t.allocatedFen + r.allocatedFen, disbursedFen: t.disbursedFen + r.disbursedFen,
    balanceFen: t.balanceFen + r.balanceFen }), { allocatedFen: 0, disbursedFen: 0, balanceFen: 0 });
  return { regionCode: code, rows: list, totals };
}
