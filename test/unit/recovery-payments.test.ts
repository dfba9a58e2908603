import { describe, expect, it } from 'vitest';
import {
  assertNotPaidTwice, checkNotPaidTwice, DuplicatePaymentError, type ExistingPayment,
} from '../../api/modules/recovery/payments';

const winter = (id: number, over: Partial<ExistingPayment> = {}): ExistingPayment =>
  ({ id, householdId: 1, category: 'winter_spring', season: '2026-2027', ...over });
const rebuild = (id: number, stage: ExistingPayment['stage'], over: Partial<ExistingPayment> = {}): ExistingPayment =>
  ({ id, householdId: 1, category: 'rebuild', season: 'event-42', rebuildCaseId: 10, stage, ...over });

describe('paying a household twice', () => {
  it('refuses a second winter-spring payment to the same household in the same season', () => {
    expect(checkNotPaidTwice([winter(1)], { householdId: 1, category: 'winter_spring', season: '2026-2027' }))
      .toMatchObject({ code: 'DUPLICATE_PAYMENT', details: { conflictingPaymentId: 1 } });
  });

  it('allows the same household in another season, another category or another household', () => {
    const paid = [winter(1)];
    expect(checkNotPaidTwice(paid, { householdId: 1, category: 'winter_spring', season: '2027-2028' })).toBeNull();
    expect(checkNotPaidTwice(paid, { householdId: 1, category: 'transitional', season: '2026-2027' })).toBeNull();
    expect(checkNotPaidTwice(paid, { householdId: 2, category: 'winter_spring', season: '2026-2027' })).toBeNull();
  });

  it('does not count a payment that was reversed', () => {
    expect(checkNotPaidTwice([winter(1, { reversed: true })], { householdId: 1, category: 'winter_spring', season: '2026-2027' })).toBeNull();
  });

  it('pays the start, progress and completion stages of one rebuild subsidy without complaint', () => {
    const key = { householdId: 1, category: 'rebuild' as const, season: 'event-42', rebuildCaseId: 10 };
    expect(checkNotPaidTwice([], { ...key, stage: 'start' })).toBeNull();
    expect(checkNotPaidTwice([rebuild(1, 'start')], { ...key, stage: 'progress' })).toBeNull();
    expect(checkNotPaidTwice([rebuild(1, 'start'), rebuild(2, 'progress')], { ...key, stage: 'completion' })).toBeNull();
  });

  it('refuses the same rebuild stage twice', () => {
    expect(checkNotPaidTwice([rebuild(1, 'start')], { householdId: 1, category: 'rebuild', season: 'event-42', rebuildCaseId: 10, stage: 'start' }))
      .toMatchObject({ code: 'DUPLICATE_PAYMENT', details: { stage: 'start' } });
  });

  it('refuses a second rebuild case for the same household and season', () => {
    expect(checkNotPaidTwice([rebuild(1, 'start')], { householdId: 1, category: 'rebuild', season: 'event-42', rebuildCaseId: 11, stage: 'start' }))
      .toMatchObject({ code: 'DUPLICATE_PAYMENT', message: '该户同一救助期已有另一宗重建补助发放' });
  });

  it('throws a DuplicatePaymentError from the assert form', () => {
    expect(() => assertNotPaidTwice([winter(1)], { householdId: 1, category: 'winter_spring', season: '2026-2027' }))
      .toThrow(DuplicatePaymentError);
    expect(() => assertNotPaidTwice([], { householdId: 1, category: 'winter_spring', season: '2026-2027' })).not.toThrow();
  });
});
