// The housing-rebuild case (倒损住房恢复重建, docs/domain.md §4) as a pure state machine:
// ledger → 户申请 → 村评议+公示 → 乡审核 → 县审批 → 开工 → 竣工 → 入住, refusable at each review.
import rebuildRulesSeed from '../../../db/seed/rebuild-rules.json' with { type: 'json' };
import { addWorkingDays, endOfShanghaiDay, type WorkCalendar } from '../calendar/working-days';
import type { DamageClass, HouseholdFlag, RebuildAdvanceInput } from './schemas';

export const REBUILD_STATUSES = [
  'inspected', 'applied', 'notice', 'village_approved', 'township_reviewed', 'county_approved',
  'started', 'completed', 'moved_in', 'rejected',
] as const;
export type RebuildStatus = (typeof REBUILD_STATUSES)[number];

export const REBUILD_STATUS_LABELS: Record<RebuildStatus, string> = {
  inspected: '已核查入账', applied: '户已申请', notice: '村评议公示中', village_approved: '村评议通过',
  township_reviewed: '乡镇已审核', county_approved: '县已审批（未开工）', started: '已开工',
  completed: '已竣工', moved_in: '已入住', rejected: '未通过',
};

export type ReviewStep = 'village' | 'township' | 'county';
export interface Objection { raisedAt: string; text: string; resolvedAt?: string; resolution?: string }

/** Times are ISO 8601 instants, as stored. */
export interface RebuildCase {
  status: RebuildStatus;
  damageClass: DamageClass;
  rooms: number;
  disasterAt: string;
  inspectedAt: string;
  appliedAt?: string;
  noticePostedAt?: string;
  noticeStart?: string;
  noticeEnd?: string;
  objections: Objection[];
  villageApprovedAt?: string;
  townshipReviewedAt?: string;
  countyApprovedAt?: string;
  subsidyFen?: number;
  startedAt?: string;
  completedAt?: string;
  movedInAt?: string;
  rejectedAt?: string;
  rejectedAtStep?: ReviewStep;
  rejectionReason?: string;
}

export interface Deadline { days: number; unit: 'working_days' | 'calendar_days' }
export interface RebuildRules {
  ledgerDeadline: Deadline;
  noticeMinDays: number;
  reviewDeadlines: { township: Deadline; county: Deadline };
  spotCheck: { rebuildFraction: number; winterRosterFraction: number };
  priorityFlags: readonly HouseholdFlag[];
}
export const DEFAULT_REBUILD_RULES = rebuildRulesSeed as RebuildRules;

export type RefusalCode = 'INVALID_TRANSITION' | 'NOTICE_TOO_SHORT' | 'OBJECTIONS_OPEN';
export interface Refusal { code: RefusalCode; message: string; details?: Record<string, unknown> }
export type AdvanceResult = { case: RebuildCase; changes: Partial<RebuildCase> } | { refused: Refusal };

export interface AdvanceContext {
  rules: Pick<RebuildRules, 'noticeMinDays'>;
  /** Required for county_approve: the service computes it with computeRebuildSubsidy. */
  subsidyFen?: number;
}

type Action = RebuildAdvanceInput['action'];
// Which statuses each action may leave from. Objections keep the case in 'notice'.
const FROM: Record<Action, readonly RebuildStatus[]> = {
  apply: ['inspected'],
  post_notice: ['applied'],
  record_objection: ['notice'],
  resolve_objection: ['notice'],
  village_approve: ['notice'],
  township_approve: ['village_approved'],
  county_approve: ['township_reviewed'],
  reject: ['applied', 'notice', 'village_approved', 'township_reviewed'],
  start_construction: ['county_approved'],
  complete_construction: ['started'],
  move_in: ['completed'],
};
/** The actions the state machine accepts from a status (what a case screen may offer next). */
export function actionsFrom(status: RebuildStatus): Action[] {
  return (Object.keys(FROM) as Action[]).filter((a) => FROM[a].includes(status));
}

