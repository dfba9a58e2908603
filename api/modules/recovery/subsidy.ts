// Relief amounts computed from standards that are data (db/seed/rebuild-standards.json,
// db/seed/relief-standards.json, overridable per region). Money is integer fen throughout.
import type { DamageClass, HouseholdFlag } from './schemas';

export interface BreakdownLine { item: string; description: string; amountFen: number }
export interface Computed { amountFen: number; breakdown: BreakdownLine[] }

export type TopUp =
  | { label: string; flags: readonly HouseholdFlag[]; kind: 'fixed'; fen: number }
  | { label: string; flags: readonly HouseholdFlag[]; kind: 'percent'; percent: number };
export interface RebuildStandards {
  perRoomFen: Record<DamageClass, number>;
  householdCapFen: Record<DamageClass, number>;
  topUps: readonly TopUp[];
}

const DAMAGE_LABELS: Record<DamageClass, string> = { collapsed: '倒塌', severe: '严重损坏', general: '一般损坏' };
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const sum = (lines: readonly BreakdownLine[]) => lines.reduce((s, l) => s + l.amountFen, 0);

/**
 * rooms × per-room rate for the damage class, capped per household; then each top-up whose
 * flags the household has, once each. The cap applies to the base only: top-ups exist so the
 * poorest get more than the cap. Percent top-ups are on the capped base, rounded to the fen.
 */
export function computeRebuildSubsidy(c: { damageClass: DamageClass; rooms: number },
  flags: readonly HouseholdFlag[], standards: RebuildStandards): Computed {
  const rate = standards.perRoomFen[c.damageClass], cap = standards.householdCapFen[c.damageClass];
  const lines: BreakdownLine[] = [{
    item: 'per_room',
    description: `${DAMAGE_LABELS[c.damageClass]} ${c.rooms} 间 × ${yuan(rate)} 元`,
    amountFen: c.rooms * rate,
  }];
  if (c.rooms * rate > cap) {
    lines.push({ item: 'household_cap', description: `每户封顶 ${yuan(cap)} 元`, amountFen: cap - c.rooms * rate });
  }
  const base = sum(lines);
  for (const t of standards.topUps) {
    if (!t.flags.some((f) => flags.includes(f))) continue;
    const fen = t.kind === 'fixed' ? t.fen : Math.round((base * t.percent) / 100);
    const how = t.kind === 'fixed' ? `${yuan(t.fen)} 元` : `${t.percent}%`;
    lines.push({ item: 'top_up', description: `${t.label} ${how}`, amountFen: fen });
  }
  return { amountFen: sum(lines), breakdown: lines };
}

export interface TransitionalStandard {
  perPersonPerDayFen: number;
  maxDays: number;
  grainKgPerPersonPerDay: number;
  grainAtNationalLevels: readonly string[];
}
export interface TransitionalAid extends Computed { days: number; capped: boolean; grainKg: number }

/**
 * people × days × daily rate, with days capped at the standard's maximum (3 months). Grain is
 * added only when the national response for the disaster is at a level the standard names.
 */
export function computeTransitionalAid(people: number, days: number, standard: TransitionalStandard,
  opts: { nationalLevel?: string } = {}): TransitionalAid {
  const paidDays = Math.min(days, standard.maxDays);
  const amountFen = people * paidDays * standard.perPersonPerDayFen;
  const breakdown: BreakdownLine[] = [{
    item: 'living_aid',
    description: `${people} 人 × ${paidDays} 天 × ${yuan(standard.perPersonPerDayFen)} 元`
      + (paidDays < days ? `（申报 ${days} 天，最长 ${standard.maxDays} 天）` : ''),
    amountFen,
  }];
  const grain = opts.nationalLevel && standard.grainAtNationalLevels.includes(opts.nationalLevel);
  const grainKg = grain ? people * paidDays * standard.grainKgPerPersonPerDay : 0;
  return { amountFen, breakdown, days: paidDays, capped: paidDays < days, grainKg };
}

export interface WinterSpringStandard { minPerPersonFen: number; maxPerPersonFen: number; defaultPerPersonFen: number }

/** people × per-person amount; `withinBand` tells the reviewer when a county went outside the usual range. */
export function computeWinterSpringAid(people: number, standard: WinterSpringStandard,
  perPersonFen: number = standard.defaultPerPersonFen): Computed & { withinBand: boolean } {
  const amountFen = people * perPersonFen;
  return {
    amountFen,
    breakdown: [{ item: 'winter_spring', description: `${people} 人 × ${yuan(perPersonFen)} 元`, amountFen }],
    withinBand: perPersonFen >= standard.minPerPersonFen && perPersonFen <= standard.maxPerPersonFen,
  };
}

/** 遇难人员家属抚慰金: a fixed amount per deceased person. */
export function computeCondolence(deceased: number, standard: { perDeceasedFen: number }): Computed {
  const amountFen = deceased * standard.perDeceasedFen;
  return { amountFen, breakdown: [{ item: 'condolence', description: `遇难 ${deceased} 人 × ${yuan(standard.perDeceasedFen)} 元`, amountFen }] };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days of a requisition, both ends counted: taken and returned the same day is 1 day. */
export function requisitionDays(periodStart: string, periodEnd: string): number {
  const days = Math.round((Date.parse(periodEnd) - Date.parse(periodStart)) / DAY_MS) + 1;
  if (!(days >= 1)) throw new RangeError('periodEnd is before periodStart');
  return days;
}

/** 征用补偿: use fee for every day held, plus compensation when returned damaged or lost. */
export function computeRequisitionCompensation(r: {
  periodStart: string; periodEnd: string; dailyRateFen: number;
  conditionOnReturn?: 'intact' | 'damaged' | 'lost'; damageCompensationFen?: number;
}): Computed & { days: number } {
  const days = requisitionDays(r.periodStart, r.periodEnd);
  const breakdown: BreakdownLine[] = [
    { item: 'use_fee', description: `${days} 天 × ${yuan(r.dailyRateFen)} 元`, amountFen: days * r.dailyRateFen },
  ];
  const damaged = r.conditionOnReturn === 'damaged' || r.conditionOnReturn === 'lost';
  if (damaged && (r.damageCompensationFen ?? 0) > 0) {
    const label = r.conditionOnReturn === 'lost' ? '灭失补偿' : '损坏补偿';
    breakdown.push({ item: 'damage', description: label, amountFen: r.damageCompensationFen! });
  }
  return { amountFen: sum(breakdown), breakdown, days };
}
