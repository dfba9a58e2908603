// Which regions an event covers, who can see it, and which open events a new one may duplicate.
// Pure: the region tree is passed in.
import type { RegionTree } from '../regions/tree';
import type { EventStatus } from './schemas';

export interface EventArea {
  /** The region that owns the event (its officers manage it). */
  regionCode: string;
  affectedRegionCodes: readonly string[];
}

/**
 * The regions whose townships report for the event: the affected regions when listed (a league
 * event that hit three banners), else the event's whole region.
 */
export const areaCodes = (e: EventArea): string[] => (e.affectedRegionCodes.length ? [...new Set(e.affectedRegionCodes)] : [e.regionCode]);

/** Two regions overlap when one contains the other (codes on one line of the tree). */
export const onOneLine = (tree: RegionTree, a: string, b: string) => tree.isWithin(a, b) || tree.isWithin(b, a);

export function covers(tree: RegionTree, e: EventArea, code: string): boolean {
  return areaCodes(e).some((area) => tree.isWithin(code, area));
}

/** A user sees an event that reaches into their area or whose area contains them. */
export function eventVisibleFrom(tree: RegionTree, e: EventArea, regionCode: string): boolean {
  return areaCodes(e).some((area) => onOneLine(tree, area, regionCode));
}

export interface OpenEvent extends EventArea {
  id: number;
  hazard: string;
  status: EventStatus;
  mergedIntoId: number | null;
}

/**
 * Open events (not closed, not merged) of the same hazard whose area overlaps the new one's:
 * two officers logging one blizzard from two offices is the usual way a duplicate is born.
 */
export function possibleDuplicates(tree: RegionTree, created: EventArea & { hazard: string }, others: readonly OpenEvent[]): OpenEvent[] {
  const mine = areaCodes(created);
  return others.filter((o) =>
    o.hazard === created.hazard && o.status !== 'closed' && o.mergedIntoId === null &&
    areaCodes(o).some((a) => mine.some((m) => onOneLine(tree, a, m))));
}

export type StatusRefusal = { ok: false; message: string; zh: string };

/** 发展中 ⇄ 灾情稳定 → 结束: a flare-up can reopen a stabilised event; a closed one stays closed. */
export function nextEventStatus(from: EventStatus, to: EventStatus): { ok: true } | StatusRefusal {
  if (from === to) return { ok: false, message: `the event is already ${to}`, zh: '事件已处于该状态' };
  if (from === 'closed') return { ok: false, message: 'a closed event cannot change status', zh: '事件已结束，不能再变更状态' };
  return { ok: true };
}
