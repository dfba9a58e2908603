// What the figures call for in a region (assessment), and the log of what officers decided
// (启动/提升/降低/终止), each decision with the assessment frozen as it stood at that moment.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { regions, responses } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import { assertRegionInScope, assertRole } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { areaCodes, onOneLine } from '../events/area';
import { areaOf, getEventRow, type EventRow } from '../events/service';
import { summarize } from '../reports/summary';
import type { ResponseActionInput, ResponseLevel } from '../reports/schemas';
import { assessResponseLevel, describeReason, indicatorValues, suggestResponse, type Reason, type Suggestion } from './assess';
import { effectiveRules } from './rules';
import { applyResponseAction, replayResponses } from './transitions';

type ResponseRow = typeof responses.$inferSelect;

export interface AssessmentOut {
  eventId: number;
  regionCode: string;
  regionName: string | null;
  level: ResponseLevel | null;
  reasons: (Reason & { text: { zh: string; en: string } })[];
  rules: { regionCode: string | null; name: string; source: string | null; demo: boolean };
  figures: ReturnType<typeof summarize>['figures'];
  values: ReturnType<typeof indicatorValues>;
  agriPopulation: number | null;
  townships: number;
  updatedAt: string | null;
  activeLevel: ResponseLevel | null;
  /** Present when the figures call for more than the level in force (or none is in force). */
  suggestion: Suggestion | null;
}

function logOf(db: DbOrTx, eventId: number, regionCode: string): ResponseRow[] {
  return db.select().from(responses).where(and(eq(responses.eventId, eventId), eq(responses.regionCode, regionCode))).orderBy(asc(responses.id)).all();
}

export function activeLevelOf(db: DbOrTx, eventId: number, regionCode: string): ResponseLevel | null {
  return replayResponses(logOf(db, eventId, regionCode).map((r) => ({ action: r.action, level: r.level ?? undefined }))).activeLevel;
}

export function assessEvent(db: DbOrTx, tree: RegionTree, event: EventRow, regionCode: string, asOf?: string): AssessmentOut {
  const summary = summarize(db, tree, event, regionCode, { asOf });
  const agri = db.select({ agri: regions.agriPopulation }).from(regions).where(eq(regions.code, regionCode)).get()?.agri ?? null;
  const rules = effectiveRules(db, tree, regionCode);
  const assessment = assessResponseLevel(summary.figures, agri, rules.thresholds);
  const activeLevel = activeLevelOf(db, event.id, regionCode);
  const suggestion = suggestResponse(assessment, activeLevel);
  return {
    eventId: event.id, regionCode, regionName: summary.name, level: assessment.level,
    reasons: assessment.reasons.map((r) => ({ ...r, text: { zh: describeReason(r, 'zh'), en: describeReason(r, 'en') } })),
    rules: { regionCode: rules.regionCode, name: rules.name, source: rules.source, demo: rules.demo },
    figures: summary.figures, values: indicatorValues(summary.figures, agri), agriPopulation: agri,
    townships: summary.townships, updatedAt: summary.updatedAt, activeLevel,
    suggestion: suggestion.action ? suggestion : null,
  };
}

export interface ResponseOut {
  id: number;
  eventId: number;
  regionCode: string;
  regionName: string | null;
  action: ResponseRow['action'];
  level: number | null;
  activeLevel: number | null;
  note: string;
  actor: string;
  at: string;
  assessment: AssessmentOut;
}

const toResponse = (r: ResponseRow, tree: RegionTree): ResponseOut => ({
  id: r.id, eventId: r.eventId, regionCode: r.regionCode, regionName: tree.get(r.regionCode)?.name ?? null,
  action: r.action, level: r.level, activeLevel: r.activeLevel, note: r.note, actor: r.actorName, at: r.at,
  assessment: JSON.parse(r.assessment) as AssessmentOut,
});

/**
 * Records one step of a region's response to an event. The region is one on the event's line (the
 * league for a league event, or the province above it, or a county inside it) and in the officer's area.
 */
export function recordResponse(tx: DbOrTx, w: WriteCtx, eventId: number, input: ResponseActionInput): ResponseOut {
  assertRole(w.actor, 'officer', 'admin');
  const event = getEventRow(tx, eventId);
  assertRegionInScope(w, input.regionCode);
  if (!areaCodes(areaOf(event)).some((a) => onOneLine(w.tree, a, input.regionCode))) {
    throw new DomainError('OUTSIDE_EVENT_AREA', `region ${input.regionCode} neither contains nor lies inside the area of event #${eventId}`, { regionCode: input.regionCode });
  }
  if ((event.status === 'closed' || event.mergedIntoId !== null) && input.action !== 'terminate') {
    throw new DomainError('INVALID_TRANSITION', 'this event is closed; only terminating a response is possible', { status: event.status, action: input.action });
  }
  const state = { activeLevel: activeLevelOf(tx, eventId, input.regionCode) };
  const result = applyResponseAction(state, { action: input.action, level: input.level });
  if (!result.ok) throw new DomainError('INVALID_TRANSITION', result.refusal.message, { ...result.refusal.details, zh: result.refusal.zh });
  const assessment = assessEvent(tx, w.tree, event, input.regionCode);
  const row = tx.insert(responses).values({
    eventId, regionCode: input.regionCode, action: input.action, level: input.action === 'terminate' ? null : input.level ?? null,
    activeLevel: result.state.activeLevel, note: input.note, actorId: w.actor.id || null, actorName: w.actor.username, at: w.now,
    assessment: JSON.stringify(assessment),
  }).returning().get();
  const out = toResponse(row, w.tree);
  writeAudit(tx, w, { action: `response.${input.action}`, entity: 'event', entityId: eventId, regionCode: input.regionCode,
    before: { activeLevel: state.activeLevel }, after: { id: row.id, action: row.action, level: row.level, activeLevel: row.activeLevel, note: row.note } });
  return out;
}

/** The log of an event inside the reader's area (or of one region), oldest first: a timeline. */
export function listResponses(db: DbOrTx, s: { actor: Actor; tree: RegionTree }, eventId: number, regionCode?: string): ResponseOut[] {
  const rows = db.select().from(responses).where(eq(responses.eventId, eventId)).orderBy(asc(responses.id)).all();
  return rows
    .filter((r) => (regionCode ? r.regionCode === regionCode : true))
    .filter((r) => s.actor.role === 'admin' || onOneLine(s.tree, r.regionCode, s.actor.regionCode))
    .map((r) => toResponse(r, s.tree));
}
