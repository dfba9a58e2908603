import { describe, expect, it } from 'vitest';
import { rulesFor, suggestNeeds, unitsFor, type NeedRule } from '../../api/modules/dispatch/needs';
import { NEED_RULES } from '../../api/modules/dispatch/policy';

const rule = (over: Partial<NeedRule>): NeedRule => ({
  itemCode: 'TENT-12', basis: ['relocated'], quantity: 1, perPeople: 4, days: null, months: null, source: 'test', ...over,
});
const figures = (relocated: number, needEmergencyAid = 0, relocatedCentralized = 0) =>
  ({ relocated, needEmergencyAid, relocatedCentralized, needTransitionalAid: 0 });
const TOWN = ['152502201', '152502', '1525', '15'];

describe('need standards', () => {
  it('rounds up to whole units and multiplies a per-day rule by its days', () => {
    expect(unitsFor(rule({}), figures(41)).units).toBe(11);            // 41 people, 4 to a tent
    expect(unitsFor(rule({}), figures(40)).units).toBe(10);
    const water = rule({ itemCode: 'WATER', basis: ['relocated', 'needEmergencyAid'], perPeople: 6, days: 3 });
    expect(unitsFor(water, figures(40, 20))).toEqual({ people: 60, units: 30 });
    // 1/3 per person for 9 people is exactly 3, not 4 after float noise.
    expect(unitsFor(rule({ quantity: 1, perPeople: 3 }), figures(9)).units).toBe(3);
  });

  it('a region\'s row replaces the national one inside that region only', () => {
    const national = rule({});
    const league = rule({ perPeople: 3, regionCode: '1525' });
    const other = rule({ perPeople: 2, regionCode: '1526' });
    expect(rulesFor([national, league, other], TOWN, 1)).toEqual([league]);
    expect(rulesFor([national, league, other], ['150102101', '150102', '1501', '15'], 1)).toEqual([national]);
  });

  it('seasonal rules apply only in their months', () => {
    const quilt = rule({ itemCode: 'QUILT', months: [10, 11, 12, 1, 2, 3, 4] });
    expect(rulesFor([quilt], TOWN, 12)).toEqual([quilt]);
    expect(rulesFor([quilt], TOWN, 7)).toEqual([]);
  });

  it('suggests the standard less what was shipped, never below zero', () => {
    const out = suggestNeeds([{ regionCode: TOWN[0], ancestry: TOWN, figures: figures(40) }], [rule({})], 1, new Map([[`${TOWN[0]}|TENT-12`, 4]]));
    expect(out).toEqual([expect.objectContaining({ regionCode: TOWN[0], itemCode: 'TENT-12', people: 40, suggested: 10, shipped: 4, quantity: 6 })]);
    const over = suggestNeeds([{ regionCode: TOWN[0], ancestry: TOWN, figures: figures(40) }], [rule({})], 1, new Map([[`${TOWN[0]}|TENT-12`, 25]]));
    expect(over[0].quantity).toBe(0);
    expect(suggestNeeds([{ regionCode: TOWN[0], ancestry: TOWN, figures: figures(0) }], [rule({})], 1, new Map())).toEqual([]);
  });

  it('every shipped standard names its source', () => {
    expect(NEED_RULES.length).toBeGreaterThan(5);
    for (const r of NEED_RULES) expect(r.source.length).toBeGreaterThan(10);
  });
});
