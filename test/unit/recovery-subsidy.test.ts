import { describe, expect, it } from 'vitest';
import rebuildStandards from '../../db/seed/rebuild-standards.json' with { type: 'json' };
import relief from '../../db/seed/relief-standards.json' with { type: 'json' };
import {
  computeCondolence, computeRebuildSubsidy, computeRequisitionCompensation, computeTransitionalAid,
  computeWinterSpringAid, type RebuildStandards,
} from '../../api/modules/recovery/subsidy';

const STANDARDS = rebuildStandards as RebuildStandards;
const total = (r: { breakdown: { amountFen: number }[] }) => r.breakdown.reduce((s, l) => s + l.amountFen, 0);

describe('housing rebuild subsidy', () => {
  it('pays per room for a collapsed house under the cap', () => {
    const r = computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 3 }, ['general'], STANDARDS);
    expect(r.amountFen).toBe(3 * 500_000);
    expect(r.breakdown).toHaveLength(1);
  });

  it('pays a severely damaged house at the collapsed rate and ordinary damage less', () => {
    expect(computeRebuildSubsidy({ damageClass: 'severe', rooms: 2 }, [], STANDARDS).amountFen).toBe(1_000_000);
    expect(computeRebuildSubsidy({ damageClass: 'general', rooms: 2 }, [], STANDARDS).amountFen).toBe(400_000);
  });

  it('caps a household at 20,000 元 however many rooms collapsed, and says so in the breakdown', () => {
    const r = computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 6 }, ['general'], STANDARDS);
    expect(r.amountFen).toBe(2_000_000);
    expect(r.breakdown.map((l) => l.item)).toEqual(['per_room', 'household_cap']);
    expect(total(r)).toBe(r.amountFen);
  });

  it('caps ordinary damage lower than collapse', () => {
    expect(computeRebuildSubsidy({ damageClass: 'general', rooms: 10 }, [], STANDARDS).amountFen).toBe(600_000);
  });

  it('adds the 低保/特困 top-up above the cap', () => {
    const r = computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 6 }, ['dibao'], STANDARDS);
    expect(r.amountFen).toBe(2_000_000 + 500_000);
  });

  it('adds 10 % for a disabled member on the capped base, and both top-ups once each', () => {
    expect(computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 6 }, ['disabled'], STANDARDS).amountFen).toBe(2_200_000);
    const both = computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 6 }, ['tekun', 'sanju_tekun', 'disabled'], STANDARDS);
    expect(both.amountFen).toBe(2_000_000 + 500_000 + 200_000);
    expect(total(both)).toBe(both.amountFen);
  });

  it('always comes out in whole fen', () => {
    const odd: RebuildStandards = { ...STANDARDS, perRoomFen: { collapsed: 333_333, severe: 1, general: 1 } };
    const r = computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 1 }, ['disabled'], odd);
    expect(Number.isInteger(r.amountFen)).toBe(true);
    expect(r.amountFen).toBe(333_333 + 33_333);
  });
});

describe('transitional living aid', () => {
  it('pays 20 元 per person per day', () => {
    const r = computeTransitionalAid(4, 30, relief.transitional);
    expect(r).toMatchObject({ amountFen: 4 * 30 * 2000, days: 30, capped: false, grainKg: 0 });
  });

  it('stops at 90 days however long the family is without a home', () => {
    const r = computeTransitionalAid(3, 120, relief.transitional);
    expect(r).toMatchObject({ amountFen: 3 * 90 * 2000, days: 90, capped: true });
  });

  it('adds half a kilo of grain a day only under a national level I or II response', () => {
    expect(computeTransitionalAid(2, 10, relief.transitional, { nationalLevel: 'II' }).grainKg).toBe(10);
    expect(computeTransitionalAid(2, 10, relief.transitional, { nationalLevel: 'III' }).grainKg).toBe(0);
  });
});

describe('winter-spring aid, condolence and requisition', () => {
  it('pays winter-spring aid per person and notices an amount outside 90–150 元', () => {
    expect(computeWinterSpringAid(5, relief.winterSpring)).toMatchObject({ amountFen: 60_000, withinBand: true });
    expect(computeWinterSpringAid(5, relief.winterSpring, 20_000).withinBand).toBe(false);
  });

  it('pays condolence per deceased person', () => {
    expect(computeCondolence(2, relief.condolence).amountFen).toBe(2 * relief.condolence.perDeceasedFen);
  });

  it('pays a requisitioned vehicle for every day held, both ends counted', () => {
    const r = computeRequisitionCompensation({ periodStart: '2026-07-01', periodEnd: '2026-07-10', dailyRateFen: 80_000 });
    expect(r).toMatchObject({ days: 10, amountFen: 800_000 });
    expect(computeRequisitionCompensation({ periodStart: '2026-07-01', periodEnd: '2026-07-01', dailyRateFen: 80_000 }).days).toBe(1);
  });

  it('adds damage compensation only when the property came back damaged or lost', () => {
    const base = { periodStart: '2026-07-01', periodEnd: '2026-07-02', dailyRateFen: 10_000, damageCompensationFen: 50_000 };
    expect(computeRequisitionCompensation({ ...base, conditionOnReturn: 'damaged' }).amountFen).toBe(70_000);
    expect(computeRequisitionCompensation({ ...base, conditionOnReturn: 'intact' }).amountFen).toBe(20_000);
  });
});
