// Suggested demands after a disaster: each township's accepted figures × the per-person need
// standards (db/seed/need-standards.json), less what has already been sent there. Pure.

export type NeedBasis = 'relocated' | 'relocatedCentralized' | 'needEmergencyAid' | 'needTransitionalAid';

export interface NeedRule {
  itemCode: string;
  basis: readonly NeedBasis[];
  quantity: number;
  perPeople: number;
  days: number | null;
  months: readonly number[] | null;
  /** Absent: the national default. A region's row replaces the national one for that item inside it. */
  regionCode?: string;
  source: string;
}

export interface TownshipFigures {
  regionCode: string;
  /** The township and its ancestors, nearest first (for region overrides). */
  ancestry: readonly string[];
  figures: Record<NeedBasis, number>;
}

export interface SuggestedNeed {
  regionCode: string;
  itemCode: string;
  people: number;
  suggested: number;
  shipped: number;
  /** What is still to send: suggested less shipped, never below zero. */
  quantity: number;
  rule: NeedRule;
}

/** The rules in force in a township in a month: the nearest region's row per item wins. */
export function rulesFor(rules: readonly NeedRule[], ancestry: readonly string[], month: number): NeedRule[] {
  const depth = (r: NeedRule) => (r.regionCode === undefined ? ancestry.length : ancestry.indexOf(r.regionCode));
  const chosen = new Map<string, NeedRule>();
  for (const r of rules) {
    const d = depth(r);
    if (d < 0) continue; // another region's override
    const held = chosen.get(r.itemCode);
    if (!held || d < depth(held)) chosen.set(r.itemCode, r);
  }
  return [...chosen.values()].filter((r) => r.months === null || r.months.includes(month));
}

/** units = ⌈people × quantity ÷ perPeople⌉, × days for a per-day rule. */
export function unitsFor(rule: NeedRule, figures: Record<NeedBasis, number>): { people: number; units: number } {
  const people = rule.basis.reduce((s, b) => s + (figures[b] ?? 0), 0);
  // Round away float noise first (3 × 1/3), so an exact whole number is not lifted by one.
  const exact = Math.round(((people * rule.quantity) / rule.perPeople) * 1e9) / 1e9;
  return { people, units: Math.ceil(exact) * (rule.days ?? 1) };
}

/**
 * One row per (township, item) with a need. `shipped` maps `${regionCode}|${itemCode}` to what has
 * been sent there and not lost (in transit, or received in good order).
 */
export function suggestNeeds(
  townships: readonly TownshipFigures[], rules: readonly NeedRule[], month: number, shipped: ReadonlyMap<string, number>,
): SuggestedNeed[] {
  const out: SuggestedNeed[] = [];
  for (const t of townships) {
    for (const rule of rulesFor(rules, t.ancestry, month)) {
      const { people, units } = unitsFor(rule, t.figures);
      if (units <= 0) continue;
      const sent = shipped.get(`${t.regionCode}|${rule.itemCode}`) ?? 0;
      out.push({ regionCode: t.regionCode, itemCode: rule.itemCode, people, suggested: units, shipped: sent, quantity: Math.max(0, units - sent), rule });
    }
  }
  return out;
}