// A rejection belongs to the body whose review the case is waiting for.
const REVIEWER: Partial<Record<RebuildStatus, ReviewStep>> = {
  applied: 'village', notice: 'village', village_approved: 'township', township_reviewed: 'county',
};

const DAY_MS = 24 * 60 * 60 * 1000;
const refuse = (code: RefusalCode, message: string, details?: Record<string, unknown>) =>
  ({ refused: { code, message, details } });

/** The latest moment recorded on the case: a step cannot be dated before it. */
function lastStepAt(c: RebuildCase): number {
  const times = [c.inspectedAt, c.appliedAt, c.noticePostedAt, c.villageApprovedAt, c.townshipReviewedAt,
    c.countyApprovedAt, c.startedAt, c.completedAt, c.movedInAt, c.rejectedAt,
    ...c.objections.flatMap((o) => [o.raisedAt, o.resolvedAt])];
  return Math.max(...times.filter((t): t is string => !!t).map(Date.parse));
}

/**
 * The notice ran 7 FULL days when noticeEnd − noticeStart ≥ noticeMinDays × 24 h (exact instants,
 * so 6 days 23 h fails) and it is over: now ≥ noticeEnd. Pass now = null to check length only.
 */
export function noticeShortfall(noticeStart: string, noticeEnd: string, now: Date | null, minDays: number): Refusal | null {
  const start = Date.parse(noticeStart), end = Date.parse(noticeEnd);
  const details = { noticeStart, noticeEnd, minDays };
  if (!(end - start >= minDays * DAY_MS)) {
    return { code: 'NOTICE_TOO_SHORT', message: `公示期不足 ${minDays} 整天`, details };
  }
  if (now && now.getTime() < end) return { code: 'NOTICE_TOO_SHORT', message: '公示尚未结束', details };
  return null;
}

export function advanceRebuildCase(c: RebuildCase, action: RebuildAdvanceInput, at: Date, ctx: AdvanceContext): AdvanceResult {
  if (!FROM[action.action].includes(c.status)) {
    return refuse('INVALID_TRANSITION', `「${REBUILD_STATUS_LABELS[c.status]}」状态下不能执行 ${action.action}`,
      { status: c.status, action: action.action });
  }
  if (at.getTime() < lastStepAt(c)) {
    return refuse('INVALID_TRANSITION', '办理时间不能早于上一步', { at: at.toISOString() });
  }
  const now = at.toISOString();
  const changes = stepChanges(c, action, at, now, ctx);
  if ('refused' in changes) return changes;
  return { case: { ...c, ...changes }, changes };
}

function stepChanges(c: RebuildCase, a: RebuildAdvanceInput, at: Date, now: string, ctx: AdvanceContext):
  Partial<RebuildCase> | { refused: Refusal } {
  switch (a.action) {
    case 'apply': return { status: 'applied', appliedAt: now };
    case 'post_notice': {
      if (Date.parse(a.noticeStart) < Date.parse(c.appliedAt!)) {
        return refuse('INVALID_TRANSITION', '公示不能早于户申请');
      }
      // Refuse a too-short notice when it is posted, not a week later at approval.
      const short = noticeShortfall(a.noticeStart, a.noticeEnd, null, ctx.rules.noticeMinDays);
      if (short) return { refused: short };
      return { status: 'notice', noticePostedAt: now, noticeStart: a.noticeStart, noticeEnd: a.noticeEnd };
    }
    case 'record_objection':
      return { objections: [...c.objections, { raisedAt: now, text: a.objection }] };
    case 'resolve_objection': {
      const o = c.objections[a.objectionIndex];
      if (!o || o.resolvedAt) return refuse('INVALID_TRANSITION', '没有这条待处理的异议');
      const objections = c.objections.map((x, i) => (i === a.objectionIndex
        ? { ...x, resolvedAt: now, resolution: a.resolution } : x));
      return { objections };
    }
    case 'village_approve': {
      const short = noticeShortfall(c.noticeStart!, c.noticeEnd!, at, ctx.rules.noticeMinDays);
      if (short) return { refused: short };
      const open = c.objections.filter((o) => !o.resolvedAt).length;
      if (open > 0) return refuse('OBJECTIONS_OPEN', `还有 ${open} 条公示异议未处理`, { open });
      return { status: 'village_approved', villageApprovedAt: now };
    }
    case 'township_approve': return { status: 'township_reviewed', townshipReviewedAt: now };
    case 'county_approve': {
      if (!Number.isInteger(ctx.subsidyFen) || ctx.subsidyFen! < 0) {
        throw new TypeError('county_approve needs ctx.subsidyFen (integer fen) from computeRebuildSubsidy');
      }
      return { status: 'county_approved', countyApprovedAt: now, subsidyFen: ctx.subsidyFen };
    }
    case 'reject':
      return { status: 'rejected', rejectedAt: now, rejectedAtStep: REVIEWER[c.status], rejectionReason: a.reason };
    case 'start_construction': return { status: 'started', startedAt: now };
    case 'complete_construction': return { status: 'completed', completedAt: now };
    case 'move_in': return { status: 'moved_in', movedInAt: now };
  }
}

