// Reading rebuild cases: lists (priority groups first, overdue flagged), one case with its next
// actions, and the progress board (未开工 / 开工 / 竣工 / 入住 per county).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { households, rebuildCaseEvents, rebuildCases, rebuildObjections, reliefPayments } from '../../../db/schema/index';
import type { Actor } from '../../context';
import type { RegionTree } from '../regions/tree';
import { assertRecoveryReader, readRegion, withinRegion } from './access';
import { paymentsWhere } from './funds-service';
import { disclosureFor, getHouseholdRow, toHouseholdBrief, type Disclosure, type HouseholdRow } from './household-service';
import { actionsFrom, constructionProgress, rebuildOverdue, type RebuildCase, type RebuildRules, type RebuildStatus } from './rebuild-steps';
import { computeRebuildSubsidy, type BreakdownLine } from './subsidy';
import type { HouseholdFlag } from './schemas';
import { effectiveStandard, WORK_CALENDAR } from './standards-service';
import type { BoardRow, RebuildAction, RebuildCaseDetail, RebuildCaseView } from './views';

export type CaseRow = typeof rebuildCases.$inferSelect;

const ABOVE_TOWNSHIP = new Set(['province', 'prefecture', 'county']);
const isCountyOfficer = (actor: Actor, tree: RegionTree) =>
  actor.role === 'admin' || (actor.role === 'officer' && ABOVE_TOWNSHIP.has(tree.get(actor.regionCode)?.level ?? ''));

/** Whether the role may take this action from this status (scope is checked separately). */
export function mayTake(actor: Actor, tree: RegionTree, action: RebuildAction, status: RebuildStatus): boolean {
  if (actor.role !== 'reporter' && actor.role !== 'officer' && actor.role !== 'admin') return false;
  if (action === 'county_approve' || (action === 'reject' && status === 'township_reviewed')) return isCountyOfficer(actor, tree);
  return true;
}

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The stored row as the pure state machine sees it. */
export function toMachineCase(row: CaseRow, objections: { raisedAt: string; text: string; resolvedAt: string | null; resolution: string | null }[]): RebuildCase {
  return {
    status: row.status, damageClass: row.damageClass, rooms: row.rooms, disasterAt: row.disasterAt, inspectedAt: row.inspectedAt,
    appliedAt: u(row.appliedAt), noticePostedAt: u(row.noticePostedAt), noticeStart: u(row.noticeStart), noticeEnd: u(row.noticeEnd),
    villageApprovedAt: u(row.villageApprovedAt), townshipReviewedAt: u(row.townshipReviewedAt), countyApprovedAt: u(row.countyApprovedAt),
    subsidyFen: u(row.subsidyFen), startedAt: u(row.startedAt), completedAt: u(row.completedAt), movedInAt: u(row.movedInAt),
    rejectedAt: u(row.rejectedAt), rejectedAtStep: u(row.rejectedAtStep), rejectionReason: u(row.rejectionReason),
    objections: objections.map((o) => ({ raisedAt: o.raisedAt, text: o.text, resolvedAt: u(o.resolvedAt), resolution: u(o.resolution) })),
  };
}

type RulesCache = Map<string, RebuildRules>;
/** Overdue steps under the county's own deadlines and the holiday calendar. */
function overdueOf(db: DbOrTx, tree: RegionTree, row: CaseRow, now: Date, rulesCache: RulesCache = new Map()) {
  if (!rulesCache.has(row.countyCode)) rulesCache.set(row.countyCode, rulesFor(db, tree, row.countyCode));
  return rebuildOverdue(toMachineCase(row, []), now, { rules: rulesCache.get(row.countyCode)!, calendar: WORK_CALENDAR });
}
const rulesFor = (db: DbOrTx, tree: RegionTree, county: string) => effectiveStandard(db, tree, county, 'rebuild_rules').value;

