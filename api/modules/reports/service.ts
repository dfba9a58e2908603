// Township damage reports: submission under the stage rules, review by the county (or any officer
// above), and the reporting log a 核报 closes and an officer reopens.
import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { prepared, type DbOrTx } from '../../../db/client';
import { events, reports, townshipReporting, users } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertAncestorOfficer, assertRegionInScope, assertRole } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { areaCodes, covers } from '../events/area';
import { areaOf, getEventRow, visibleEvent, type EventRow } from '../events/service';
import { checkConsistency, checkJump } from './consistency';
import { JUMP_RULES } from './policy';
import { recountTownship, townshipAncestors, type ReportRow } from './projection';
import { FIGURE_KEYS, fillFigures, type Figures, type ReportInput, type ReviewInput } from './schemas';

// Far above any township's real figures (一千亿元 of loss), and low enough that 40,000 townships
// still sum exactly in a double: a typo of extra zeros is refused instead of silently summed.
const FIGURE_CEILING = 100_000_000_000;

export interface ReportOut {
  id: number;
  eventId: number;
  regionCode: string;
  regionName: string | null;
  stage: ReportRow['stage'];
  status: ReportRow['status'];
  figures: Figures;
  explanation: string | null;
  submittedAt: string;
  submittedBy: string | null;
  reportedAt: string | null;
  source: ReportRow['source'];
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

function usernames(db: DbOrTx, ids: (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map();
  return new Map(db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, wanted)).all().map((u) => [u.id, u.username]));
}

export function toReports(db: DbOrTx, tree: RegionTree, rows: ReportRow[]): ReportOut[] {
  const names = usernames(db, rows.flatMap((r) => [r.submittedBy, r.reviewedBy]));
  return rows.map((r) => ({
    id: r.id, eventId: r.eventId, regionCode: r.townshipCode, regionName: tree.get(r.townshipCode)?.name ?? null,
    stage: r.stage, status: r.status, figures: fillFigures(JSON.parse(r.figures) as Partial<Figures>),
    explanation: r.explanation, submittedAt: r.submittedAt, submittedBy: r.submittedBy === null ? null : names.get(r.submittedBy) ?? null,
    reportedAt: r.reportedAt, source: r.source, reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewedBy === null ? null : names.get(r.reviewedBy) ?? null, reviewNote: r.reviewNote,
  }));
}

export function getReportRow(db: DbOrTx, id: number): ReportRow {
  const row = db.select().from(reports).where(eq(reports.id, id)).get();
  if (!row) throw notFound('report', id);
  return row;
}

// The submission path's reads, prepared once per connection (db/client.ts): a report POST is the
// write a whole province makes at once on the worst night (scripts/load).
const Q = { event: {}, lastLogEntry: {}, firstInitial: {}, accepted: {}, insert: {} };
const ph = sql.placeholder;

/** getEventRow on a prepared query (same row, same 404). */
function eventRowFast(db: DbOrTx, id: number): EventRow {
  const row = prepared(db, Q.event, (d) => d.select().from(events).where(eq(events.id, ph('id'))).prepare()).get({ id });
  if (!row) throw notFound('event', id);
  return row;
}

/** Whether a township's reporting is closed by a 核报 (the last entry of its log decides). */
export function isReportingClosed(db: DbOrTx, eventId: number, townshipCode: string): boolean {
  const last = prepared(db, Q.lastLogEntry, (d) => d.select({ action: townshipReporting.action }).from(townshipReporting)
    .where(and(eq(townshipReporting.eventId, ph('eventId')), eq(townshipReporting.townshipCode, ph('townshipCode'))))
    .orderBy(desc(townshipReporting.id)).limit(1).prepare()).get({ eventId, townshipCode });
  return last?.action === 'close';
}

/** Reporting is open for the townships of an event that is neither closed nor merged away. */
function assertEventOpen(e: EventRow) {
  if (e.mergedIntoId !== null) {
    throw new DomainError('REPORTING_CLOSED', `this event was merged into event #${e.mergedIntoId}; report there`, { reason: 'EVENT_MERGED', mergedIntoId: e.mergedIntoId });
  }
  if (e.status === 'closed') throw new DomainError('REPORTING_CLOSED', 'this event is closed', { reason: 'EVENT_CLOSED', eventId: e.id });
}

/** The township (乡镇、苏木、街道) a report is about: it must exist, lie in the actor's area and in the event's. */
function assertTownshipFor(w: WriteCtx, e: EventRow, code: string) {
  const node = w.tree.get(code);
  if (!node) throw new DomainError('NOT_FOUND', 'region not found', { regionCode: code });
  if (node.level !== 'township') throw new DomainError('VALIDATION_FAILED', `reports are made per township; ${code} is a ${node.level}`, { regionCode: code, level: node.level });
  assertRegionInScope(w, code);
  if (!covers(w.tree, areaOf(e), code)) {
    throw new DomainError('OUTSIDE_EVENT_AREA', `township ${code} lies outside the area of event #${e.id}; an officer can add it to the event's affected regions`,
      { regionCode: code, eventAreaCodes: areaCodes(areaOf(e)) });
  }
}

