// Households (受灾户): the only place a full ID number or bank card is stored. Registration refuses
// a second household with the same ID number in one county and flags it across counties.
import { and, asc, count, eq, inArray, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { householdMembers, households } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import type { RegionTree } from '../regions/tree';
import {
  assertCountyOfficer, assertFieldStaff, assertRecoveryReader, cardShown, idShown, phoneShown, readRegion,
  seesPersonalNumbers, villagePlace, withinRegion,
} from './access';
import { findDuplicateIds } from './duplicates';
import { maskIdNumber, normalizeIdNumber } from './id-number';
import { priorityRank } from './rebuild-steps';
import type { HouseholdFlag, HouseholdInput, HouseholdPatch } from './schemas';
import { effectiveStandard } from './standards-service';
import type { DuplicateWarning, HouseholdBrief, HouseholdView } from './views';

export type HouseholdRow = typeof households.$inferSelect;

/** How a caller sees people's numbers: revealed only to county officers, and never in a stored answer. */
export interface Disclosure { actor: Actor; reveal: boolean }
export const disclosureFor = (actor: Actor, tree: RegionTree, opts: { forStoredAnswer?: boolean } = {}): Disclosure =>
  ({ actor, reveal: !opts.forStoredAnswer && seesPersonalNumbers(actor, tree) });

export function getHouseholdRow(db: DbOrTx, id: number): HouseholdRow {
  const row = db.select().from(households).where(eq(households.id, id)).get();
  if (!row) throw notFound('household', id);
  return row;
}

export function toHouseholdView(db: DbOrTx, tree: RegionTree, row: HouseholdRow, d: Disclosure): HouseholdView {
  const members = db.select().from(householdMembers).where(eq(householdMembers.householdId, row.id)).orderBy(asc(householdMembers.id)).all();
  return {
    id: row.id, headName: row.headName, idNumber: idShown(row.idNumber, d.reveal)!, idNumberMasked: !d.reveal,
    phone: phoneShown(row.phone, d.actor, d.reveal), villageCode: row.villageCode, villageName: tree.get(row.villageCode)?.name ?? '',
    townshipCode: row.townshipCode, townshipName: tree.get(row.townshipCode)?.name ?? '', countyCode: row.countyCode,
    size: row.size, members: members.map((m) => ({ name: m.name, relation: m.relation, idNumber: idShown(m.idNumber, d.reveal) })),
    flags: row.flags as HouseholdFlag[], priority: row.priority as 0 | 1, bankCard: cardShown(row.bankCard, d.reveal),
    address: row.address, duplicateStatus: row.duplicateStatus, demo: row.demo, createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

export function toHouseholdBrief(tree: RegionTree, row: HouseholdRow, d: Disclosure): HouseholdBrief {
  return { id: row.id, headName: row.headName, idNumber: idShown(row.idNumber, d.reveal)!, flags: row.flags as HouseholdFlag[],
    priority: row.priority as 0 | 1, size: row.size, villageCode: row.villageCode, villageName: tree.get(row.villageCode)?.name ?? '' };
}

/** Every ID number a household holds (head and members), normalised. */
export function householdIdNumbers(db: DbOrTx, householdId: number, head: string): string[] {
  const members = db.select({ id: householdMembers.idNumber }).from(householdMembers).where(eq(householdMembers.householdId, householdId)).all();
  return [head, ...members.map((m) => m.id).filter((x): x is string => !!x)];
}

/** Households (any county) holding any of these ID numbers as head or member: rows for findDuplicateIds. */
export function holdersOf(db: DbOrTx, ids: string[]): { idNumber: string; householdId: number; countyCode: string }[] {
  if (ids.length === 0) return [];
  const heads = db.select({ idNumber: households.idNumber, householdId: households.id, countyCode: households.countyCode })
    .from(households).where(inArray(households.idNumber, ids)).all();
  const members = db.select({ idNumber: householdMembers.idNumber, householdId: households.id, countyCode: households.countyCode })
    .from(householdMembers).innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(inArray(householdMembers.idNumber, ids)).all();
  return [...heads, ...members.map((m) => ({ ...m, idNumber: m.idNumber! }))];
}

export const toWarning = (g: ReturnType<typeof findDuplicateIds>[number], countyOf: (id: number) => string): DuplicateWarning => ({
  kind: g.kind, idNumberMasked: maskIdNumber(g.idNumber), householdIds: g.householdIds,
  countyCodes: 'countyCodes' in g ? g.countyCodes : [...new Set(g.householdIds.map(countyOf))].sort(), ...('season' in g ? { season: g.season } : {}),
});

/**
 * Refuses an ID number already held in this county (409 DUPLICATE); returns the households of
 * other counties that hold it, which are flagged for review rather than refused: a herder family
 * may be registered where it winters and where it summers, and neither county can see the other's book.
 */
function checkDuplicates(db: DbOrTx, ids: string[], countyCode: string, selfId: number | null) {
  if (new Set(ids).size !== ids.length) throw new DomainError('VALIDATION_FAILED', '同一身份证号码在本户中出现多次', { field: 'members' });
  const holders = holdersOf(db, ids).filter((h) => h.householdId !== selfId);
  const here = holders.find((h) => h.countyCode === countyCode);
  if (here) {
    throw new DomainError('DUPLICATE', '该身份证号码已登记在本县另一户中', {
      idNumber: maskIdNumber(here.idNumber), householdId: here.householdId,
    });
  }
  return holders;
}

function priorityOf(db: DbOrTx, tree: RegionTree, countyCode: string, flags: readonly HouseholdFlag[]) {
  return priorityRank(flags, effectiveStandard(db, tree, countyCode, 'rebuild_rules').value.priorityFlags);
}

function flagOthers(tx: DbOrTx, w: WriteCtx, householdIds: number[]) {
  for (const id of householdIds) {
    const other = getHouseholdRow(tx, id);
    if (other.duplicateStatus !== 'none') continue;
    tx.update(households).set({ duplicateStatus: 'flagged', updatedAt: w.now }).where(eq(households.id, id)).run();
    writeAudit(tx, w, { action: 'recovery.household.flag_duplicate', entity: 'household', entityId: id, regionCode: other.villageCode,
      before: { duplicateStatus: other.duplicateStatus }, after: { duplicateStatus: 'flagged' } });
  }
}

export function registerHousehold(tx: DbOrTx, w: WriteCtx, input: HouseholdInput) {
  const { township, county } = villagePlace(w.tree, input.villageCode);
  assertFieldStaff(w, input.villageCode);
  const members = input.members ?? [];
  const ids = [input.idNumber, ...members.map((m) => m.idNumber).filter((x): x is string => !!x)].map(normalizeIdNumber);
  const elsewhere = checkDuplicates(tx, ids, county.code, null);
  const row = tx.insert(households).values({
    headName: input.headName, idNumber: normalizeIdNumber(input.idNumber), phone: input.phone ?? null,
    villageCode: input.villageCode, townshipCode: township.code, countyCode: county.code, size: input.size,
    flags: input.flags, priority: priorityOf(tx, w.tree, county.code, input.flags), bankCard: input.bankCard ?? null,
    address: input.address ?? null, duplicateStatus: elsewhere.length ? 'flagged' : 'none',
    createdAt: w.now, createdBy: w.actor.id || null, updatedAt: w.now,
  }).returning().get();
  for (const m of members) {
    tx.insert(householdMembers).values({ householdId: row.id, name: m.name, relation: m.relation, idNumber: m.idNumber ? normalizeIdNumber(m.idNumber) : null }).run();
  }
  flagOthers(tx, w, [...new Set(elsewhere.map((h) => h.householdId))]);
  // The answer is stored for idempotent replay, so it carries masks only.
  const view = toHouseholdView(tx, w.tree, row, disclosureFor(w.actor, w.tree, { forStoredAnswer: true }));
  writeAudit(tx, w, { action: 'recovery.household.register', entity: 'household', entityId: row.id, regionCode: row.villageCode, after: view });
  const groups = findDuplicateIds([...elsewhere, ...ids.map((idNumber) => ({ idNumber, householdId: row.id, countyCode: county.code }))]);
  const countyOf = (id: number) => (id === row.id ? county.code : elsewhere.find((h) => h.householdId === id)?.countyCode ?? '');
  return { household: view, warnings: groups.map((g) => toWarning(g, countyOf)) };
}

export function patchHousehold(tx: DbOrTx, w: WriteCtx, id: number, patch: HouseholdPatch): HouseholdView {
  const row = getHouseholdRow(tx, id);
  if (patch.duplicateReview) assertCountyOfficer(w, row.villageCode);
  else assertFieldStaff(w, row.villageCode);
  const d = disclosureFor(w.actor, w.tree);
  const before = toHouseholdView(tx, w.tree, row, d);
  const size = patch.size ?? row.size;
  const memberCount = patch.members ? patch.members.length : before.members.length;
  if (memberCount > size) throw new DomainError('VALIDATION_FAILED', '家庭成员数不能超过家庭人口', { field: 'members' });
  if (patch.idNumber !== undefined || patch.members !== undefined) {
    const head = patch.idNumber ? normalizeIdNumber(patch.idNumber) : row.idNumber;
    const memberIds = patch.members
      ? patch.members.map((m) => m.idNumber).filter((x): x is string => !!x).map(normalizeIdNumber)
      : householdIdNumbers(tx, id, row.idNumber).slice(1);
    const elsewhere = checkDuplicates(tx, [head, ...memberIds], row.countyCode, id);
    flagOthers(tx, w, [...new Set(elsewhere.map((h) => h.householdId))]);
    if (elsewhere.length) flagOthers(tx, w, [id]);
  }
  const flags = patch.flags ?? (row.flags as HouseholdFlag[]);
  tx.update(households).set({
    ...(patch.headName !== undefined && { headName: patch.headName }),
    ...(patch.idNumber !== undefined && { idNumber: normalizeIdNumber(patch.idNumber) }),
    ...(patch.phone !== undefined && { phone: patch.phone }),
    ...(patch.size !== undefined && { size: patch.size }),
    ...(patch.bankCard !== undefined && { bankCard: patch.bankCard }),
    ...(patch.address !== undefined && { address: patch.address }),
    ...(patch.duplicateReview && { duplicateStatus: 'cleared' as const }),
    flags, priority: priorityOf(tx, w.tree, row.countyCode, flags), updatedAt: w.now,
  }).where(eq(households.id, id)).run();
  if (patch.members) {
    tx.delete(householdMembers).where(eq(householdMembers.householdId, id)).run();
    for (const m of patch.members) {
      tx.insert(householdMembers).values({ householdId: id, name: m.name, relation: m.relation, idNumber: m.idNumber ? normalizeIdNumber(m.idNumber) : null }).run();
    }
  }
  const after = toHouseholdView(tx, w.tree, getHouseholdRow(tx, id), d);
  writeAudit(tx, w, { action: patch.duplicateReview ? 'recovery.household.clear_duplicate' : 'recovery.household.update',
    entity: 'household', entityId: id, regionCode: row.villageCode, before, after: { ...after, ...(patch.duplicateReview && { reviewNote: patch.duplicateReview.note }) } });
  return after;
}

export function getHousehold(db: DbOrTx, tree: RegionTree, actor: Actor, id: number): HouseholdView {
  assertRecoveryReader(actor);
  const row = getHouseholdRow(db, id);
  readRegion({ actor, tree }, row.villageCode);
  return toHouseholdView(db, tree, row, disclosureFor(actor, tree));
}

export function listHouseholds(db: DbOrTx, tree: RegionTree, actor: Actor,
  q: { regionCode?: string; q?: string; idNumber?: string; limit: number; offset: number }) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, q.regionCode);
  const where = and(
    withinRegion(tree, code, { county: households.countyCode, township: households.townshipCode, village: households.villageCode }),
    q.q ? or(like(households.headName, `%${q.q}%`), like(households.address, `%${q.q}%`)) : undefined,
    q.idNumber ? eq(households.idNumber, normalizeIdNumber(q.idNumber)) : undefined,
  );
  // Priority groups (低保、特困、残疾) first: they are served first.
  const rows = db.select().from(households).where(where).orderBy(asc(households.priority), asc(households.id))
    .limit(q.limit).offset(q.offset).all();
  const total = db.select({ n: count() }).from(households).where(where).get()!.n;
  const d = disclosureFor(actor, tree);
  return { households: rows.map((r) => toHouseholdView(db, tree, r, d)), total };
}
