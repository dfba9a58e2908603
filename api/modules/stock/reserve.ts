// Reserve scale (储备规模): each depot's target per item follows from the people it must be able to
// relocate (domain.md §5), and the gap to that target is the standing worry before any disaster.

/** `quantity` units per `perPeople` people, e.g. one 12 ㎡ tent per 4 people. */
export interface PerPeopleRule { quantity: number; perPeople: number }

// quantity / perPeople is often a repeating fraction (1/6); without slack, 600 people at 1 per 6
// could come out as 100.00000000000001 and round up to 101.
const SLACK = 1e-9;

/**
 * The rules that apply in a region: per item, the row of the nearest region in `regionChain` (the
 * depot's region first, then its ancestors), else the national row (no regionCode).
 */
export function standardsFor<S extends { itemCode: string; regionCode?: string | null }>(regionChain: readonly string[], standards: readonly S[]): S[] {
  const rank = (s: S) => (s.regionCode == null ? regionChain.length : regionChain.indexOf(s.regionCode));
  const chosen = new Map<string, S>();
  for (const s of standards) {
    if (s.regionCode != null && !regionChain.includes(s.regionCode)) continue;
    const held = chosen.get(s.itemCode);
    if (!held || rank(s) < rank(held)) chosen.set(s.itemCode, s);
  }
  return [...chosen.values()];
}

/** Units needed for `people` people under one rule, rounded up to whole units. */
export function unitsFor(people: number, rule: PerPeopleRule): number {
  if (!(people > 0)) return 0;
  return Math.ceil((people * rule.quantity) / rule.perPeople - SLACK);
}

/** Each standard with the target it implies for a depot that must relocate this many people. */
export function reserveTargets<S extends PerPeopleRule>(relocateCapacityPeople: number, standards: readonly S[]): (S & { target: number })[] {
  return standards.map((s) => ({ ...s, target: unitsFor(relocateCapacityPeople, s) }));
}

export interface DepotItemStock {
  depotId: number;
  itemId: number;
  regionCode: string;
  target: number;
  onHand: number;        // usable stock only: expired goods fill no reserve
  inTransitIn: number;   // on its way to this depot, so already paid for and counted toward the target
}
export interface DepotItemAdequacy extends DepotItemStock {
  gap: number;                // still to be bought or moved here; never negative
  coverage: number | null;    // (onHand + inTransitIn) / target; null when there is no target
}
export interface RegionItemAdequacy {
  regionCode: string;
  itemId: number;
  depots: number;
  target: number;
  onHand: number;
  inTransitIn: number;
  // Σ of the depots' gaps: a surplus in one county does not fill another's shelves until moved.
  gap: number;
  // What the region lacks even if it moved its surpluses around: max(0, target − held).
  netGap: number;
}

/**
 * Gaps per depot × item, and rolled up per region and item. `rollUpInto` names the regions a depot's
 * region counts toward: itself and its ancestors, e.g. `(c) => tree.ancestry(c).map((n) => n.code)`;
 * by default only itself.
 */
export function adequacy(
  rows: readonly DepotItemStock[],
  rollUpInto: (regionCode: string) => readonly string[] = (code) => [code],
): { depots: DepotItemAdequacy[]; regions: RegionItemAdequacy[] } {
  const depots = rows.map((r) => {
    const held = r.onHand + r.inTransitIn;
    return { ...r, gap: Math.max(0, r.target - held), coverage: r.target > 0 ? held / r.target : null };
  });
  const regions = new Map<string, RegionItemAdequacy>();
  for (const d of depots) {
    for (const regionCode of new Set(rollUpInto(d.regionCode))) {
      const key = `${regionCode}/${d.itemId}`;
      const r = regions.get(key) ?? { regionCode, itemId: d.itemId, depots: 0, target: 0, onHand: 0, inTransitIn: 0, gap: 0, netGap: 0 };
      r.depots += 1;
      r.target += d.target;
      r.onHand += d.onHand;
      r.inTransitIn += d.inTransitIn;
      r.gap += d.gap;
      r.netGap = Math.max(0, r.target - r.onHand - r.inTransitIn);
      regions.set(key, r);
    }
  }
  const byRegionThenItem = (a: RegionItemAdequacy, b: RegionItemAdequacy) =>
    a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.itemId - b.itemId;
  return { depots, regions: [...regions.values()].sort(byRegionThenItem) };
}
