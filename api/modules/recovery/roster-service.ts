// The winter-spring roster (冬春救助花名册): 户报 → 村评 (with notice) → 乡审 → 县定, duplicate
// warnings across counties in one season, and distributions of money (a payment) and goods (a stock issue).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { households, publicNotices, winterDistributions, winterRosterRows } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertRegionInScope, assertRole } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { recordMovement } from '../stock/service';
import { assertCountyOfficer, assertFieldStaff, pastInstant, villagePlace } from './access';
import { findDuplicateIds } from './duplicates';
import { recordPayment } from './funds-service';
import {
  disclosureFor, getHouseholdRow, holdersOf, householdIdNumbers, toHouseholdBrief, toWarning, type Disclosure,
} from './household-service';
import { noticeShortfall } from './rebuild-steps';
import { ROSTER_STEP_ORDER, type DistributionInput, type RosterRowCreate, type RosterRowPatch } from './schemas';
import { effectiveStandard } from './standards-service';
import { assertCampaignReadable, getCampaignRow } from './winter-service';
import type { DuplicateWarning } from './views';

type RosterRow = typeof winterRosterRows.$inferSelect;

export function getRosterRow(db: DbOrTx, id: number): RosterRow {
  const row = db.select().from(winterRosterRows).where(eq(winterRosterRows.id, id)).get();
  if (!row) throw notFound('roster row', id);
  return row;
}

/**
 * Duplicate groups touching these households: the same ID number in several households (any
 * season), or on several counties' rosters in this season. Removed rows do not count.
 */
export function rosterDuplicates(db: DbOrTx, season: string, householdIds: number[]) {
  if (householdIds.length === 0) return [];
  const hhs = db.select({ id: households.id, idNumber: households.idNumber }).from(households).where(inArray(households.id, householdIds)).all();
  const ids = [...new Set(hhs.flatMap((h) => householdIdNumbers(db, h.id, h.idNumber)))];
  const holders = holdersOf(db, ids);
  const holderIds = [...new Set(holders.map((h) => h.householdId))];
  const onRosters = db.select({ householdId: winterRosterRows.householdId, countyCode: winterRosterRows.countyCode }).from(winterRosterRows)
    .where(and(eq(winterRosterRows.season, season), inArray(winterRosterRows.householdId, holderIds), sql`${winterRosterRows.step} <> 'removed'`)).all();
  const seasonal = onRosters.flatMap((r) => holders.filter((h) => h.householdId === r.householdId)
    .map((h) => ({ idNumber: h.idNumber, householdId: r.householdId, countyCode: r.countyCode, season })));
  const countyOf = new Map(holders.map((h) => [h.householdId, h.countyCode]));
  return findDuplicateIds([...holders, ...seasonal]).map((g) => toWarning(g, (id) => countyOf.get(id) ?? ''));
}

export function rosterRowView(db: DbOrTx, tree: RegionTree, row: RosterRow, d: Disclosure, warnings: DuplicateWarning[]) {
  const given = db.select().from(winterDistributions).where(eq(winterDistributions.rosterRowId, row.id)).orderBy(asc(winterDistributions.id)).all();
  return {
    ...row, villageName: tree.get(row.villageCode)?.name ?? '', townshipName: tree.get(row.townshipCode)?.name ?? '',
    household: toHouseholdBrief(tree, getHouseholdRow(db, row.householdId), d),
    goodsValueFen: row.goods.reduce((s, g) => s + g.valueFen, 0),
    distributions: given.map((g) => ({ id: g.id, kind: g.kind, amountFen: g.amountFen, paymentId: g.paymentId, depotId: g.depotId,
      itemId: g.itemId, quantity: g.quantity, valueFen: g.valueFen, distributedAt: g.distributedAt })),
    warnings: warnings.filter((w) => w.householdIds.includes(row.householdId)),
  };
}

