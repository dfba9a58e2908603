import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  generateValidIdNumber, idCheckChar, isValidIdNumber, maskBankCard, maskIdNumber, maskPhone,
} from '../../api/modules/recovery/id-number';

const TODAY = new Date('2026-06-01T00:00:00Z');
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the example printed in the standard, which ends in X', () => {
    expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true);
  });

  it("computes the standard's other example's check digit but refuses a birth before 1900", () => {
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(isValidIdNumber('440524188001010014', TODAY)).toBe(false);
  });

  it('accepts a lower-case x typed for the check character', () => {
    expect(isValidIdNumber('11010519491231002x', TODAY)).toBe(true);
  });

  it('accepts an ID generated for Xilinhot demo data', () => {
    const id = generateValidIdNumber('152502', '19900101', 123);
    expect(id).toMatch(/^15250219900101123[\dX]$/);
    expect(isValidIdNumber(id, TODAY)).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidIdNumber('110105194912310021', TODAY)).toBe(false);
  });

  it('catches any single mistyped digit', () => {
    const id = generateValidIdNumber('152502', '19900101', 123);
    fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
      const digit = (Number(id[pos]) + delta) % 10;
      const typo = id.slice(0, pos) + digit + id.slice(pos + 1);
      expect(isValidIdNumber(typo, TODAY)).toBe(false);
    }));
  });

  it('refuses an impossible birth date even with a correct check character', () => {
    expect(isValidIdNumber(withCheck('15250219900230123'), TODAY)).toBe(false); // 30 Feb
    expect(isValidIdNumber(withCheck('15250220270101123'), TODAY)).toBe(false); // not born yet
    expect(isValidIdNumber(withCheck('15250220000229123'), TODAY)).toBe(true);  // leap day
  });

  it('refuses a region code that names no province', () => {
    expect(isValidIdNumber(withCheck('99250219900101123'), TODAY)).toBe(false);
    expect(isValidIdNumber(withCheck('15000019900101123'), TODAY)).toBe(false);
    expect(isValidIdNumber(withCheck('44190019900101123'), TODAY)).toBe(true); // 东莞 has no districts
  });

  it('refuses the wrong length and stray characters', () => {
    expect(isValidIdNumber('15250219900101123', TODAY)).toBe(false);
    expect(isValidIdNumber('1525021990010112X4', TODAY)).toBe(false);
  });

  it('will not generate an ID from a bad region or date', () => {
    expect(() => generateValidIdNumber('990000', '19900101', 1)).toThrow();
    expect(() => generateValidIdNumber('152502', '19901301', 1)).toThrow();
  });
});

describe('masking personal numbers', () => {
  it('keeps the region and the last 4 of an ID number', () => {
    expect(maskIdNumber('152502199001011234')).toBe('152502********1234');
  });

  it('never shows the birth date or order code of any ID', () => {
    const birth = fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    fc.assert(fc.property(birth, fc.integer({ min: 0, max: 999 }), (b, seq) => {
      const id = generateValidIdNumber('152502', b, seq);
      const masked = maskIdNumber(id);
      expect(masked.slice(6, 14)).toBe('********');
      expect(masked).not.toContain(b);
      expect(masked).not.toContain(id.slice(6, 17));
    }));
  });

  it('shows nothing but the last 4 of a number that is not 18 long', () => {
    expect(maskIdNumber('152502900101123')).toBe('***********1123'); // old 15-digit ID
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('shows a bank card as bank prefix and last 4 whatever its length', () => {
    expect(maskBankCard('6217 0000 1234 5678 123')).toBe('6217 **** **** 8123');
    expect(maskBankCard('6217000012341234')).toBe('6217 **** **** 1234');
    expect(maskBankCard('1234567')).toBe('****');
  });

  it('shows a mobile number as the first 3 and last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0479-8221234')).toBe('047****1234');
    expect(maskPhone('123')).toBe('****');
  });
});
