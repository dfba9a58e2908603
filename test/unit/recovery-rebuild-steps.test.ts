import { describe, expect, it } from 'vitest';
import rules from '../../db/seed/rebuild-rules.json' with { type: 'json' };
import {
  advanceRebuildCase, constructionProgress, priorityRank, rebuildOverdue,
  type AdvanceResult, type RebuildCase, type RebuildRules,
} from '../../api/modules/recovery/rebuild-steps';
import type { RebuildAdvanceInput } from '../../api/modules/recovery/schemas';
import { WEEKENDS_ONLY, type WorkCalendar } from '../../api/modules/calendar/working-days';

const RULES = rules as RebuildRules;
const ctx = { rules: RULES, subsidyFen: 1_500_000 };
const t = (iso: string) => new Date(iso);
const H = 3600_000, DAY = 24 * H;

function ledgerEntry(overrides: Partial<RebuildCase> = {}): RebuildCase {
  return { status: 'inspected', damageClass: 'collapsed', rooms: 3, disasterAt: '2026-07-01T00:00:00.000Z',
    inspectedAt: '2026-07-05T02:00:00.000Z', objections: [], ...overrides };
}
function step(c: RebuildCase, action: RebuildAdvanceInput, at: string): RebuildCase {
  const r = advanceRebuildCase(c, action, t(at), ctx);
  if ('refused' in r) throw new Error(`${action.action} refused: ${r.refused.message}`);
  return r.case;
}
const refusal = (r: AdvanceResult) => ('refused' in r ? r.refused.code : null);
const NOTICE = { action: 'post_notice', noticeStart: '2026-07-10T00:00:00.000Z', noticeEnd: '2026-07-17T00:00:00.000Z' } as const;
const onNotice = () => step(step(ledgerEntry(), { action: 'apply' }, '2026-07-08T00:00:00Z'), NOTICE, '2026-07-10T00:00:00Z');
const countyApproved = () => {
  const v = step(onNotice(), { action: 'village_approve' }, '2026-07-17T00:00:00Z');
  return step(step(v, { action: 'township_approve' }, '2026-07-20T00:00:00Z'), { action: 'county_approve' }, '2026-07-25T00:00:00Z');
};

describe('housing rebuild case', () => {
  it('walks from the ledger to moving in, recording when each step happened', () => {
    const approved = countyApproved();
    expect(approved).toMatchObject({ status: 'county_approved', subsidyFen: 1_500_000, countyApprovedAt: '2026-07-25T00:00:00.000Z' });
    expect(constructionProgress(approved)).toBe('not_started');
    const started = step(approved, { action: 'start_construction' }, '2026-08-01T00:00:00Z');
    const done = step(started, { action: 'complete_construction' }, '2026-10-01T00:00:00Z');
    const home = step(done, { action: 'move_in' }, '2026-10-20T00:00:00Z');
    expect([started, done, home].map(constructionProgress)).toEqual(['started', 'completed', 'moved_in']);
    expect(home).toMatchObject({ appliedAt: '2026-07-08T00:00:00.000Z', villageApprovedAt: '2026-07-17T00:00:00.000Z',
      townshipReviewedAt: '2026-07-20T00:00:00.000Z', startedAt: '2026-08-01T00:00:00.000Z', movedInAt: '2026-10-20T00:00:00.000Z' });
  });

  it('returns only the fields that changed, for the audit row', () => {
    const r = advanceRebuildCase(ledgerEntry(), { action: 'apply' }, t('2026-07-08T00:00:00Z'), ctx);
    expect(r).toMatchObject({ changes: { status: 'applied', appliedAt: '2026-07-08T00:00:00.000Z' } });
  });

  it('refuses to skip a step', () => {
    const c = ledgerEntry();
    for (const action of ['post_notice', 'village_approve', 'township_approve', 'county_approve', 'start_construction', 'move_in', 'reject'] as const) {
      const input = (action === 'post_notice' ? NOTICE : action === 'reject' ? { action, reason: '不符合' } : { action }) as RebuildAdvanceInput;
      expect(refusal(advanceRebuildCase(c, input, t('2026-07-08T00:00:00Z'), ctx))).toBe('INVALID_TRANSITION');
    }
  });

  it('refuses construction before the county has approved', () => {
    const v = step(onNotice(), { action: 'village_approve' }, '2026-07-17T00:00:00Z');
    expect(refusal(advanceRebuildCase(v, { action: 'start_construction' }, t('2026-07-18T00:00:00Z'), ctx))).toBe('INVALID_TRANSITION');
  });

  it('refuses a step dated before the previous one', () => {
    const applied = step(ledgerEntry(), { action: 'apply' }, '2026-07-08T00:00:00Z');
    const r = advanceRebuildCase(applied, NOTICE, t('2026-07-07T00:00:00Z'), ctx);
    expect(refusal(r)).toBe('INVALID_TRANSITION');
  });

  it('refuses progress once a case is rejected', () => {
    const rejected = step(onNotice(), { action: 'reject', reason: '非唯一住房' }, '2026-07-12T00:00:00Z');
    expect(refusal(advanceRebuildCase(rejected, { action: 'apply' }, t('2026-07-13T00:00:00Z'), ctx))).toBe('INVALID_TRANSITION');
  });
});