export function addRosterRow(tx: DbOrTx, w: WriteCtx, input: RosterRowCreate) {
  const campaign = getCampaignRow(tx, input.campaignId);
  const household = getHouseholdRow(tx, input.householdId);
  assertFieldStaff(w, household.villageCode);
  if (household.countyCode !== campaign.countyCode) {
    throw new DomainError('CONFLICT', '该户不在本次冬春救助所在的县', { householdCounty: household.countyCode, campaignCounty: campaign.countyCode });
  }
  if (input.peopleNeedingAid > household.size) {
    throw new DomainError('VALIDATION_FAILED', '需救助人数不能超过家庭人口', { field: 'peopleNeedingAid', size: household.size });
  }
  const same = tx.select({ id: winterRosterRows.id }).from(winterRosterRows)
    .where(and(eq(winterRosterRows.campaignId, campaign.id), eq(winterRosterRows.householdId, household.id))).get();
  if (same) throw new DomainError('ALREADY_EXISTS', '该户已在本花名册中', { rosterRowId: same.id });
  const row = tx.insert(winterRosterRows).values({
    campaignId: campaign.id, season: campaign.season, countyCode: household.countyCode, townshipCode: household.townshipCode,
    villageCode: household.villageCode, householdId: household.id, peopleNeedingAid: input.peopleNeedingAid, needs: input.needs,
    moneyFen: input.moneyFen, goods: input.goods, paymentMethod: input.paymentMethod, step: 'reported',
    createdAt: w.now, createdBy: w.actor.id || null, updatedAt: w.now,
  }).returning().get();
  const warnings = rosterDuplicates(tx, campaign.season, [household.id]);
  // Two counties' rosters in one season: flag every row involved; the county clears or removes it.
  const flagged = new Set(warnings.filter((g) => g.kind === 'several_counties_same_season').flatMap((g) => g.householdIds));
  if (flagged.size) {
    const rows = tx.select().from(winterRosterRows).where(and(eq(winterRosterRows.season, campaign.season),
      inArray(winterRosterRows.householdId, [...flagged]), eq(winterRosterRows.duplicateStatus, 'none'))).all();
    for (const r of rows) {
      tx.update(winterRosterRows).set({ duplicateStatus: 'flagged', updatedAt: w.now }).where(eq(winterRosterRows.id, r.id)).run();
      writeAudit(tx, w, { action: 'recovery.winter.roster.flag_duplicate', entity: 'winter_roster_row', entityId: r.id, regionCode: r.villageCode,
        before: { duplicateStatus: r.duplicateStatus }, after: { duplicateStatus: 'flagged' } });
    }
  }
  const standard = effectiveStandard(tx, w.tree, household.countyCode, 'winter_spring').value;
  const perPerson = Math.round(input.moneyFen / input.peopleNeedingAid);
  const outsideBand = input.moneyFen > 0 && (perPerson < standard.minPerPersonFen || perPerson > standard.maxPerPersonFen);
  const fresh = getRosterRow(tx, row.id);
  writeAudit(tx, w, { action: 'recovery.winter.roster.add', entity: 'winter_roster_row', entityId: row.id, regionCode: row.villageCode, after: fresh });
  return {
    row: rosterRowView(tx, w.tree, fresh, disclosureFor(w.actor, w.tree, { forStoredAnswer: true }), warnings),
    warnings, ...(outsideBand && { standardWarning: { perPersonFen: perPerson, minPerPersonFen: standard.minPerPersonFen, maxPerPersonFen: standard.maxPerPersonFen } }),
  };
}

export function patchRosterRow(tx: DbOrTx, w: WriteCtx, id: number, patch: RosterRowPatch) {
  const row = getRosterRow(tx, id);
  if (row.step === 'removed') throw new DomainError('INVALID_TRANSITION', '该户已从花名册移除', { step: row.step });
  const set: Partial<RosterRow> = {};
  if (patch.duplicateReview) {
    assertCountyOfficer(w, row.villageCode);
    if (patch.duplicateReview.decision === 'removed') set.step = 'removed';
    else set.duplicateStatus = 'cleared';
    set.duplicateNote = patch.duplicateReview.note;
  }
  const edits = patch.peopleNeedingAid !== undefined || patch.moneyFen !== undefined || patch.paymentMethod !== undefined;
  if (edits) {
    assertFieldStaff(w, row.villageCode);
    if (row.step === 'county_decided') throw new DomainError('INVALID_TRANSITION', '县定后不能修改，如需更正请移除后重报', { step: row.step });
    if (patch.peopleNeedingAid !== undefined && patch.peopleNeedingAid > getHouseholdRow(tx, row.householdId).size) {
      throw new DomainError('VALIDATION_FAILED', '需救助人数不能超过家庭人口', { field: 'peopleNeedingAid' });
    }
    Object.assign(set, { ...(patch.peopleNeedingAid !== undefined && { peopleNeedingAid: patch.peopleNeedingAid }),
      ...(patch.moneyFen !== undefined && { moneyFen: patch.moneyFen }), ...(patch.paymentMethod !== undefined && { paymentMethod: patch.paymentMethod }) });
  }
  if (patch.step && !set.step) {
    const next = ROSTER_STEP_ORDER[ROSTER_STEP_ORDER.indexOf(row.step as (typeof ROSTER_STEP_ORDER)[number]) + 1];
    if (patch.step !== next) throw new DomainError('INVALID_TRANSITION', `下一步应为 ${next ?? '（已县定）'}`, { step: row.step, requested: patch.step });
    if (patch.step === 'county_decided') {
      assertCountyOfficer(w, row.villageCode);
      if ((set.duplicateStatus ?? row.duplicateStatus) === 'flagged') throw new DomainError('DUPLICATE', '该户身份证号码在他县花名册中重复，须先核实', { rosterRowId: id });
    } else assertFieldStaff(w, row.villageCode);
    if (patch.step === 'village_reviewed') {
      // 村评 means the village posted the roster and nobody's objection is left: the notice must have run its days.
      const notice = row.noticeId ? tx.select().from(publicNotices).where(eq(publicNotices.id, row.noticeId)).get() : undefined;
      if (!notice) throw new DomainError('NOTICE_TOO_SHORT', '该户尚未公示', { rosterRowId: id });
      const minDays = effectiveStandard(tx, w.tree, row.countyCode, 'rebuild_rules').value.noticeMinDays;
      const short = noticeShortfall(notice.noticeStart, notice.noticeEnd, new Date(w.now), minDays);
      if (short) throw new DomainError('NOTICE_TOO_SHORT', short.message, short.details);
    }
    set.step = patch.step;
  }
  tx.update(winterRosterRows).set({ ...set, updatedAt: w.now }).where(eq(winterRosterRows.id, id)).run();
  const after = getRosterRow(tx, id);
  writeAudit(tx, w, { action: patch.duplicateReview ? `recovery.winter.roster.duplicate_${patch.duplicateReview.decision}` : 'recovery.winter.roster.update',
    entity: 'winter_roster_row', entityId: id, regionCode: row.villageCode, before: row, after });
  return rosterRowView(tx, w.tree, after, disclosureFor(w.actor, w.tree), rosterDuplicates(tx, row.season, [row.householdId]));
}

