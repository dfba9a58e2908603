import { describe, expect, it } from 'vitest';
import {
  addWorkingDays, calendarFromSeed, isWorkingDay, shanghaiDay, shanghaiTime,
} from '../../api/modules/calendar/working-days';
import { DeadlineRules, overdueFlags, reportingDeadlines, type FiledReport } from '../../api/modules/reports/deadlines';
import deadlineSeed from '../../db/seed/report-deadlines.json';
import holidaySeed from '../../db/seed/holidays-cn.json';

const rules = DeadlineRules.parse(deadlineSeed);
const calendar = calendarFromSeed(holidaySeed);
const bj = (local: string) => new Date(`${local}+08:00`); // Beijing wall-clock time
const filed = (stage: FiledReport['stage'], local: string): FiledReport => ({ stage, submittedAt: bj(local) });

describe('Shanghai calendar', () => {
  it('reads the day in Beijing time, not UTC', () => {
    expect(shanghaiDay(new Date('2026-07-10T16:30:00Z'))).toBe('2026-07-11');
    expect(shanghaiTime('2026-07-11', '09:00').toISOString()).toBe('2026-07-11T01:00:00.000Z');
  });

  it('skips weekends when adding working days, keeping the time of day', () => {
    // Friday 17:00 + 1 working day = Monday 17:00.
    expect(addWorkingDays(bj('2026-07-10T17:00:00'), 1, [])).toEqual(bj('2026-07-13T17:00:00'));
    expect(addWorkingDays(bj('2026-07-10T17:00:00'), 0, [])).toEqual(bj('2026-07-10T17:00:00'));
  });

  it('skips the National Day holiday and counts its make-up Saturday', () => {
    const start = bj('2026-09-30T10:00:00');
    expect(addWorkingDays(start, 1, calendar.holidays, calendar.makeupWorkdays)).toEqual(bj('2026-10-08T10:00:00'));
    expect(addWorkingDays(start, 3, calendar.holidays, calendar.makeupWorkdays)).toEqual(bj('2026-10-10T10:00:00'));
    expect(addWorkingDays(start, 3, calendar.holidays)).toEqual(bj('2026-10-12T10:00:00'));
  });

  it('knows the 2026 Spring Festival days off and make-up days', () => {
    expect(isWorkingDay('2026-02-16', calendar)).toBe(false); // Monday in the holiday
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true);  // Saturday worked
    expect(isWorkingDay('2026-02-24', calendar)).toBe(true);
  });
});

describe('reporting deadlines for a township', () => {
  const flood = { hazard: 'flood', startedAt: bj('2026-07-10T15:00:00') };

  it('wants the 初报 within 2 hours of the disaster and the first 续报 at 09:00 next morning', () => {
    const d = reportingDeadlines(flood, rules, bj('2026-07-10T16:00:00'), calendar);
    expect(d.initialDue).toEqual(bj('2026-07-10T17:00:00'));
    expect(d.updateDue).toEqual(bj('2026-07-11T09:00:00'));
    expect(d.lastUpdateDue).toBeNull();
    expect(d.finalDue).toBeNull();
  });

  it('moves the 续报 due time to 09:00 Beijing each day while the situation develops', () => {
    const d = reportingDeadlines(flood, rules, bj('2026-07-12T09:00:01'), calendar);
    expect(d.lastUpdateDue).toEqual(bj('2026-07-12T09:00:00'));
    expect(d.updateDue).toEqual(bj('2026-07-13T09:00:00'));
    // At 09:00 exactly that due time has arrived but nobody is late yet.
    const onTheDot = reportingDeadlines(flood, rules, bj('2026-07-12T09:00:00'), calendar);
    expect(onTheDot.lastUpdateDue).toEqual(bj('2026-07-12T09:00:00'));
    expect(overdueFlags([filed('initial', '2026-07-10T16:00:00')], onTheDot, bj('2026-07-12T09:00:00')).updateOverdue).toBe(false);
  });

  it('flags an overdue 初报 until any report is filed', () => {
    const d = reportingDeadlines(flood, rules, bj('2026-07-10T17:30:00'), calendar);
    expect(overdueFlags([], d, bj('2026-07-10T17:30:00')).initialOverdue).toBe(true);
    expect(overdueFlags([filed('initial', '2026-07-10T17:20:00')], d, bj('2026-07-10T17:30:00')).initialOverdue).toBe(false);
    expect(overdueFlags([], d, bj('2026-07-10T17:00:00')).initialOverdue).toBe(false);
  });

  it('flags a missing daily 续报 after 09:00, met by a report made since midnight', () => {
    const now = bj('2026-07-11T09:30:00');
    const d = reportingDeadlines(flood, rules, now, calendar);
    const initial = filed('initial', '2026-07-10T16:40:00');
    expect(overdueFlags([initial], d, now).updateOverdue).toBe(true);
    expect(overdueFlags([initial, filed('update', '2026-07-10T23:50:00')], d, now).updateOverdue).toBe(true);
    expect(overdueFlags([initial, filed('update', '2026-07-11T07:45:00')], d, now).updateOverdue).toBe(false);
    expect(overdueFlags([initial, filed('update', '2026-07-11T09:20:00')], d, now).updateOverdue).toBe(false); // late, but filed
    expect(overdueFlags([initial], d, bj('2026-07-11T08:59:00')).updateOverdue).toBe(false);
  });

  it('asks a drought for a 续报 every 10 days instead of daily', () => {
    const drought = { hazard: 'drought', startedAt: bj('2026-05-01T10:00:00') };
    const d = reportingDeadlines(drought, rules, bj('2026-05-05T12:00:00'), calendar);
    expect(d.updateDue).toEqual(bj('2026-05-11T09:00:00'));
    const later = reportingDeadlines(drought, rules, bj('2026-05-12T12:00:00'), calendar);
    expect(later.lastUpdateDue).toEqual(bj('2026-05-11T09:00:00'));
    expect(later.updateDue).toEqual(bj('2026-05-21T09:00:00'));
    expect(overdueFlags([filed('update', '2026-05-06T10:00:00')], later, bj('2026-05-12T12:00:00')).updateOverdue).toBe(false);
  });

  it('stops 续报 once stabilised and wants the 核报 by the end of the 2nd working day, skipping a weekend', () => {
    const event = { ...flood, stabilisedAt: bj('2026-07-17T18:00:00') }; // a Friday
    const now = bj('2026-07-20T10:00:00');
    const d = reportingDeadlines(event, rules, now, calendar);
    expect(d.updateDue).toBeNull();
    expect(d.finalDue).toEqual(new Date(bj('2026-07-22T00:00:00').getTime() - 1)); // Tuesday 23:59:59.999
    expect(overdueFlags([filed('initial', '2026-07-10T16:00:00')], d, now)).toEqual({
      initialOverdue: false, updateOverdue: false, finalOverdue: false,
    });
    expect(overdueFlags([filed('update', '2026-07-17T08:00:00')], d, bj('2026-07-22T00:00:00')).finalOverdue).toBe(true);
    expect(overdueFlags([filed('final', '2026-07-21T20:00:00')], d, bj('2026-07-22T00:00:00')).finalOverdue).toBe(false);
  });

  it('pushes the 核报 past the National Day holiday', () => {
    const event = { ...flood, startedAt: bj('2026-09-27T08:00:00'), stabilisedAt: bj('2026-09-30T12:00:00') };
    const d = reportingDeadlines(event, rules, bj('2026-10-03T12:00:00'), calendar);
    expect(shanghaiDay(d.finalDue!)).toBe('2026-10-09');
  });
});