export interface SubmitOptions {
  source?: ReportRow['source'];
}

export function submitReport(tx: DbOrTx, w: WriteCtx, eventId: number, input: ReportInput, opts: SubmitOptions = {}) {
  assertRole(w.actor, 'reporter', 'officer', 'admin');
  const event = eventRowFast(tx, eventId);
  assertTownshipFor(w, event, input.regionCode);
  assertEventOpen(event);
  const figures = fillFigures(input.figures);
  const implausible = FIGURE_KEYS.filter((k) => figures[k] > FIGURE_CEILING);
  if (implausible.length) {
    throw new DomainError('VALIDATION_FAILED', `no township figure can exceed ${FIGURE_CEILING.toLocaleString('en-US')}`, implausible.map((k) => ({ path: `figures.${k}`, message: 'too large for one township' })));
  }
  const violations = checkConsistency(figures);
  if (violations.length) {
    throw new DomainError('INCONSISTENT_FIGURES', `figures break ${violations.map((v) => v.code).join(', ')}: ${violations.map((v) => v.en).join('; ')}`,
      { rules: violations.map((v) => v.code), violations });
  }
  if (input.reportedAt && Date.parse(input.reportedAt) > Date.parse(w.now) + 5 * 60_000) {
    throw new DomainError('VALIDATION_FAILED', 'reportedAt lies in the future; check the device clock', { reportedAt: input.reportedAt, serverTime: w.now });
  }
  const own = and(eq(reports.eventId, ph('eventId')), eq(reports.townshipCode, ph('townshipCode')));
  const ownArgs = { eventId, townshipCode: input.regionCode };
  if (isReportingClosed(tx, eventId, input.regionCode)) {
    throw new DomainError('REPORTING_CLOSED', 'this township filed its 核报 (final report); an officer must reopen its reporting first',
      { reason: 'FINAL_FILED', regionCode: input.regionCode });
  }
  if (input.stage === 'initial') {
    // A returned 初报 is corrected by a new one; any other 初报 already on file makes this a second.
    const first = prepared(tx, Q.firstInitial, (d) => d.select({ id: reports.id, status: reports.status }).from(reports)
      .where(and(own, eq(reports.stage, 'initial'), ne(reports.status, 'returned'))).prepare()).get(ownArgs);
    if (first) {
      throw new DomainError('STAGE_CONFLICT', 'this township already filed its 初报 (initial report) for this event; send a 续报 (update)',
        { stage: 'initial', existingReportId: first.id });
    }
  }
  const previous = prepared(tx, Q.accepted, (d) => d.select({ id: reports.id, figures: reports.figures }).from(reports)
    .where(and(own, eq(reports.status, 'accepted'))).prepare()).get(ownArgs);
  const jumps = checkJump(previous ? fillFigures(JSON.parse(previous.figures) as Partial<Figures>) : null, figures, JUMP_RULES);
  if (jumps.length && !input.explanation) {
    throw new DomainError('EXPLANATION_REQUIRED', `a sharp change from the last accepted report needs an explanation: ${jumps.map((j) => j.en).join('; ')}`,
      { previousReportId: previous!.id, jumps });
  }
  const row = prepared(tx, Q.insert, (d) => d.insert(reports).values({
    eventId: ph('eventId'), townshipCode: ph('townshipCode'), countyCode: ph('countyCode'), prefectureCode: ph('prefectureCode'),
    provinceCode: ph('provinceCode'), stage: ph('stage'), figures: ph('figures'), explanation: ph('explanation'), status: 'submitted',
    submittedAt: ph('submittedAt'), submittedBy: ph('submittedBy'), reportedAt: ph('reportedAt'), source: ph('source'),
  }).returning().prepare()).get({
    eventId, townshipCode: input.regionCode, ...townshipAncestors(w.tree, input.regionCode), stage: input.stage,
    figures: JSON.stringify(input.figures), explanation: input.explanation ?? null,
    submittedAt: w.now, submittedBy: w.actor.id || null, reportedAt: input.reportedAt ? new Date(input.reportedAt).toISOString() : null,
    source: opts.source ?? 'form',
  })!;
  if (input.stage === 'final') {
    tx.insert(townshipReporting).values({ eventId, townshipCode: input.regionCode, action: 'close', reportId: row.id, reason: '核报', actorId: w.actor.id || null, at: w.now }).run();
  }
  writeAudit(tx, w, { action: 'report.submit', entity: 'report', entityId: row.id, regionCode: row.townshipCode, after: { ...row, figures } });
  return { id: row.id, status: row.status, eventId, regionCode: row.townshipCode, stage: row.stage, submittedAt: row.submittedAt, jumps };
}

