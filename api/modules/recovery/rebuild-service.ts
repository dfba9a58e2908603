// Housing-rebuild cases in the database: the ledger entry, each step through the pure state machine
// (rebuild-steps.ts), the subsidy fixed at county approval, and staged payments.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { events, rebuildCaseEvents, rebuildCases, rebuildObjections, reliefPayments } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { shanghaiDay } from '../calendar/working-days';
import { assertCountyOfficer, assertFieldStaff, pastInstant } from './access';
import { recordPayment } from './funds-service';
import { disclosureFor, getHouseholdRow } from './household-service';
import { advanceRebuildCase } from './rebuild-steps';
import { computeRebuildSubsidy } from './subsidy';
import type { HouseholdFlag, PaymentInput, RebuildAdvanceInput, RebuildCaseInput } from './schemas';
import { effectiveStandard } from './standards-service';
import { caseView, mayTake, toMachineCase, type CaseRow } from './rebuild-views';

export function getCaseRow(db: DbOrTx, id: number): CaseRow {
  const row = db.select().from(rebuildCases).where(eq(rebuildCases.id, id)).get();
  if (!row) throw notFound('rebuild case', id);
  return row;
}

export function objectionsOf(db: DbOrTx, caseId: number) {
  return db.select().from(rebuildObjections).where(eq(rebuildObjections.caseId, caseId)).orderBy(rebuildObjections.idx).all();
}

/** A rebuild belongs to its disaster process; without one, to the disaster's year (Beijing time). */
export const rebuildSeason = (eventId: number | undefined, disasterAt: string) =>
  (eventId ? `event-${eventId}` : `year-${shanghaiDay(new Date(disasterAt)).slice(0, 4)}`);

export function assertEventExists(db: DbOrTx, eventId: number | undefined) {
  if (eventId !== undefined && !db.select({ id: events.id }).from(events).where(eq(events.id, eventId)).get()) throw notFound('event', eventId);
}

export function createCase(tx: DbOrTx, w: WriteCtx, input: RebuildCaseInput) {
  const household = getHouseholdRow(tx, input.householdId);
  assertFieldStaff(w, household.villageCode);
  assertEventExists(tx, input.eventId);
  const season = rebuildSeason(input.eventId, input.disasterAt);
  const open = tx.select({ id: rebuildCases.id }).from(rebuildCases).where(and(eq(rebuildCases.householdId, household.id),
    eq(rebuildCases.season, season), sql`${rebuildCases.status} <> 'rejected'`)).get();
  // Only the family's sole home is rebuilt: one open case per household and disaster.
  if (open) throw new DomainError('DUPLICATE', '该户本次灾害已有倒损住房台账', { rebuildCaseId: open.id, season });
  const inspectedAt = pastInstant(input.inspectedAt, w.now, 'inspectedAt');
  const row = tx.insert(rebuildCases).values({
    householdId: household.id, eventId: input.eventId ?? null, season, countyCode: household.countyCode,
    townshipCode: household.townshipCode, villageCode: household.villageCode, status: 'inspected', damageClass: input.damageClass,
    rooms: input.rooms, disasterAt: new Date(input.disasterAt).toISOString(), inspectedAt, inspector: input.inspector ?? null,
    createdAt: w.now, createdBy: w.actor.id || null, updatedAt: w.now,
  }).returning().get();
  tx.insert(rebuildCaseEvents).values({ caseId: row.id, action: 'inspect', at: inspectedAt, recordedAt: w.now, userId: w.actor.id || null,
    username: w.actor.username, note: input.inspector ? `核查人：${input.inspector}` : null }).run();
  writeAudit(tx, w, { action: 'recovery.rebuild.inspect', entity: 'rebuild_case', entityId: row.id, regionCode: row.villageCode, after: row });
  return caseView(tx, w.tree, w.actor, row, disclosureFor(w.actor, w.tree, { forStoredAnswer: true }), new Date(w.now));
}

const iso = (s: string) => new Date(s).toISOString();

