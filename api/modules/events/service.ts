import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { events, reports, responses, townshipFigures, townshipReporting } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertRegionInScope, assertRole } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { recountTownship } from '../reports/projection';
import { replayResponses } from '../response/transitions';
import { areaCodes, eventVisibleFrom, nextEventStatus, possibleDuplicates, type OpenEvent } from './area';
import type { EventInput, EventOut, EventPatch, EventWarning } from './schemas';

export type EventRow = typeof events.$inferSelect;

export function toEvent(row: EventRow, tree: RegionTree): EventOut {
  return {
    id: row.id, name: row.name, hazard: row.hazard, startedAt: row.startedAt, regionCode: row.regionCode,
    regionName: tree.get(row.regionCode)?.name ?? null,
    affectedRegionCodes: JSON.parse(row.affectedRegionCodes) as string[],
    note: row.note, status: row.status, stabilisedAt: row.stabilisedAt, closedAt: row.closedAt,
    mergedIntoId: row.mergedIntoId, demo: row.demo, createdAt: row.createdAt,
  };
}

export const areaOf = (row: EventRow) => ({ regionCode: row.regionCode, affectedRegionCodes: JSON.parse(row.affectedRegionCodes) as string[] });

export function getEventRow(db: DbOrTx, id: number): EventRow {
  const row = db.select().from(events).where(eq(events.id, id)).get();
  if (!row) throw notFound('event', id);
  return row;
}

/** An event the actor may read: it reaches into their area, or their area lies inside it. */
export function visibleEvent(db: DbOrTx, s: { actor: Actor; tree: RegionTree }, id: number): EventRow {
  const row = getEventRow(db, id);
  if (s.actor.role !== 'admin' && !eventVisibleFrom(s.tree, areaOf(row), s.actor.regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', 'this event lies outside your area', { eventId: id, yourRegion: s.actor.regionCode });
  }
  return row;
}

function checkAffected(w: WriteCtx, codes: readonly string[]) {
  for (const code of codes) assertRegionInScope(w, code);
}

export function createEvent(tx: DbOrTx, w: WriteCtx, input: EventInput): EventOut & { warnings: EventWarning[] } {
  assertRole(w.actor, 'officer', 'admin');
  assertRegionInScope(w, input.regionCode);
  const affected = [...new Set(input.affectedRegionCodes ?? [])];
  checkAffected(w, affected);
  const open = tx.select().from(events).where(and(ne(events.status, 'closed'), isNull(events.mergedIntoId), eq(events.hazard, input.hazard))).all();
  const dupes = possibleDuplicates(w.tree, { hazard: input.hazard, regionCode: input.regionCode, affectedRegionCodes: affected },
    open.map((o): OpenEvent & { name: string } => ({ ...areaOf(o), id: o.id, hazard: o.hazard, status: o.status, mergedIntoId: o.mergedIntoId, name: o.name })));
  const row = tx.insert(events).values({
    name: input.name, hazard: input.hazard, startedAt: new Date(input.startedAt).toISOString(), regionCode: input.regionCode,
    affectedRegionCodes: JSON.stringify(affected), note: input.note ?? null, createdAt: w.now, createdBy: w.actor.id || null,
  }).returning().get();
  const out = toEvent(row, w.tree);
  writeAudit(tx, w, { action: 'event.create', entity: 'event', entityId: row.id, regionCode: row.regionCode, after: out });
  const warnings: EventWarning[] = dupes.map((d) => ({
    code: 'POSSIBLE_DUPLICATE', eventId: d.id, name: (d as OpenEvent & { name: string }).name,
    message: `an open event of the same hazard already covers this area (#${d.id}); merge them if they are one disaster process`,
  }));
  return { ...out, warnings };
}

export function listEvents(db: DbOrTx, s: { actor: Actor; tree: RegionTree }, q: { status?: string; hazard?: string; regionCode?: string; includeMerged?: string }): EventOut[] {
  const rows = db.select().from(events).orderBy(desc(events.startedAt), desc(events.id)).all();
  return rows
    .filter((r) => (!q.status || r.status === q.status) && (!q.hazard || r.hazard === q.hazard))
    .filter((r) => q.includeMerged === 'true' || r.mergedIntoId === null)
    .filter((r) => s.actor.role === 'admin' || eventVisibleFrom(s.tree, areaOf(r), s.actor.regionCode))
    .filter((r) => !q.regionCode || eventVisibleFrom(s.tree, areaOf(r), q.regionCode))
    .map((r) => toEvent(r, s.tree));
}

/** The officer who owns an event's area (its main region in scope) changes it. */
function assertEventOwner(w: WriteCtx, row: EventRow) {
  assertRole(w.actor, 'officer', 'admin');
  assertRegionInScope(w, row.regionCode);
}

export function patchEvent(tx: DbOrTx, w: WriteCtx, id: number, patch: EventPatch): EventOut {
  const row = getEventRow(tx, id);
  assertEventOwner(w, row);
  const before = toEvent(row, w.tree);
  const changes: Partial<EventRow> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.note !== undefined) changes.note = patch.note || null;
  if (patch.affectedRegionCodes !== undefined) {
    const affected = [...new Set(patch.affectedRegionCodes)];
    checkAffected(w, affected);
    changes.affectedRegionCodes = JSON.stringify(affected);
  }
  if (row.status === 'closed' && (patch.affectedRegionCodes !== undefined || patch.stabilisedAt !== undefined)) {
    throw new DomainError('INVALID_TRANSITION', 'a closed event cannot change its area or stabilisation time', { status: row.status });
  }
  if (patch.status !== undefined) {
    const ok = nextEventStatus(row.status, patch.status);
    if (!ok.ok) throw new DomainError('INVALID_TRANSITION', ok.message, { from: row.status, to: patch.status, zh: ok.zh });
    changes.status = patch.status;
    if (patch.status === 'stabilised') changes.stabilisedAt = patch.stabilisedAt ? new Date(patch.stabilisedAt).toISOString() : w.now;
    if (patch.status === 'active') changes.stabilisedAt = null; // 灾情反复: updates are due again
    if (patch.status === 'closed') changes.closedAt = w.now;
  } else if (patch.stabilisedAt !== undefined) {
    if (row.status !== 'stabilised') throw new DomainError('INVALID_TRANSITION', 'stabilisedAt can only be set on a stabilised event', { status: row.status });
    changes.stabilisedAt = new Date(patch.stabilisedAt).toISOString();
  }
  if (changes.stabilisedAt && changes.stabilisedAt < row.startedAt) {
    throw new DomainError('VALIDATION_FAILED', 'an event cannot stabilise before it started', { startedAt: row.startedAt, stabilisedAt: changes.stabilisedAt });
  }
  const updated = tx.update(events).set(changes).where(eq(events.id, id)).returning().get();
  const out = toEvent(updated, w.tree);
  writeAudit(tx, w, { action: 'event.update', entity: 'event', entityId: id, regionCode: row.regionCode, before, after: out });
  return out;
}

