// Transitional living aid (过渡期生活救助), condolence payments (遇难人员家属抚慰金) and requisition
// compensation (征用补偿): each computed from the standards in force (data) and paid in records.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { condolences, households, reliefPayments, requisitions, transitionalAid } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { shanghaiDay } from '../calendar/working-days';
import type { RegionTree } from '../regions/tree';
import { assertCountyOfficer, assertFieldStaff, assertRecoveryReader, pastInstant, phoneShown, readRegion, seesPersonalNumbers, withinRegion } from './access';
import { recordPayment } from './funds-service';
import { getHouseholdRow } from './household-service';
import { maskIdNumber, normalizeIdNumber } from './id-number';
import { assertEventExists, getCaseRow } from './rebuild-service';
import type { CondolenceInput, PayInput, RequisitionCreate, RequisitionPay, RequisitionReturn, TransitionalAidInput } from './schemas';
import { computeCondolence, computeRequisitionCompensation, computeTransitionalAid } from './subsidy';
import { effectiveStandard } from './standards-service';

const liveSeasonRecord = <T extends { paymentId: number | null }>(tx: DbOrTx, r: T) =>
  !!r.paymentId && !!tx.select({ id: reliefPayments.id }).from(reliefPayments)
    .where(and(eq(reliefPayments.id, r.paymentId), isNull(reliefPayments.reversedAt))).get();

export function createTransitionalAid(tx: DbOrTx, w: WriteCtx, input: TransitionalAidInput) {
  const household = getHouseholdRow(tx, input.householdId);
  assertFieldStaff(w, household.villageCode);
  if (input.people > household.size) throw new DomainError('VALIDATION_FAILED', '救助人数不能超过家庭人口', { field: 'people', size: household.size });
  let season = `year-${input.startOn.slice(0, 4)}`;
  if (input.rebuildCaseId !== undefined) {
    const c = getCaseRow(tx, input.rebuildCaseId);
    if (c.householdId !== household.id) throw new DomainError('VALIDATION_FAILED', '重建台账不属于该户', { rebuildCaseId: c.id });
    season = c.season;
  }
  const same = tx.select({ id: transitionalAid.id }).from(transitionalAid)
    .where(and(eq(transitionalAid.householdId, household.id), eq(transitionalAid.season, season))).get();
  if (same) throw new DomainError('DUPLICATE', '该户本期过渡期生活救助已核定', { transitionalAidId: same.id, season });
  const standard = effectiveStandard(tx, w.tree, household.countyCode, 'transitional');
  const c = computeTransitionalAid(input.people, input.days, standard.value);
  const row = tx.insert(transitionalAid).values({ householdId: household.id, rebuildCaseId: input.rebuildCaseId ?? null, countyCode: household.countyCode,
    season, people: input.people, startOn: input.startOn, daysRequested: input.days, days: c.days, amountFen: c.amountFen, grainKg: c.grainKg,
    breakdown: { lines: c.breakdown, capped: c.capped, standardsFrom: standard.from }, createdAt: w.now, createdBy: w.actor.id || null }).returning().get();
  writeAudit(tx, w, { action: 'recovery.transitional.compute', entity: 'transitional_aid', entityId: row.id, regionCode: household.villageCode, after: row });
  return row;
}

export function payTransitionalAid(tx: DbOrTx, w: WriteCtx, id: number, input: PayInput) {
  const row = tx.select().from(transitionalAid).where(eq(transitionalAid.id, id)).get();
  if (!row) throw notFound('transitional aid', id);
  assertCountyOfficer(w, getHouseholdRow(tx, row.householdId).villageCode);
  if (liveSeasonRecord(tx, row)) throw new DomainError('ALREADY_PAID', '已发放', { paymentId: row.paymentId });
  const payment = recordPayment(tx, w, { householdId: row.householdId, countyCode: row.countyCode, category: 'transitional', season: row.season,
    allocationId: input.allocationId, amountFen: row.amountFen, paidAt: input.paidAt, method: input.method, sourceKind: 'transitional_aid', sourceId: id });
  tx.update(transitionalAid).set({ paymentId: payment.id }).where(eq(transitionalAid.id, id)).run();
  return { ...row, paymentId: payment.id, payment };
}

