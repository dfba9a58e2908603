import { describe, expect, it } from 'vitest';
import { pickLotsForDisposal, type LotOnHand } from '../../api/modules/stock/fefo';
import { autoBatchNo } from '../../api/modules/stock/ledger';
import { isoDay, sourceOf } from '../../api/modules/stock/excel';

const lot = (lotId: number, expiresOn: string | null, quantity: number, batchNo = `B${lotId}`): LotOnHand => ({ lotId, batchNo, expiresOn, quantity });

describe('pickLotsForDisposal (write-offs and stocktake shortfalls)', () => {
  it('takes expired goods first, then the earliest expiry, undated last', () => {
    const lots = [lot(1, null, 5), lot(2, '2027-01-01', 5), lot(3, '2020-01-01', 5)];
    expect(pickLotsForDisposal(lots, 8)).toEqual({ takes: [{ lotId: 3, quantity: 5 }, { lotId: 2, quantity: 3 }] });
  });
  it('takes only the named batch and says how short it is', () => {
    expect(pickLotsForDisposal([lot(1, null, 5, 'A'), lot(2, null, 5, 'B')], 6, { batchNo: 'A' })).toEqual({ shortBy: 1, available: 5 });
  });
});

describe('receipt batch numbers and spreadsheet cells', () => {
  it('gives receipts without a batch one per day and expiry', () => {
    expect(autoBatchNo('R', '2026-11-23')).toBe('R20261123');
    expect(autoBatchNo('R', '2026-11-23', '2027-06-30')).toBe('R20261123-E20270630');
  });
  it('reads the ways people type dates and sources', () => {
    expect(isoDay('2027/6/30')).toBe('2027-06-30');
    expect(isoDay('2027年6月3日')).toBe('2027-06-03');
    expect(isoDay('next week')).toBe('next week');
    expect(sourceOf('捐赠')).toBe('donation');
    expect(sourceOf('purchase')).toBe('purchase');
    expect(sourceOf('gift')).toBe('gift');
  });
});