/**
 * Folds a duplicate into the event it duplicates: its reports and reporting log move over, each
 * touched township's counting report is decided again (latest accepted wins across both), and
 * the duplicate is closed with a pointer to the survivor. Its response log stays where it was.
 */
export function mergeEvent(tx: DbOrTx, w: WriteCtx, id: number, intoId: number) {
  assertRole(w.actor, 'officer', 'admin');
  if (id === intoId) throw new DomainError('VALIDATION_FAILED', 'an event cannot be merged into itself', { id, intoId });
  const from = getEventRow(tx, id);
  const into = getEventRow(tx, intoId);
  assertRegionInScope(w, from.regionCode);
  assertRegionInScope(w, into.regionCode);
  if (from.mergedIntoId !== null) throw new DomainError('INVALID_TRANSITION', `event #${id} was already merged into #${from.mergedIntoId}`, { mergedIntoId: from.mergedIntoId });
  if (into.mergedIntoId !== null || into.status === 'closed') {
    throw new DomainError('INVALID_TRANSITION', `event #${intoId} is closed; merge into an open event`, { intoId, status: into.status });
  }
  if (from.status === 'closed') throw new DomainError('INVALID_TRANSITION', `event #${id} is closed`, { id });
  const log = tx.select().from(responses).where(eq(responses.eventId, id)).orderBy(responses.id).all();
  const active = [...new Set(log.map((l) => l.regionCode))].filter((code) =>
    replayResponses(log.filter((l) => l.regionCode === code).map((l) => ({ action: l.action, level: l.level ?? undefined }))).activeLevel !== null);
  if (active.length) {
    throw new DomainError('CONFLICT', 'terminate the duplicate event\'s active responses before merging it', { regionCodes: active });
  }
  const townships = tx.selectDistinct({ code: reports.townshipCode }).from(reports).where(eq(reports.eventId, id)).all().map((r) => r.code);
  const movedReports = tx.select({ id: reports.id }).from(reports).where(eq(reports.eventId, id)).all().length;
  tx.delete(townshipFigures).where(eq(townshipFigures.eventId, id)).run();
  // Both events may count a report for one township: park the moving ones, then recount decides.
  tx.update(reports).set({ status: 'superseded' }).where(and(eq(reports.eventId, id), eq(reports.status, 'accepted'))).run();
  tx.update(reports).set({ eventId: intoId }).where(eq(reports.eventId, id)).run();
  tx.update(townshipReporting).set({ eventId: intoId }).where(eq(townshipReporting.eventId, id)).run();
  for (const code of townships) recountTownship(tx, intoId, code);
  // The survivor's area grows by the duplicate's, so every moved report still lies inside it.
  const area = areaCodes(areaOf(into));
  for (const code of areaCodes(areaOf(from))) {
    if (!area.some((a) => w.tree.isWithin(code, a))) area.push(code);
  }
  const survivor = tx.update(events).set({ affectedRegionCodes: JSON.stringify(area) }).where(eq(events.id, intoId)).returning().get();
  const closed = tx.update(events).set({ status: 'closed', closedAt: w.now, mergedIntoId: intoId }).where(eq(events.id, id)).returning().get();
  const out = { event: toEvent(closed, w.tree), into: toEvent(survivor, w.tree), movedReports, townships: townships.length };
  writeAudit(tx, w, { action: 'event.merge', entity: 'event', entityId: id, regionCode: from.regionCode, before: toEvent(from, w.tree), after: out });
  return out;
}