const hashId = (id: string) => createHash('sha256').update(`deceased:${normalizeIdNumber(id)}`).digest('hex');

export function createCondolence(tx: DbOrTx, w: WriteCtx, input: CondolenceInput) {
  const household = getHouseholdRow(tx, input.householdId);
  assertFieldStaff(w, household.villageCode);
  assertEventExists(tx, input.eventId);
  const season = input.eventId ? `event-${input.eventId}` : `year-${shanghaiDay(new Date(w.now)).slice(0, 4)}`;
  // The deceased's number is kept only as a mask and a hash: enough to refuse paying for one person twice.
  const idHash = input.deceasedIdNumber ? hashId(input.deceasedIdNumber) : null;
  if (idHash) {
    const same = tx.select({ id: condolences.id }).from(condolences).where(eq(condolences.deceasedIdHash, idHash)).get();
    if (same) throw new DomainError('DUPLICATE', '该遇难人员的抚慰金已登记', { condolenceId: same.id });
  }
  const standard = effectiveStandard(tx, w.tree, household.countyCode, 'condolence');
  const c = computeCondolence(1, standard.value);
  const row = tx.insert(condolences).values({ householdId: household.id, eventId: input.eventId ?? null, countyCode: household.countyCode, season,
    deceasedName: input.deceasedName, deceasedIdMasked: input.deceasedIdNumber ? maskIdNumber(input.deceasedIdNumber) : null, deceasedIdHash: idHash,
    recipientName: input.recipientName, relation: input.relation, amountFen: c.amountFen,
    breakdown: { lines: c.breakdown, standardsFrom: standard.from }, createdAt: w.now, createdBy: w.actor.id || null }).returning().get();
  const { deceasedIdHash: _h, ...view } = row;
  writeAudit(tx, w, { action: 'recovery.condolence.compute', entity: 'condolence', entityId: row.id, regionCode: household.villageCode, after: view });
  return view;
}

export function payCondolence(tx: DbOrTx, w: WriteCtx, id: number, input: PayInput) {
  const row = tx.select().from(condolences).where(eq(condolences.id, id)).get();
  if (!row) throw notFound('condolence', id);
  assertCountyOfficer(w, getHouseholdRow(tx, row.householdId).villageCode);
  if (liveSeasonRecord(tx, row)) throw new DomainError('ALREADY_PAID', '已发放', { paymentId: row.paymentId });
  const payment = recordPayment(tx, w, { householdId: row.householdId, countyCode: row.countyCode, category: 'condolence', season: row.season,
    allocationId: input.allocationId, amountFen: row.amountFen, paidAt: input.paidAt, method: input.method, sourceKind: 'condolence', sourceId: id });
  tx.update(condolences).set({ paymentId: payment.id }).where(eq(condolences.id, id)).run();
  const { deceasedIdHash: _h, ...view } = row;
  return { ...view, paymentId: payment.id, payment };
}

/** Computed records of one kind in a region (households' villages), newest first. */
export function listAid(db: DbOrTx, tree: RegionTree, actor: Actor, kind: 'transitional' | 'condolence', regionCode?: string) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const where = withinRegion(tree, code, { county: households.countyCode, township: households.townshipCode, village: households.villageCode });
  if (kind === 'transitional') {
    return { records: db.select({ r: transitionalAid, headName: households.headName }).from(transitionalAid)
      .innerJoin(households, eq(households.id, transitionalAid.householdId)).where(where).orderBy(desc(transitionalAid.id)).all()
      .map((x) => ({ ...x.r, headName: x.headName })) };
  }
  return { records: db.select({ r: condolences, headName: households.headName }).from(condolences)
    .innerJoin(households, eq(households.id, condolences.householdId)).where(where).orderBy(desc(condolences.id)).all()
    .map(({ r: { deceasedIdHash: _h, ...r }, headName }) => ({ ...r, headName })) };
}

// ——— 征用补偿 ———
type RequisitionRow = typeof requisitions.$inferSelect;
const requisitionView = (r: RequisitionRow, actor: Actor, tree: RegionTree) =>
  ({ ...r, ownerPhone: phoneShown(r.ownerPhone, actor, seesPersonalNumbers(actor, tree)) });

