import { describe, expect, it } from 'vitest';
import { checkConsistency, checkJump, JumpRules } from '../../api/modules/reports/consistency';
import { fillFigures, type Figures } from '../../api/modules/reports/schemas';
import jumpSeed from '../../db/seed/report-jump-rules.json';

const jumpRules = JumpRules.parse(jumpSeed);

// A township's flood report that passes every check.
const consistent = fillFigures({
  affected: 1200, deaths: 1, missing: 2, injured: 8, seriouslyInjured: 2,
  relocated: 300, relocatedCentralized: 120, relocatedDispersed: 180, needEmergencyAid: 450,
  collapsedRooms: 40, collapsedHouseholds: 15, severeRooms: 60, severeHouseholds: 25, damagedRooms: 200, damagedHouseholds: 90,
  cropAffectedHa: 900, cropDamagedHa: 500, cropFailedHa: 120, livestockDeaths: 340, directLossYuan: 8_500_000,
});
const codes = (f: Figures) => checkConsistency(f).map((v) => v.code);
const withFigures = (change: Partial<Figures>) => ({ ...consistent, ...change });

describe('report consistency', () => {
  it('passes a consistent report, and an empty one', () => {
    expect(checkConsistency(consistent)).toEqual([]);
    expect(checkConsistency(fillFigures({}))).toEqual([]);
  });

  it.each([
    ['CROP_FAILED_LE_DAMAGED', { cropFailedHa: 501 }],
    ['CROP_DAMAGED_LE_AFFECTED', { cropDamagedHa: 901 }],
    ['AFFECTED_GE_RELOCATED', { affected: 299, needEmergencyAid: 0 }],
    ['AFFECTED_GE_NEED_AID', { needEmergencyAid: 1201 }],
    ['INJURED_GE_SERIOUS', { seriouslyInjured: 9 }],
    ['COLLAPSED_HOUSEHOLDS_LE_ROOMS', { collapsedHouseholds: 41 }],
    ['SEVERE_HOUSEHOLDS_LE_ROOMS', { severeHouseholds: 61 }],
    ['DAMAGED_HOUSEHOLDS_LE_ROOMS', { damagedHouseholds: 201 }],
    ['RELOCATED_SPLIT', { relocatedDispersed: 179 }],
  ] as const)('rejects %s and only that', (code, change) => {
    expect(codes(withFigures(change))).toEqual([code]);
  });

  it('accepts a part exactly equal to its whole', () => {
    expect(codes(withFigures({ cropFailedHa: 500, cropDamagedHa: 500, collapsedHouseholds: 40, seriouslyInjured: 8 }))).toEqual([]);
  });

  it('rejects relocated people with no split into centralised and dispersed', () => {
    const [v] = checkConsistency(withFigures({ relocatedCentralized: 0, relocatedDispersed: 0 }));
    expect(v.code).toBe('RELOCATED_SPLIT');
    expect(v.values).toEqual({ relocated: 300, relocatedCentralized: 0, relocatedDispersed: 0 });
  });

  it('cites the numbers in both languages', () => {
    const [v] = checkConsistency(withFigures({ cropFailedHa: 620 }));
    expect(v.values).toEqual({ cropFailedHa: 620, cropDamagedHa: 500 });
    expect(v.zh).toContain('620');
    expect(v.zh).toContain('500');
    expect(v.zh).toContain('绝收');
    expect(v.en).toMatch(/620.*cannot exceed.*500/);
  });
});

describe('jumps between reports', () => {
  it('asks nothing of an initial report', () => {
    expect(checkJump(null, consistent, jumpRules)).toEqual([]);
  });

  it('passes an update where every figure held or grew modestly', () => {
    expect(checkJump(consistent, withFigures({ affected: 1500, deaths: 1, missing: 3 }), jumpRules)).toEqual([]);
  });

  it('asks to explain any figure that fell', () => {
    const jumps = checkJump(consistent, withFigures({ collapsedRooms: 30 }), jumpRules);
    expect(jumps).toMatchObject([{ kind: 'fall', figure: 'collapsedRooms', previous: 40, next: 30, changePercent: -25 }]);
    expect(jumps[0].zh).toContain('须说明原因');
  });

  it('asks to explain deaths or missing rising by more than 50 %, not by exactly 50 %', () => {
    const before = withFigures({ deaths: 10, missing: 4 });
    expect(checkJump(before, withFigures({ deaths: 15, missing: 6 }), jumpRules)).toEqual([]);
    const jumps = checkJump(before, withFigures({ deaths: 16, missing: 7 }), jumpRules);
    expect(jumps.map((j) => [j.kind, j.figure, j.changePercent])).toEqual([['rise', 'deaths', 60], ['rise', 'missing', 75]]);
  });

  it('treats the first deaths after a report of none as a jump', () => {
    const jumps = checkJump(withFigures({ deaths: 0 }), withFigures({ deaths: 2 }), jumpRules);
    expect(jumps).toMatchObject([{ kind: 'rise', figure: 'deaths', previous: 0, next: 2, changePercent: null }]);
  });

  it('lets rules without the fall check through a correction downwards', () => {
    const lenient = { ...jumpRules, fallNeedsExplanation: false };
    expect(checkJump(consistent, withFigures({ affected: 1000 }), lenient)).toEqual([]);
  });
});
