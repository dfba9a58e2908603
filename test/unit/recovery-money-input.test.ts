import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../web/pages/recovery/money';

describe('typing money in yuan, storing it in fen', () => {
  it('reads whole yuan and up to two decimals exactly, without float noise', () => {
    expect(yuanToFen('15000')).toBe(1_500_000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1234.56')).toBe(123_456);
    expect(yuanToFen(' 120 ')).toBe(12_000);
  });
  it('refuses what is not an amount', () => {
    for (const s of ['', 'abc', '1.234', '-5', '1,000', '1e3']) expect(yuanToFen(s)).toBeNull();
  });
  it('shows fen as yuan, dropping .00', () => {
    expect(fenToYuan(1_500_000)).toBe('15000');
    expect(fenToYuan(123_456)).toBe('1234.56');
  });
});