export function caseView(db: DbOrTx, tree: RegionTree, actor: Actor, row: CaseRow, d: Disclosure, now: Date,
  extra: { household?: HouseholdRow; paidFen?: number; openObjections?: number; rulesCache?: RulesCache } = {}): RebuildCaseView {
  const household = extra.household ?? getHouseholdRow(db, row.householdId);
  const openObjections = extra.openObjections ?? db.select({ idx: rebuildObjections.idx }).from(rebuildObjections)
    .where(and(eq(rebuildObjections.caseId, row.id), isNull(rebuildObjections.resolvedAt))).all().length;
  const paidFen = extra.paidFen ?? (db.select({ fen: reliefPayments.amountFen }).from(reliefPayments)
    .where(and(eq(reliefPayments.rebuildCaseId, row.id), isNull(reliefPayments.reversedAt))).all().reduce((s, p) => s + p.fen, 0));
  const inScope = actor.role === 'admin' || tree.isWithin(row.villageCode, actor.regionCode);
  const nextActions = inScope ? (actionsFrom(row.status) as RebuildAction[])
    .filter((a) => mayTake(actor, tree, a, row.status))
    .filter((a) => a !== 'resolve_objection' || openObjections > 0) : [];
  const breakdown = row.subsidyBreakdown as { lines: BreakdownLine[] } | null;
  return {
    id: row.id, householdId: row.householdId, household: toHouseholdBrief(tree, household, d), eventId: row.eventId, season: row.season,
    countyCode: row.countyCode, countyName: tree.get(row.countyCode)?.name ?? '', townshipCode: row.townshipCode, villageCode: row.villageCode,
    status: row.status, progress: constructionProgress(row), damageClass: row.damageClass, rooms: row.rooms, disasterAt: row.disasterAt,
    inspectedAt: row.inspectedAt, inspector: row.inspector, appliedAt: row.appliedAt, noticePostedAt: row.noticePostedAt,
    noticeStart: row.noticeStart, noticeEnd: row.noticeEnd, noticeId: row.noticeId, villageApprovedAt: row.villageApprovedAt,
    townshipReviewedAt: row.townshipReviewedAt, countyApprovedAt: row.countyApprovedAt, subsidyFen: row.subsidyFen,
    subsidyBreakdown: breakdown?.lines ?? null, paidFen, startedAt: row.startedAt, completedAt: row.completedAt, movedInAt: row.movedInAt,
    rejectedAt: row.rejectedAt, rejectedAtStep: row.rejectedAtStep, rejectionReason: row.rejectionReason,
    overdue: overdueOf(db, tree, row, now, extra.rulesCache), openObjections, nextActions,
  };
}

function casesIn(db: DbOrTx, tree: RegionTree, code: string, more?: ReturnType<typeof and>) {
  return db.select({ c: rebuildCases, h: households }).from(rebuildCases).innerJoin(households, eq(households.id, rebuildCases.householdId))
    .where(and(withinRegion(tree, code, { county: rebuildCases.countyCode, township: rebuildCases.townshipCode, village: rebuildCases.villageCode }), more))
    .orderBy(asc(households.priority), asc(rebuildCases.id)).all();
}

function views(db: DbOrTx, tree: RegionTree, actor: Actor, rows: ReturnType<typeof casesIn>, now: Date): RebuildCaseView[] {
  const ids = rows.map((r) => r.c.id);
  const paid = new Map<number, number>();
  const open = new Map<number, number>();
  if (ids.length) {
    for (const p of db.select({ id: reliefPayments.rebuildCaseId, fen: reliefPayments.amountFen }).from(reliefPayments)
      .where(and(inArray(reliefPayments.rebuildCaseId, ids), isNull(reliefPayments.reversedAt))).all()) paid.set(p.id!, (paid.get(p.id!) ?? 0) + p.fen);
    for (const o of db.select({ id: rebuildObjections.caseId }).from(rebuildObjections)
      .where(and(inArray(rebuildObjections.caseId, ids), isNull(rebuildObjections.resolvedAt))).all()) open.set(o.id, (open.get(o.id) ?? 0) + 1);
  }
  const d = disclosureFor(actor, tree);
  const rulesCache: RulesCache = new Map();
  return rows.map((r) => caseView(db, tree, actor, r.c, d, now, { household: r.h, paidFen: paid.get(r.c.id) ?? 0, openObjections: open.get(r.c.id) ?? 0, rulesCache }));
}