export function listRoster(db: DbOrTx, tree: RegionTree, actor: Actor, q: { campaignId: number; villageCode?: string }) {
  const campaign = getCampaignRow(db, q.campaignId);
  assertCampaignReadable(actor, tree, campaign);
  // Township staff see their own township's rows; officers and auditors the whole county.
  const own = actor.role === 'admin' || tree.isWithin(campaign.countyCode, actor.regionCode) ? undefined : actor.regionCode;
  const rows = db.select().from(winterRosterRows).innerJoin(households, eq(households.id, winterRosterRows.householdId))
    .where(and(eq(winterRosterRows.campaignId, campaign.id), q.villageCode ? eq(winterRosterRows.villageCode, q.villageCode) : undefined))
    .orderBy(asc(households.priority), asc(winterRosterRows.villageCode), asc(winterRosterRows.id)).all()
    .map((r) => r.winter_roster_rows)
    .filter((r) => !own || tree.isWithin(r.villageCode, own));
  const warnings = rosterDuplicates(db, campaign.season, rows.map((r) => r.householdId));
  const d = disclosureFor(actor, tree);
  return { campaignId: campaign.id, season: campaign.season, countyCode: campaign.countyCode, rows: rows.map((r) => rosterRowView(db, tree, r, d, warnings)), warnings };
}

export function distribute(tx: DbOrTx, w: WriteCtx, input: DistributionInput) {
  const row = getRosterRow(tx, input.rosterRowId);
  villagePlace(w.tree, row.villageCode);
  if (row.step !== 'county_decided') throw new DomainError('INVALID_TRANSITION', '县定之后才能发放', { step: row.step });
  if (row.duplicateStatus === 'flagged') throw new DomainError('DUPLICATE', '该户身份证号码在他县花名册中重复，核实前不能发放', { rosterRowId: row.id });
  const base = { rosterRowId: row.id, campaignId: row.campaignId, householdId: row.householdId, createdAt: w.now, createdBy: w.actor.id || null };
  let dist;
  if (input.kind === 'money') {
    assertFieldStaff(w, row.villageCode);
    if (row.moneyFen <= 0) throw new DomainError('CONFLICT', '花名册未列该户的救助资金', { rosterRowId: row.id });
    const paidAt = pastInstant(input.paidAt, w.now, 'paidAt');
    dist = tx.insert(winterDistributions).values({ ...base, kind: 'money', amountFen: row.moneyFen, distributedAt: paidAt }).returning().get();
    const payment = recordPayment(tx, w, { householdId: row.householdId, countyCode: row.countyCode, category: 'winter_spring', season: row.season,
      allocationId: input.allocationId, amountFen: row.moneyFen, paidAt, method: row.paymentMethod === 'cash' ? 'cash' : 'one_card',
      sourceKind: 'winter_distribution', sourceId: dist.id });
    tx.update(winterDistributions).set({ paymentId: payment.id }).where(eq(winterDistributions.id, dist.id)).run();
  } else {
    // Goods leave a depot through the stock ledger, under the stock module's own rules (keeper of the depot, or an officer).
    assertRole(w.actor, 'keeper', 'officer', 'admin');
    assertRegionInScope(w, row.villageCode);
    const issued = recordMovement(tx, w, { kind: 'issue', depotId: input.depotId, itemId: input.itemId, quantity: input.quantity,
      toRegionCode: row.villageCode, note: `冬春救助发放 花名册第 ${row.id} 行` });
    dist = tx.insert(winterDistributions).values({ ...base, kind: 'goods', depotId: input.depotId, itemId: input.itemId, quantity: input.quantity,
      valueFen: input.valueFen, stockPostingId: issued.movement.postingId, distributedAt: pastInstant(input.distributedAt, w.now, 'distributedAt') }).returning().get();
  }
  const fresh = tx.select().from(winterDistributions).where(eq(winterDistributions.id, dist.id)).get()!;
  writeAudit(tx, w, { action: `recovery.winter.distribute.${input.kind}`, entity: 'winter_distribution', entityId: dist.id, regionCode: row.villageCode, after: fresh });
  return { distribution: fresh, row: rosterRowView(tx, w.tree, getRosterRow(tx, row.id), disclosureFor(w.actor, w.tree, { forStoredAnswer: true }), []) };
}