function getRequisition(db: DbOrTx, id: number) {
  const row = db.select().from(requisitions).where(eq(requisitions.id, id)).get();
  if (!row) throw notFound('requisition', id);
  return row;
}

export function createRequisition(tx: DbOrTx, w: WriteCtx, input: RequisitionCreate) {
  if (w.tree.get(input.countyCode)?.level !== 'county') {
    throw new DomainError(w.tree.has(input.countyCode) ? 'VALIDATION_FAILED' : 'NOT_FOUND', 'countyCode must name a county', { countyCode: input.countyCode });
  }
  assertCountyOfficer(w, input.countyCode);
  const c = computeRequisitionCompensation(input);
  const row = tx.insert(requisitions).values({ countyCode: input.countyCode, kind: input.kind, description: input.description,
    ownerName: input.owner.name, ownerIdMasked: input.owner.idNumber ? maskIdNumber(input.owner.idNumber) : null, ownerPhone: input.owner.phone ?? null,
    periodStart: input.periodStart, periodEnd: input.periodEnd, dailyRateFen: input.dailyRateFen, conditionOnReturn: input.conditionOnReturn ?? null,
    damageCompensationFen: input.damageCompensationFen, days: c.days, compensationFen: c.amountFen, breakdown: c.breakdown,
    status: input.conditionOnReturn ? 'returned' : 'in_use', createdAt: w.now, createdBy: w.actor.id || null }).returning().get();
  writeAudit(tx, w, { action: 'recovery.requisition.record', entity: 'requisition', entityId: row.id, regionCode: row.countyCode, after: row });
  return requisitionView(row, w.actor, w.tree);
}

export function returnRequisition(tx: DbOrTx, w: WriteCtx, id: number, input: RequisitionReturn) {
  const row = getRequisition(tx, id);
  assertCountyOfficer(w, row.countyCode);
  if (row.status !== 'in_use') throw new DomainError('INVALID_TRANSITION', '已归还', { status: row.status });
  if (input.periodEnd < row.periodStart) throw new DomainError('VALIDATION_FAILED', '归还日期不能早于征用日期', { field: 'periodEnd' });
  const c = computeRequisitionCompensation({ ...row, ...input });
  tx.update(requisitions).set({ periodEnd: input.periodEnd, conditionOnReturn: input.conditionOnReturn, damageCompensationFen: input.damageCompensationFen,
    days: c.days, compensationFen: c.amountFen, breakdown: c.breakdown, status: 'returned' }).where(eq(requisitions.id, id)).run();
  const after = getRequisition(tx, id);
  writeAudit(tx, w, { action: 'recovery.requisition.return', entity: 'requisition', entityId: id, regionCode: row.countyCode, before: row, after });
  return requisitionView(after, w.actor, w.tree);
}

export function payRequisition(tx: DbOrTx, w: WriteCtx, id: number, input: RequisitionPay) {
  const row = getRequisition(tx, id);
  assertCountyOfficer(w, row.countyCode);
  if (row.status === 'paid') throw new DomainError('ALREADY_PAID', '补偿已支付', { paidAt: row.paidAt });
  if (row.status !== 'returned') throw new DomainError('INVALID_TRANSITION', '归还并核定补偿后才能支付', { status: row.status });
  tx.update(requisitions).set({ status: 'paid', paidAt: pastInstant(input.paidAt, w.now, 'paidAt'), voucherNo: input.voucherNo, paidBy: w.actor.id || null })
    .where(eq(requisitions.id, id)).run();
  const after = getRequisition(tx, id);
  writeAudit(tx, w, { action: 'recovery.requisition.pay', entity: 'requisition', entityId: id, regionCode: row.countyCode, before: row, after });
  return requisitionView(after, w.actor, w.tree);
}

export function listRequisitions(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const level = tree.get(code)?.level;
  const counties = level === 'township' || level === 'village' ? [] : tree.descendantsAt(code, 'county').map((n) => n.code);
  const rows = counties.length ? db.select().from(requisitions).where(inArray(requisitions.countyCode, counties)).orderBy(desc(requisitions.id)).all() : [];
  return { requisitions: rows.map((r) => requisitionView(r, actor, tree)) };
}