export function listCases(db: DbOrTx, tree: RegionTree, actor: Actor,
  q: { regionCode?: string; status?: RebuildStatus; overdue?: 'true' | 'false'; householdId?: number; limit: number; offset: number }) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, q.regionCode);
  const rows = casesIn(db, tree, code, and(q.status ? eq(rebuildCases.status, q.status) : undefined,
    q.householdId ? eq(rebuildCases.householdId, q.householdId) : undefined));
  let list = views(db, tree, actor, rows, new Date());
  if (q.overdue) list = list.filter((c) => (c.overdue.length > 0) === (q.overdue === 'true'));
  return { cases: list.slice(q.offset, q.offset + q.limit), total: list.length };
}

export function caseDetail(db: DbOrTx, tree: RegionTree, actor: Actor, row: CaseRow): RebuildCaseDetail {
  assertRecoveryReader(actor);
  readRegion({ actor, tree }, row.villageCode);
  const household = getHouseholdRow(db, row.householdId);
  const view = caseView(db, tree, actor, row, disclosureFor(actor, tree), new Date(), { household });
  const objections = db.select().from(rebuildObjections).where(eq(rebuildObjections.caseId, row.id)).orderBy(rebuildObjections.idx).all();
  const history = db.select().from(rebuildCaseEvents).where(eq(rebuildCaseEvents.caseId, row.id)).orderBy(asc(rebuildCaseEvents.id)).all();
  let subsidyEstimate: RebuildCaseDetail['subsidyEstimate'] = null;
  if (row.subsidyFen === null && row.status !== 'rejected') {
    const standards = effectiveStandard(db, tree, row.countyCode, 'rebuild');
    const c = computeRebuildSubsidy(row, household.flags as HouseholdFlag[], standards.value);
    subsidyEstimate = { amountFen: c.amountFen, breakdown: c.breakdown, standardsFrom: standards.from };
  }
  return {
    ...view,
    objections: objections.map((o) => ({ idx: o.idx, raisedAt: o.raisedAt, text: o.text, resolvedAt: o.resolvedAt, resolution: o.resolution })),
    history: history.map((h) => ({ action: h.action, at: h.at, recordedAt: h.recordedAt, username: h.username, note: h.note })),
    payments: paymentsWhere(db, eq(reliefPayments.rebuildCaseId, row.id)),
    subsidyEstimate,
  };
}

const emptyBoardRow = (countyCode: string, name: string): BoardRow => ({
  countyCode, name, total: 0, inReview: 0, notStarted: 0, started: 0, completed: 0, movedIn: 0, rejected: 0,
  overdue: { ledger: 0, township_review: 0, county_review: 0, cases: 0 }, subsidyFen: 0, paidFen: 0,
});

/** Counts per county: how many wait for review, 未开工, 开工, 竣工, 入住, and which steps are overdue. */
export function rebuildBoard(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const list = views(db, tree, actor, casesIn(db, tree, code), new Date());
  const rows = new Map<string, BoardRow>();
  const level = tree.get(code)?.level;
  // A league's board lists every county, so a county with nothing yet shows as zero, not as missing.
  if (level === 'prefecture' || level === 'county') for (const c of tree.descendantsAt(code, 'county')) rows.set(c.code, emptyBoardRow(c.code, c.name));
  const totals = emptyBoardRow(code, tree.get(code)?.name ?? code);
  for (const c of list) {
    if (!rows.has(c.countyCode)) rows.set(c.countyCode, emptyBoardRow(c.countyCode, c.countyName));
    for (const r of [rows.get(c.countyCode)!, totals]) {
      r.total += 1;
      if (c.status === 'rejected') r.rejected += 1;
      else if (c.progress === 'not_started') r.notStarted += 1;
      else if (c.progress === 'started') r.started += 1;
      else if (c.progress === 'completed') r.completed += 1;
      else if (c.progress === 'moved_in') r.movedIn += 1;
      else r.inReview += 1;
      for (const o of c.overdue) r.overdue[o.step] += 1;
      if (c.overdue.length) r.overdue.cases += 1;
      r.subsidyFen += c.subsidyFen ?? 0;
      r.paidFen += c.paidFen;
    }
  }
  const overdueCases = list.filter((c) => c.overdue.length > 0).slice(0, 50)
    .map((c) => ({ id: c.id, headName: c.household.headName, countyCode: c.countyCode, status: c.status, overdue: c.overdue }));
  return { regionCode: code, counties: [...rows.values()].sort((a, b) => (a.countyCode < b.countyCode ? -1 : 1)), totals, overdueCases };
}

