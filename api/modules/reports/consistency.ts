// The checks a damage report must pass before it is stored (domain.md §3), and the jumps between
// one township's consecutive reports that need a written explanation (大幅激增或激减须书面说明).
import { z } from 'zod';
import { FIGURE_FIELDS, FIGURE_KEYS, FIGURE_UNITS, type FigureKey, type Figures } from './schemas';

export const CONSISTENCY_CODES = [
  'CROP_FAILED_LE_DAMAGED', 'CROP_DAMAGED_LE_AFFECTED', 'AFFECTED_GE_RELOCATED', 'AFFECTED_GE_NEED_AID',
  'RELOCATED_SPLIT', 'INJURED_GE_SERIOUS',
  'COLLAPSED_HOUSEHOLDS_LE_ROOMS', 'SEVERE_HOUSEHOLDS_LE_ROOMS', 'DAMAGED_HOUSEHOLDS_LE_ROOMS',
] as const;
export type ConsistencyCode = (typeof CONSISTENCY_CODES)[number];

export interface Violation {
  code: ConsistencyCode;
  /** The figures involved and their values, so a form can highlight them and a message can cite them. */
  values: Partial<Record<FigureKey, number>>;
  zh: string;
  en: string;
}

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const zhOf = (k: FigureKey, v: number) => `${FIGURE_FIELDS[k].zh} ${num(v)} ${FIGURE_UNITS[FIGURE_FIELDS[k].unit].zh}`;
const enOf = (k: FigureKey, v: number) => `${FIGURE_FIELDS[k].en} ${num(v)} ${FIGURE_UNITS[FIGURE_FIELDS[k].unit].en}`;

// Each pair reads "part ≤ whole": a part of a population, area or house count cannot exceed it.
const AT_MOST: ReadonlyArray<[ConsistencyCode, part: FigureKey, whole: FigureKey]> = [
  ['CROP_FAILED_LE_DAMAGED', 'cropFailedHa', 'cropDamagedHa'],       // 绝收 ≤ 成灾
  ['CROP_DAMAGED_LE_AFFECTED', 'cropDamagedHa', 'cropAffectedHa'],   // 成灾 ≤ 受灾
  ['AFFECTED_GE_RELOCATED', 'relocated', 'affected'],
  ['AFFECTED_GE_NEED_AID', 'needEmergencyAid', 'affected'],
  ['INJURED_GE_SERIOUS', 'seriouslyInjured', 'injured'],
  // Every household has at least one room, so a class can never count more households than rooms.
  ['COLLAPSED_HOUSEHOLDS_LE_ROOMS', 'collapsedHouseholds', 'collapsedRooms'],
  ['SEVERE_HOUSEHOLDS_LE_ROOMS', 'severeHouseholds', 'severeRooms'],
  ['DAMAGED_HOUSEHOLDS_LE_ROOMS', 'damagedHouseholds', 'damagedRooms'],
];

export function checkConsistency(f: Figures): Violation[] {
  const violations: Violation[] = [];
  for (const [code, part, whole] of AT_MOST) {
    if (f[part] <= f[whole]) continue;
    violations.push({
      code,
      values: { [part]: f[part], [whole]: f[whole] },
      zh: `${zhOf(part, f[part])}，不能大于${zhOf(whole, f[whole])}`,
      en: `${enOf(part, f[part])} cannot exceed ${enOf(whole, f[whole])}`,
    });
  }
  // 集中 + 分散 = 紧急转移安置, also when both parts are 0 and relocated > 0. "Absent means 0", so
  // the contract cannot say "split not known yet"; letting 0 + 0 through would make the rolled-up
  // 集中安置 (which sizes tents and shelters) silently disagree with 紧急转移安置. A township runs its
  // shelters, so it knows the centralised count; the form can offer dispersed = relocated − centralised.
  const split = f.relocatedCentralized + f.relocatedDispersed;
  if (split !== f.relocated) {
    violations.push({
      code: 'RELOCATED_SPLIT',
      values: { relocated: f.relocated, relocatedCentralized: f.relocatedCentralized, relocatedDispersed: f.relocatedDispersed },
      zh: `集中安置 ${num(f.relocatedCentralized)} 人 + 分散安置 ${num(f.relocatedDispersed)} 人 = ${num(split)} 人，应等于紧急转移安置人口 ${num(f.relocated)} 人`,
      en: `Centralised ${num(f.relocatedCentralized)} + dispersed ${num(f.relocatedDispersed)} = ${num(split)} people, must equal emergency relocation ${num(f.relocated)}`,
    });
  }
  return violations;
}

// Jump rules ship as data (db/seed/report-jump-rules.json) so a province can tune them.
export const JumpRules = z.object({
  source: z.string().optional(),
  note: z.string().optional(),
  fallNeedsExplanation: z.boolean(),
  rises: z.array(z.object({ figure: z.enum(FIGURE_KEYS), maxRisePercent: z.number().nonnegative() })),
});
export type JumpRules = z.infer<typeof JumpRules>;

export interface Jump {
  kind: 'fall' | 'rise';
  figure: FigureKey;
  previous: number;
  next: number;
  /** null when previous is 0: any rise from nothing is unbounded. */
  changePercent: number | null;
  zh: string;
  en: string;
}

/** Jumps between a township's previous report and its next one; each needs an explanation. */
export function checkJump(previous: Figures | null, next: Figures, rules: JumpRules): Jump[] {
  if (!previous) return []; // an initial report has nothing to jump from
  const jumps: Jump[] = [];
  const label = (k: FigureKey) => FIGURE_FIELDS[k];
  const unit = (k: FigureKey) => FIGURE_UNITS[FIGURE_FIELDS[k].unit];
  const pct = (p: number, n: number) => (p === 0 ? null : Math.round(((n - p) * 10000) / p) / 100);
  if (rules.fallNeedsExplanation) {
    // Reports are cumulative over the disaster process, so a fall means an earlier figure was wrong.
    for (const k of FIGURE_KEYS) {
      const p = previous[k], n = next[k];
      if (n >= p) continue;
      jumps.push({
        kind: 'fall', figure: k, previous: p, next: n, changePercent: pct(p, n),
        zh: `${label(k).zh}由 ${num(p)} 减少为 ${num(n)} ${unit(k).zh}，须说明原因`,
        en: `${label(k).en} fell from ${num(p)} to ${num(n)} ${unit(k).en}; explain why`,
      });
    }
  }
  for (const { figure: k, maxRisePercent } of rules.rises) {
    const p = previous[k], n = next[k];
    // Integer comparison: n > p × (1 + max/100) without a rounding error at the boundary.
    if (n * 100 <= p * (100 + maxRisePercent)) continue;
    const change = pct(p, n);
    jumps.push({
      kind: 'rise', figure: k, previous: p, next: n, changePercent: change,
      zh: `${label(k).zh}由 ${num(p)} 增至 ${num(n)} ${unit(k).zh}${change === null ? '' : `（+${num(change)}%）`}，增幅超过 ${num(maxRisePercent)}%，须说明原因`,
      en: `${label(k).en} rose from ${num(p)} to ${num(n)} ${unit(k).en}${change === null ? '' : ` (+${num(change)} %)`}, more than ${num(maxRisePercent)} %; explain why`,
    });
  }
  return jumps;
}