export function advanceCase(tx: DbOrTx, w: WriteCtx, id: number, input: RebuildAdvanceInput) {
  const row = getCaseRow(tx, id);
  if (!mayTake(w.actor, w.tree, input.action, row.status)) {
    throw new DomainError('FORBIDDEN_ROLE', input.action === 'county_approve' || (input.action === 'reject' && row.status === 'township_reviewed')
      ? '县级审批由县级（及以上）应急管理干部办理' : 'your role cannot take this step', { action: input.action, role: w.actor.role });
  }
  if (input.action === 'county_approve' || (input.action === 'reject' && row.status === 'township_reviewed')) assertCountyOfficer(w, row.villageCode);
  else assertFieldStaff(w, row.villageCode);
  const at = pastInstant(input.at, w.now);
  const action: RebuildAdvanceInput = input.action === 'post_notice'
    ? { ...input, noticeStart: iso(input.noticeStart), noticeEnd: iso(input.noticeEnd) } : input;
  const objections = objectionsOf(tx, id);
  const rules = effectiveStandard(tx, w.tree, row.countyCode, 'rebuild_rules').value;
  let breakdown: unknown = undefined;
  let subsidyFen: number | undefined;
  if (action.action === 'county_approve' && row.status === 'township_reviewed') {
    const flags = getHouseholdRow(tx, row.householdId).flags as HouseholdFlag[];
    const standards = effectiveStandard(tx, w.tree, row.countyCode, 'rebuild');
    const computed = computeRebuildSubsidy({ damageClass: row.damageClass, rooms: row.rooms }, flags, standards.value);
    subsidyFen = computed.amountFen;
    breakdown = { lines: computed.breakdown, standardsFrom: standards.from, source: standards.source };
  }
  const result = advanceRebuildCase(toMachineCase(row, objections), action, new Date(at), { rules, subsidyFen });
  if ('refused' in result) throw new DomainError(result.refused.code, result.refused.message, result.refused.details ?? null);
  const { objections: newObjections, ...changes } = result.changes;
  if (newObjections) {
    newObjections.forEach((o, idx) => {
      const old = objections.find((x) => x.idx === idx);
      if (!old) {
        tx.insert(rebuildObjections).values({ caseId: id, idx, raisedAt: o.raisedAt, text: o.text, raisedBy: w.actor.id || null }).run();
      } else if (!old.resolvedAt && o.resolvedAt) {
        tx.update(rebuildObjections).set({ resolvedAt: o.resolvedAt, resolution: o.resolution ?? null, resolvedBy: w.actor.id || null })
          .where(and(eq(rebuildObjections.caseId, id), eq(rebuildObjections.idx, idx))).run();
      }
    });
  }
  tx.update(rebuildCases).set({ ...changes, ...(breakdown !== undefined && { subsidyBreakdown: breakdown }), updatedAt: w.now })
    .where(eq(rebuildCases.id, id)).run();
  const note = 'note' in action && action.note ? action.note
    : action.action === 'record_objection' ? action.objection
      : action.action === 'resolve_objection' ? action.resolution
        : action.action === 'reject' ? action.reason : null;
  tx.insert(rebuildCaseEvents).values({ caseId: id, action: action.action, at, recordedAt: w.now, userId: w.actor.id || null,
    username: w.actor.username, note: note ?? null }).run();
  writeAudit(tx, w, { action: `recovery.rebuild.${action.action}`, entity: 'rebuild_case', entityId: id, regionCode: row.villageCode,
    before: { status: row.status }, after: { ...result.changes, ...(breakdown !== undefined && { subsidyBreakdown: breakdown }), note } });
  return caseView(tx, w.tree, w.actor, getCaseRow(tx, id), disclosureFor(w.actor, w.tree, { forStoredAnswer: true }), new Date(w.now));
}

// Each instalment follows the work it pays for: 开工款 after approval, 进度款 once building, 竣工款 when done.
const STAGE_NEEDS: Record<PaymentInput['stage'], CaseRow['status'][]> = {
  start: ['county_approved', 'started', 'completed', 'moved_in'],
  progress: ['started', 'completed', 'moved_in'],
  completion: ['completed', 'moved_in'],
};

export function paidOnCases(db: DbOrTx, caseIds: number[]): Map<number, number> {
  if (caseIds.length === 0) return new Map();
  const rows = db.select({ id: reliefPayments.rebuildCaseId, fen: sql<number>`sum(${reliefPayments.amountFen})` }).from(reliefPayments)
    .where(and(inArray(reliefPayments.rebuildCaseId, caseIds), isNull(reliefPayments.reversedAt))).groupBy(reliefPayments.rebuildCaseId).all();
  return new Map(rows.map((r) => [r.id!, r.fen]));
}

export function addCasePayment(tx: DbOrTx, w: WriteCtx, id: number, input: PaymentInput) {
  const row = getCaseRow(tx, id);
  assertCountyOfficer(w, row.villageCode);
  if (!STAGE_NEEDS[input.stage].includes(row.status)) {
    throw new DomainError('INVALID_TRANSITION', `此阶段（${input.stage}）的补助须在${input.stage === 'start' ? '县审批' : input.stage === 'progress' ? '开工' : '竣工'}后发放`,
      { status: row.status, stage: input.stage });
  }
  const paid = paidOnCases(tx, [id]).get(id) ?? 0;
  if (paid + input.amountFen > (row.subsidyFen ?? 0)) {
    throw new DomainError('EXCEEDS_APPROVED', '累计发放不能超过核定补助', { subsidyFen: row.subsidyFen, paidFen: paid, requestedFen: input.amountFen });
  }
  const payment = recordPayment(tx, w, { householdId: row.householdId, countyCode: row.countyCode, category: 'rebuild', season: row.season,
    allocationId: input.allocationId, amountFen: input.amountFen, paidAt: input.paidAt, stage: input.stage, rebuildCaseId: id,
    sourceKind: 'rebuild_case', sourceId: id });
  return { payment, case: caseView(tx, w.tree, w.actor, getCaseRow(tx, id), disclosureFor(w.actor, w.tree, { forStoredAnswer: true }), new Date(w.now)) };
}