describe('public notice (公示) of at least 7 full days', () => {
  const posted = (end: string) => advanceRebuildCase(step(ledgerEntry(), { action: 'apply' }, '2026-07-08T00:00:00Z'),
    { ...NOTICE, noticeEnd: end }, t('2026-07-10T00:00:00Z'), ctx);

  it('refuses to post a notice of 6 days 23 hours', () => {
    const end = new Date(Date.parse(NOTICE.noticeStart) + 7 * DAY - H).toISOString();
    expect(refusal(posted(end))).toBe('NOTICE_TOO_SHORT');
  });

  it('accepts a notice of exactly 7 days', () => {
    expect(posted('2026-07-17T00:00:00.000Z')).toMatchObject({ case: { status: 'notice', noticeEnd: '2026-07-17T00:00:00.000Z' } });
  });

  it('refuses village approval while the notice is still up, even an hour before it ends', () => {
    const r = advanceRebuildCase(onNotice(), { action: 'village_approve' }, t('2026-07-16T23:00:00Z'), ctx);
    expect(r).toMatchObject({ refused: { code: 'NOTICE_TOO_SHORT', message: '公示尚未结束' } });
  });

  it('refuses village approval on a stored notice shorter than 7 days', () => {
    const short = { ...onNotice(), noticeEnd: '2026-07-16T23:00:00.000Z' };
    const r = advanceRebuildCase(short, { action: 'village_approve' }, t('2026-07-20T00:00:00Z'), ctx);
    expect(r).toMatchObject({ refused: { code: 'NOTICE_TOO_SHORT', details: { minDays: 7 } } });
  });

  it('allows village approval the moment the 7th day ends', () => {
    const r = advanceRebuildCase(onNotice(), { action: 'village_approve' }, t('2026-07-17T00:00:00Z'), ctx);
    expect(r).toMatchObject({ case: { status: 'village_approved' } });
  });

  it('holds approval until every objection is resolved', () => {
    let c = step(onNotice(), { action: 'record_objection', objection: '该户在镇上另有住房' }, '2026-07-12T00:00:00Z');
    const blocked = advanceRebuildCase(c, { action: 'village_approve' }, t('2026-07-18T00:00:00Z'), ctx);
    expect(blocked).toMatchObject({ refused: { code: 'OBJECTIONS_OPEN', details: { open: 1 } } });
    c = step(c, { action: 'resolve_objection', objectionIndex: 0, resolution: '经核实镇上住房已出售' }, '2026-07-15T00:00:00Z');
    expect(c.objections[0]).toMatchObject({ resolvedAt: '2026-07-15T00:00:00.000Z' });
    expect(step(c, { action: 'village_approve' }, '2026-07-18T00:00:00Z').status).toBe('village_approved');
  });

  it('refuses to resolve an objection that does not exist or is already resolved', () => {
    const r = advanceRebuildCase(onNotice(), { action: 'resolve_objection', objectionIndex: 0, resolution: 'x' }, t('2026-07-12T00:00:00Z'), ctx);
    expect(refusal(r)).toBe('INVALID_TRANSITION');
  });
});

