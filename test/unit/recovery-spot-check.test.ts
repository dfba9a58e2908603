import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import rules from '../../db/seed/rebuild-rules.json' with { type: 'json' };
import { drawSample, sampleSize } from '../../api/modules/recovery/spot-check';

const range = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i);

describe('spot-check sample', () => {
  it('takes ceil(fraction × n) cases, with no float noise', () => {
    expect(drawSample(range(30), rules.spotCheck.rebuildFraction, 's')).toHaveLength(3); // 0.1 × 30 is 3.0000000000000004
    expect(drawSample(range(31), rules.spotCheck.rebuildFraction, 's')).toHaveLength(4);
    expect(drawSample(range(10), rules.spotCheck.winterRosterFraction, 's')).toHaveLength(3);
    expect(drawSample(range(1), 0.1, 's')).toEqual([1000]);
    expect(drawSample([], 0.1, 's')).toEqual([]);
  });

  it('has the size ceil(fraction × n) for any n and fraction, all drawn from the ids, none twice', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1e6 }), { maxLength: 300 }),
      fc.integer({ min: 1, max: 100 }), fc.string(), (ids, pct, seed) => {
        const s = drawSample(ids, pct / 100, seed);
        expect(s).toHaveLength(Math.ceil((pct * ids.length) / 100));
        expect(new Set(s).size).toBe(s.length);
        expect(s.every((id) => ids.includes(id))).toBe(true);
        expect(s).toEqual([...s].sort((a, b) => a - b));
      }));
  });

  it('draws the same sample again from the same seed, whatever order the ids come in', () => {
    const ids = range(200);
    const first = drawSample(ids, 0.1, '2026-08-01 锡林郭勒盟抽查');
    expect(drawSample([...ids].reverse(), 0.1, '2026-08-01 锡林郭勒盟抽查')).toEqual(first);
    expect(drawSample([...ids, ...ids.slice(0, 5)], 0.1, '2026-08-01 锡林郭勒盟抽查')).toEqual(first);
  });

  it('draws a different sample from another seed', () => {
    const ids = range(200);
    expect(drawSample(ids, 0.1, 'seed-a')).not.toEqual(drawSample(ids, 0.1, 'seed-b'));
  });

  it('refuses a fraction outside (0, 1]', () => {
    expect(() => sampleSize(10, 0)).toThrow(RangeError);
    expect(() => sampleSize(10, 1.5)).toThrow(RangeError);
  });
});