/** 未开工 / 开工 / 竣工 / 入住 for approved cases; null before approval or after rejection. */
export function constructionProgress(c: Pick<RebuildCase, 'status'>): 'not_started' | 'started' | 'completed' | 'moved_in' | null {
  if (c.status === 'county_approved') return 'not_started';
  if (c.status === 'started' || c.status === 'completed' || c.status === 'moved_in') return c.status;
  return null;
}

/** 低保、特困、散居特困 and disabled households go first (rank 0); everyone else after (rank 1). */
export function priorityRank(flags: readonly HouseholdFlag[],
  priorityFlags: readonly HouseholdFlag[] = DEFAULT_REBUILD_RULES.priorityFlags): 0 | 1 {
  return flags.some((f) => priorityFlags.includes(f)) ? 0 : 1;
}

export interface OverdueFlag { step: 'ledger' | 'township_review' | 'county_review'; dueAt: string; doneAt?: string }

// "Within N days" means by the end of the Nth day in Beijing time, as for every other deadline.
function dueAfter(from: string, d: Deadline, calendar: WorkCalendar): Date {
  const nth = d.unit === 'calendar_days'
    ? new Date(Date.parse(from) + d.days * DAY_MS)
    : addWorkingDays(new Date(from), d.days, calendar.holidays, calendar.makeupWorkdays);
  return endOfShanghaiDay(nth);
}

/**
 * Deadlines missed: the ledger filed more than 15 working days after the disaster (holidays and
 * 调休 make-up days from `calendar`), and each review (township, county: 10 days from the step
 * before) done late or still pending at `now` past its due time. A rejection counts as that
 * review being done.
 */
export function rebuildOverdue(c: RebuildCase, now: Date,
  ctx: { rules: Pick<RebuildRules, 'ledgerDeadline' | 'reviewDeadlines'>; calendar: WorkCalendar }): OverdueFlag[] {
  const flags: OverdueFlag[] = [];
  const check = (step: OverdueFlag['step'], from: string | undefined, d: Deadline, doneAt: string | undefined) => {
    if (!from) return;
    const due = dueAfter(from, d, ctx.calendar);
    const doneOrNow = doneAt ? Date.parse(doneAt) : now.getTime();
    if (doneOrNow > due.getTime()) flags.push({ step, dueAt: due.toISOString(), ...(doneAt ? { doneAt } : {}) });
  };
  const rejectedBy = (s: ReviewStep) => (c.rejectedAtStep === s ? c.rejectedAt : undefined);
  check('ledger', c.disasterAt, ctx.rules.ledgerDeadline, c.inspectedAt);
  check('township_review', c.villageApprovedAt, ctx.rules.reviewDeadlines.township,
    c.townshipReviewedAt ?? rejectedBy('township'));
  check('county_review', c.townshipReviewedAt, ctx.rules.reviewDeadlines.county,
    c.countyApprovedAt ?? rejectedBy('county'));
  return flags;
}
