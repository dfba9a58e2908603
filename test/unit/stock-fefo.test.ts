import { describe, expect, it } from 'vitest';
import { addDays, classifyExpiry, dayInShanghai, daysBetween, pickLotsFefo, usableQuantity, type LotOnHand } from '../../api/modules/stock/fefo';

const lot = (lotId: number, expiresOn: string | null, quantity: number, batchNo: string | null = `B${lotId}`): LotOnHand =>
  ({ lotId, batchNo, expiresOn, quantity });
const today = '2025-06-15';

describe('pickLotsFefo', () => {
  it('takes the earliest-expiring lot first, then the next', () => {
    const lots = [lot(1, '2026-03-01', 10), lot(2, '2025-09-01', 5), lot(3, '2025-12-01', 10)];
    expect(pickLotsFefo(lots, 12, today)).toEqual({ takes: [{ lotId: 2, quantity: 5 }, { lotId: 3, quantity: 7 }] });
  });

  it('breaks a tie in expiry by the older lot (lower id)', () => {
    const lots = [lot(7, '2025-09-01', 4), lot(3, '2025-09-01', 4), lot(5, '2025-09-01', 4)];
    expect(pickLotsFefo(lots, 6, today)).toEqual({ takes: [{ lotId: 3, quantity: 4 }, { lotId: 5, quantity: 2 }] });
  });

  it('takes lots that never expire last, oldest first', () => {
    const lots = [lot(1, null, 10), lot(4, null, 10), lot(2, '2030-01-01', 3)];
    expect(pickLotsFefo(lots, 15, today)).toEqual({ takes: [{ lotId: 2, quantity: 3 }, { lotId: 1, quantity: 10 }, { lotId: 4, quantity: 2 }] });
  });

  it('never issues an expired lot, even when it is the only one', () => {
    expect(pickLotsFefo([lot(1, '2025-06-14', 100)], 1, today)).toEqual({ shortBy: 1, available: 0 });
  });

  it('still issues a lot on its last usable day (有效期至 is inclusive)', () => {
    expect(pickLotsFefo([lot(1, today, 3)], 3, today)).toEqual({ takes: [{ lotId: 1, quantity: 3 }] });
  });

  it('skips expired lots and reports what is short without taking anything', () => {
    const lots = [lot(1, '2025-01-01', 50), lot(2, '2025-07-01', 5), lot(3, null, 2)];
    expect(pickLotsFefo(lots, 10, today)).toEqual({ shortBy: 3, available: 7 });
  });

  it('takes only from the named batch, still earliest expiry first', () => {
    const lots = [lot(1, '2025-07-01', 9, 'A'), lot(2, '2025-12-01', 4, 'B'), lot(3, '2025-08-01', 4, 'B')];
    expect(pickLotsFefo(lots, 5, today, { batchNo: 'B' })).toEqual({ takes: [{ lotId: 3, quantity: 4 }, { lotId: 2, quantity: 1 }] });
    expect(pickLotsFefo(lots, 9, today, { batchNo: 'B' })).toEqual({ shortBy: 1, available: 8 });
    expect(pickLotsFefo(lots, 1, today, { batchNo: 'C' })).toEqual({ shortBy: 1, available: 0 });
  });

  it('leaves out lots that would expire before the goods arrive (usableAfter)', () => {
    const lots = [lot(1, '2025-06-16', 10), lot(2, '2025-06-18', 10), lot(3, '2025-06-20', 10)];
    // Arrives on the 18th: lot 2 is still good that day, lot 1 is not.
    expect(pickLotsFefo(lots, 15, today, { usableAfter: '2025-06-18' })).toEqual({ takes: [{ lotId: 2, quantity: 10 }, { lotId: 3, quantity: 5 }] });
    expect(pickLotsFefo(lots, 25, today, { usableAfter: '2025-06-18' })).toEqual({ shortBy: 5, available: 20 });
  });

  it('never lets usableAfter bring back a lot already expired today', () => {
    expect(pickLotsFefo([lot(1, '2025-06-10', 5)], 1, today, { usableAfter: '2025-06-01' })).toEqual({ shortBy: 1, available: 0 });
  });

  it('ignores empty lots and takes nothing more than asked', () => {
    const lots = [lot(1, '2025-07-01', 0), lot(2, '2025-08-01', 5)];
    expect(pickLotsFefo(lots, 5, today)).toEqual({ takes: [{ lotId: 2, quantity: 5 }] });
  });

  it('refuses a non-positive or fractional quantity and a date that is not YYYY-MM-DD', () => {
    expect(() => pickLotsFefo([], 0, today)).toThrow(RangeError);
    expect(() => pickLotsFefo([], 1.5, today)).toThrow(RangeError);
    expect(() => pickLotsFefo([], 1, '2025-06-15T10:00:00Z')).toThrow(RangeError);
    expect(() => pickLotsFefo([lot(1, '2025/07/01', 1)], 1, today)).toThrow(RangeError);
  });
});

describe('classifyExpiry', () => {
  it('calls a lot expired only after its last usable day', () => {
    expect(classifyExpiry({ expiresOn: '2025-06-14' }, today, 30)).toBe('expired');
    expect(classifyExpiry({ expiresOn: today }, today, 30)).toBe('expiring');
  });

  it('flags a lot from warnDays before expiry', () => {
    expect(classifyExpiry({ expiresOn: '2025-07-15' }, today, 30)).toBe('expiring');   // 30 days left
    expect(classifyExpiry({ expiresOn: '2025-07-16' }, today, 30)).toBe('ok');         // 31 days left
  });

  it('flags the last day even for an item without warnDays, and never a lot that does not expire', () => {
    expect(classifyExpiry({ expiresOn: today }, today, null)).toBe('expiring');
    expect(classifyExpiry({ expiresOn: '2025-06-16' }, today)).toBe('ok');
    expect(classifyExpiry({ expiresOn: null }, today, 30)).toBe('ok');
  });
});

describe('dates', () => {
  it('counts days across month ends and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('takes today from Beijing time, not UTC', () => {
    expect(dayInShanghai(new Date('2025-06-30T16:30:00Z'))).toBe('2025-07-01');
    expect(dayInShanghai(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
  });

  it('counts only lots still usable on a day as plannable stock', () => {
    expect(usableQuantity([lot(1, '2025-06-14', 5), lot(2, today, 3), lot(3, null, 2)], today)).toBe(5);
  });
});