export function reviewReport(tx: DbOrTx, w: WriteCtx, id: number, input: ReviewInput) {
  const row = getReportRow(tx, id);
  assertAncestorOfficer(w, row.townshipCode);
  if (row.status !== 'submitted') {
    throw new DomainError('INVALID_TRANSITION', `this report was already reviewed (${row.status})`, { reportId: id, status: row.status });
  }
  const accepted = input.decision === 'accept';
  // An accepted report enters as 'superseded' (accepted, not counting) and recountTownship promotes
  // the township's newest accepted one: an older report accepted late never displaces a fresher one.
  tx.update(reports).set({ status: accepted ? 'superseded' : 'returned', reviewedAt: w.now, reviewedBy: w.actor.id || null, reviewNote: input.note ?? null })
    .where(eq(reports.id, id)).run();
  let counting: number | null = null;
  if (accepted) {
    counting = recountTownship(tx, row.eventId, row.townshipCode);
  } else if (row.stage === 'final' && isReportingClosed(tx, row.eventId, row.townshipCode)) {
    // A returned 核报 is not a final figure: the township must be able to send the corrected one.
    tx.insert(townshipReporting).values({ eventId: row.eventId, townshipCode: row.townshipCode, action: 'reopen', reportId: id, reason: '核报退回', actorId: w.actor.id || null, at: w.now }).run();
  }
  const after = getReportRow(tx, id);
  writeAudit(tx, w, { action: `report.${input.decision}`, entity: 'report', entityId: id, regionCode: row.townshipCode, before: { status: row.status }, after: { status: after.status, note: input.note ?? null } });
  return { ...toReports(tx, w.tree, [after])[0], counted: counting === id };
}

export function reopenTownship(tx: DbOrTx, w: WriteCtx, eventId: number, townshipCode: string, reason: string | undefined) {
  const event = getEventRow(tx, eventId);
  if (!w.tree.has(townshipCode)) throw notFound('region', townshipCode);
  assertAncestorOfficer(w, townshipCode);
  assertEventOpen(event);
  if (!isReportingClosed(tx, eventId, townshipCode)) {
    throw new DomainError('INVALID_TRANSITION', 'this township\'s reporting is not closed', { regionCode: townshipCode });
  }
  const row = tx.insert(townshipReporting).values({ eventId, townshipCode, action: 'reopen', reason: reason ?? null, actorId: w.actor.id || null, at: w.now }).returning().get();
  writeAudit(tx, w, { action: 'report.reopen', entity: 'event', entityId: eventId, regionCode: townshipCode, after: row });
  return { eventId, regionCode: townshipCode, closed: false, reopenedAt: row.at, reason: row.reason };
}

export interface ReportQuery {
  regionCode?: string;
  status?: ReportRow['status'];
  stage?: ReportRow['stage'];
}

/** Reports of an event inside a region (the actor's own area by default), newest first. */
export function listReports(db: DbOrTx, s: { actor: Actor; tree: RegionTree }, eventId: number, q: ReportQuery): ReportOut[] {
  visibleEvent(db, s, eventId);
  const within = q.regionCode ?? (s.actor.role === 'admin' ? null : s.actor.regionCode);
  if (q.regionCode) assertRegionInScope(s, q.regionCode);
  const where: (SQL | undefined)[] = [eq(reports.eventId, eventId), q.status ? eq(reports.status, q.status) : undefined, q.stage ? eq(reports.stage, q.stage) : undefined];
  if (within) where.push(regionFilter(s.tree, within));
  const rows = db.select().from(reports).where(and(...where)).orderBy(desc(reports.submittedAt), desc(reports.id)).all();
  return toReports(db, s.tree, rows);
}

/** The column that places a township under a region of that region's level. */
export function regionFilter(tree: RegionTree, code: string): SQL {
  const node = tree.get(code);
  if (!node) throw notFound('region', code);
  switch (node.level) {
    case 'province': return eq(reports.provinceCode, code);
    case 'prefecture': return eq(reports.prefectureCode, code);
    case 'county': return eq(reports.countyCode, code);
    case 'township': return eq(reports.townshipCode, code);
    default: throw new DomainError('VALIDATION_FAILED', 'reports roll up to townships and above; a village has none of its own', { regionCode: code, level: node.level });
  }
}

export function getReport(db: DbOrTx, s: { actor: Actor; tree: RegionTree }, id: number): ReportOut {
  const row = getReportRow(db, id);
  assertRegionInScope(s, row.townshipCode);
  return toReports(db, s.tree, [row])[0];
}

