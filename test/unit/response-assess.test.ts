import { describe, expect, it } from 'vitest';
import { assessResponseLevel, suggestResponse, toRoman } from '../../api/modules/response/assess';
import { fillFigures, ResponseRulesInput, type Figures } from '../../api/modules/reports/schemas';
import national from '../../db/seed/response-rules-national.json';
import xilingol from '../../db/seed/response-rules-demo-xilingol.json';

const NATIONAL = ResponseRulesInput.parse(national).thresholds;
const XILINGOL = ResponseRulesInput.parse(xilingol).thresholds;
const assess = (f: Partial<Figures>, agri: number | null = null) => assessResponseLevel(fillFigures(f), agri, NATIONAL);

/** The level, and a single reason quoting the national band row it reached (none below IV). */
function expectBand(result: ReturnType<typeof assess>, indicator: string, value: number, level: number | null) {
  expect(result.level).toBe(level);
  if (level === null) return expect(result.reasons).toEqual([]);
  const row = NATIONAL.find((t) => t.indicator === indicator && t.level === level)!;
  expect(result.reasons).toEqual([{ indicator, value, level, lower: row.lower, upper: row.upper, unit: row.unit }]);
}

describe('national response level bands', () => {
  it.each([
    [19, null], [20, 4], [49, 4], [50, 3], [99, 3], [100, 2], [199, 2], [200, 1], [5000, 1],
  ] as const)('deaths + missing %i → level %s', (n, level) => {
    // Split across both figures: the indicator is their sum.
    expectBand(assess({ deaths: n - Math.floor(n / 3), missing: Math.floor(n / 3) }), 'deathsMissing', n, level);
  });

  it.each([
    [99_999, null], [100_000, 4], [499_999, 4], [500_000, 3], [999_999, 3], [1_000_000, 2], [1_999_999, 2], [2_000_000, 1],
  ] as const)('relocated + needing emergency aid %i → level %s', (n, level) => {
    expectBand(assess({ relocated: 40_000, needEmergencyAid: n - 40_000 }), 'relocatedNeedAid', n, level);
  });

  it.each([
    [9_999, null], [10_000, 4], [99_999, 4], [100_000, 3], [199_999, 3], [200_000, 2], [299_999, 2], [300_000, 1],
  ] as const)('collapsed + severely damaged %i rooms → level %s', (n, level) => {
    expectBand(assess({ collapsedRooms: 1_000, severeRooms: n - 1_000 }), 'housesRooms', n, level);
  });

  it.each([
    [2_999, null], [3_000, 4], [29_999, 4], [30_000, 3], [69_999, 3], [70_000, 2], [99_999, 2], [100_000, 1],
  ] as const)('collapsed + severely damaged %i households → level %s', (n, level) => {
    expectBand(assess({ collapsedHouseholds: 500, severeHouseholds: n - 500 }), 'housesHouseholds', n, level);
  });

  // A province with 10 million agri-pastoral people: 15 % is 1.5 million, inside the people band IV too,
  // so use 6 million where the percentage bands are under test.
  it.each([
    [14.99, null], [15, 4], [20, 3], [25, 2], [29.99, 2], [30, 1],
  ] as const)('drought aid %s %% of the agri-pastoral population → level %s', (pct, level) => {
    const agri = 6_000_000;
    const result = assess({ droughtNeedAid: Math.round((agri * pct) / 100) }, agri);
    const byPercent = result.reasons.find((r) => r.indicator === 'droughtPercent');
    expect(byPercent?.level ?? null).toBe(level);
    if (!byPercent) return;
    const row = NATIONAL.find((t) => t.indicator === 'droughtPercent' && t.level === level)!;
    expect(byPercent).toEqual({ indicator: 'droughtPercent', value: pct, level, lower: row.lower, upper: row.upper, unit: '%' });
  });

  it.each([
    [999_999, null], [1_000_000, 4], [1_999_999, 4], [2_000_000, 3], [3_000_000, 2], [3_999_999, 2], [4_000_000, 1],
  ] as const)('%i people needing drought aid → level %s', (n, level) => {
    expectBand(assess({ droughtNeedAid: n }, null), 'droughtPeople', n, level);
  });

  it('skips the drought percentage when the agri-pastoral population is unknown or 0', () => {
    expect(assess({ droughtNeedAid: 900_000 }, null)).toEqual({ level: null, reasons: [] });
    expect(assess({ droughtNeedAid: 900_000 }, 0)).toEqual({ level: null, reasons: [] });
    expect(assess({ droughtNeedAid: 900_000 }, 3_000_000).level).toBe(1); // exactly 30 %
  });

  it('takes the highest level any indicator reaches and explains every indicator that reached one', () => {
    const result = assess({ deaths: 30, missing: 25, relocated: 150_000, collapsedRooms: 12_000, collapsedHouseholds: 2_000 });
    expect(result.level).toBe(3);
    expect(result.reasons).toEqual([
      { indicator: 'deathsMissing', value: 55, level: 3, lower: 50, upper: 100, unit: '人' },
      { indicator: 'relocatedNeedAid', value: 150_000, level: 4, lower: 100_000, upper: 500_000, unit: '人' },
      { indicator: 'housesRooms', value: 12_000, level: 4, lower: 10_000, upper: 100_000, unit: '间' },
    ]);
  });

  it('reaches nothing on an empty report', () => {
    expect(assess({})).toEqual({ level: null, reasons: [] });
  });
});

describe('a league plan is much lower than the national one', () => {
  it('starts a league level IV response at 3 deaths and missing', () => {
    expect(assessResponseLevel(fillFigures({ deaths: 2, missing: 1 }), null, XILINGOL).level).toBe(4);
    expect(assessResponseLevel(fillFigures({ deaths: 2 }), null, XILINGOL).level).toBe(null);
    expect(assessResponseLevel(fillFigures({ relocated: 1_000 }), null, XILINGOL).level).toBe(4);
  });
});

describe('suggesting a response', () => {
  const result = assess({ deaths: 100, missing: 20 });

  it('suggests activating the assessed level, with the reason in both languages', () => {
    expect(suggestResponse(result, null)).toEqual({
      action: 'activate',
      level: 2,
      text: { zh: '应启动 II 级响应：死亡和失踪 120 人 ≥ 100', en: 'Activate a level II response: Deaths and missing 120 people ≥ 100' },
    });
  });

  it('suggests raising a lower active level and nothing when the active level is as high', () => {
    expect(suggestResponse(result, 4)).toMatchObject({ action: 'raise', level: 2, text: { zh: expect.stringContaining('应提升至 II 级响应') } });
    expect(suggestResponse(result, 2).action).toBeNull();
    expect(suggestResponse(result, 1)).toMatchObject({ action: null, level: 1 });
  });

  it('suggests nothing below every threshold', () => {
    expect(suggestResponse(assess({ deaths: 3 }), null)).toMatchObject({ action: null, level: null });
  });

  it('writes percentages with their sign', () => {
    const drought = assess({ droughtNeedAid: 520_000 }, 2_000_000);
    expect(suggestResponse(drought, null).text.zh).toBe('应启动 II 级响应：因旱需政府救助人口占农牧业人口 26% ≥ 25%');
  });
});

describe('Roman numerals', () => {
  it('names the four levels and refuses what has no numeral', () => {
    expect([1, 2, 3, 4].map(toRoman)).toEqual(['I', 'II', 'III', 'IV']);
    expect(toRoman(2024)).toBe('MMXXIV');
    expect(() => toRoman(0)).toThrow(RangeError);
  });
});
