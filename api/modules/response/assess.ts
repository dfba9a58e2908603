// Evaluate a region's rolled-up damage figures against a response-rule table (应急响应启动条件).
// The table is data (national, provincial, league or county plan); this file only evaluates it and
// says which indicator reached which band, so an officer can check the call.
import {
  INDICATORS, RESPONSE_INDICATORS, type Figures, type ResponseIndicator, type ResponseLevel,
} from '../reports/schemas';

export interface Threshold {
  level: ResponseLevel;
  indicator: ResponseIndicator;
  lower: number;
  upper: number | null;
  unit?: string;
  source?: string;
}

export interface Reason {
  indicator: ResponseIndicator;
  value: number;
  level: ResponseLevel;
  lower: number;
  upper: number | null;
  unit: string;
}

export interface Assessment {
  level: ResponseLevel | null;
  reasons: Reason[];
}

/** Indicator values from figures; droughtPercent is null without an agri-pastoral population. */
export function indicatorValues(f: Figures, agriPopulation: number | null): Record<ResponseIndicator, number | null> {
  return {
    deathsMissing: f.deaths + f.missing,
    relocatedNeedAid: f.relocated + f.needEmergencyAid,
    housesRooms: f.collapsedRooms + f.severeRooms,
    housesHouseholds: f.collapsedHouseholds + f.severeHouseholds,
    // Multiply before dividing: 290 / 1000 * 100 is 28.999…, (290 * 100) / 1000 is exactly 29.
    droughtPercent: agriPopulation ? (f.droughtNeedAid * 100) / agriPopulation : null,
    droughtPeople: f.droughtNeedAid,
  };
}

const inBand = (v: number, t: Threshold) => v >= t.lower && (t.upper === null || v < t.upper);

/**
 * Any one indicator reaching a band triggers that level (domain.md §2); the region's level is the
 * highest reached. Each indicator reports the highest band it reached, so a reason can be checked
 * against the plan's table row by row.
 */
export function assessResponseLevel(
  figures: Figures,
  agriPopulation: number | null,
  thresholds: readonly Threshold[],
): Assessment {
  const values = indicatorValues(figures, agriPopulation);
  const best = new Map<ResponseIndicator, Threshold>();
  for (const t of thresholds) {
    const v = values[t.indicator];
    if (v === null || !inBand(v, t)) continue;
    const held = best.get(t.indicator);
    if (!held || t.level < held.level) best.set(t.indicator, t);
  }
  const reasons: Reason[] = [...best.values()].map((t) => ({
    indicator: t.indicator,
    value: values[t.indicator]!,
    level: t.level,
    lower: t.lower,
    upper: t.upper,
    unit: t.unit ?? INDICATORS[t.indicator].unit,
  }));
  const order = (i: ResponseIndicator) => RESPONSE_INDICATORS.indexOf(i);
  reasons.sort((a, b) => a.level - b.level || order(a.indicator) - order(b.indicator));
  return { level: reasons[0]?.level ?? null, reasons };
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** 2 → 'II': plans and officers name levels in Roman numerals (Ⅱ级响应). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`no Roman numeral for ${n}`);
  let out = '';
  for (const [value, numeral] of ROMAN) for (; n >= value; n -= value) out += numeral;
  return out;
}

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** "死亡和失踪 120 人 ≥ 100" / "Deaths and missing 120 people ≥ 100"; percentages read "26.5% ≥ 25%". */
export function describeReason(r: Reason, lang: 'zh' | 'en'): string {
  const meta = INDICATORS[r.indicator];
  const unit = lang === 'en' && r.unit === meta.unit ? meta.unitEn : r.unit;
  const value = r.unit === '%' ? `${num(r.value)}%` : `${num(r.value)} ${unit}`;
  const lower = r.unit === '%' ? `${num(r.lower)}%` : num(r.lower);
  return `${meta[lang]} ${value} ≥ ${lower}`;
}

export interface Suggestion {
  action: 'activate' | 'raise' | null;
  level: ResponseLevel | null;
  text: { zh: string; en: string };
}

/**
 * What the figures call for, given the level already active. Only activate or raise is suggested:
 * cumulative figures never argue for lowering or ending a response; that is the authority's decision.
 */
export function suggestResponse(assessment: Assessment, activeLevel: ResponseLevel | null): Suggestion {
  const { level } = assessment;
  if (level === null) {
    return { action: null, level: activeLevel, text: { zh: '未达到响应启动条件', en: 'No response threshold reached' } };
  }
  const why = assessment.reasons.filter((r) => r.level === level);
  const zhWhy = why.map((r) => describeReason(r, 'zh')).join('；');
  const enWhy = why.map((r) => describeReason(r, 'en')).join('; ');
  const L = toRoman(level);
  if (activeLevel === null) {
    return { action: 'activate', level, text: { zh: `应启动 ${L} 级响应：${zhWhy}`, en: `Activate a level ${L} response: ${enWhy}` } };
  }
  if (level < activeLevel) {
    return { action: 'raise', level, text: { zh: `应提升至 ${L} 级响应：${zhWhy}`, en: `Raise the response to level ${L}: ${enWhy}` } };
  }
  const A = toRoman(activeLevel);
  return {
    action: null,
    level: activeLevel,
    text: { zh: `已启动 ${A} 级响应，灾情对应 ${L} 级，无需提升`, en: `Level ${A} is active; the figures reach level ${L}, no raise needed` },
  };
}