describe('rejection at each review step', () => {
  const reject = (c: RebuildCase, at: string) => step(c, { action: 'reject', reason: '核实为第二套住房' }, at);

  it('records which body rejected the case and why', () => {
    const village = reject(onNotice(), '2026-07-17T00:00:00Z');
    const v = step(onNotice(), { action: 'village_approve' }, '2026-07-17T00:00:00Z');
    const township = reject(v, '2026-07-18T00:00:00Z');
    const county = reject(step(v, { action: 'township_approve' }, '2026-07-20T00:00:00Z'), '2026-07-21T00:00:00Z');
    expect([village, township, county].map((c) => c.rejectedAtStep)).toEqual(['village', 'township', 'county']);
    expect(county).toMatchObject({ status: 'rejected', rejectionReason: '核实为第二套住房', rejectedAt: '2026-07-21T00:00:00.000Z' });
  });

  it('cannot reject a case the county already approved', () => {
    const r = advanceRebuildCase(countyApproved(), { action: 'reject', reason: 'x' }, t('2026-08-01T00:00:00Z'), ctx);
    expect(refusal(r)).toBe('INVALID_TRANSITION');
  });
});

describe('deadlines', () => {
  const overdue = (c: RebuildCase, now: string, calendar: WorkCalendar = WEEKENDS_ONLY) =>
    rebuildOverdue(c, t(now), { rules: RULES, calendar });
  const END_OF_0722_BEIJING = '2026-07-22T15:59:59.999Z';

  it('flags a ledger entry filed after the 15th working day after the disaster', () => {
    // Disaster Wednesday 1 July 08:00 Beijing; the 15th working day after is Wednesday 22 July.
    expect(overdue(ledgerEntry({ inspectedAt: '2026-07-22T15:00:00.000Z' }), '2026-08-01T00:00:00Z')).toEqual([]);
    expect(overdue(ledgerEntry({ inspectedAt: '2026-07-22T16:00:00.000Z' }), '2026-08-01T00:00:00Z'))
      .toEqual([{ step: 'ledger', dueAt: END_OF_0722_BEIJING, doneAt: '2026-07-22T16:00:00.000Z' }]);
  });

  it('gives the ledger one more day for each public holiday in the way', () => {
    const withHoliday = { holidays: ['2026-07-15'] };
    expect(overdue(ledgerEntry({ inspectedAt: '2026-07-23T08:00:00.000Z' }), '2026-08-01T00:00:00Z', withHoliday)).toEqual([]);
  });

  it('flags a township review still pending after the 10th day from village approval', () => {
    const v = step(onNotice(), { action: 'village_approve' }, '2026-07-17T00:00:00Z');
    expect(overdue(v, '2026-07-27T15:59:59.999Z')).toEqual([]);
    expect(overdue(v, '2026-07-27T16:00:00Z')).toEqual([{ step: 'township_review', dueAt: '2026-07-27T15:59:59.999Z' }]);
  });

  it('flags a county approval that came late, and counts a county rejection as its review', () => {
    const tw = step(step(onNotice(), { action: 'village_approve' }, '2026-07-17T00:00:00Z'), { action: 'township_approve' }, '2026-07-20T00:00:00Z');
    const late = step(tw, { action: 'county_approve' }, '2026-08-05T00:00:00Z');
    expect(overdue(late, '2026-09-01T00:00:00Z')).toEqual([{ step: 'county_review', dueAt: '2026-07-30T15:59:59.999Z', doneAt: '2026-08-05T00:00:00.000Z' }]);
    const rejectedInTime = step(tw, { action: 'reject', reason: '不符合条件' }, '2026-07-25T00:00:00Z');
    expect(overdue(rejectedInTime, '2026-09-01T00:00:00Z')).toEqual([]);
  });
});

describe('priority households go first', () => {
  it('ranks 低保, 特困, 散居特困 and disabled households ahead of the rest', () => {
    expect(['dibao', 'tekun', 'sanju_tekun', 'disabled'].map((f) => priorityRank([f as 'dibao']))).toEqual([0, 0, 0, 0]);
    expect(priorityRank(['general'])).toBe(1);
    expect(priorityRank(['youfu'])).toBe(1);
    expect(priorityRank(['youfu', 'disabled'])).toBe(0);
  });
});
