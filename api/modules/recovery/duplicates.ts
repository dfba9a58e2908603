// Duplicate beneficiaries (重复享受): one person's ID number should sit in one household, and on
// one county's roster per season. Either breach usually means a double registration.
import { normalizeIdNumber } from './id-number';

export interface IdRow { idNumber: string; householdId: number; countyCode: string; season?: string }

export type DuplicateGroup =
  | { kind: 'several_households'; idNumber: string; householdIds: number[] }
  | { kind: 'several_counties_same_season'; idNumber: string; season: string; countyCodes: string[]; householdIds: number[] };

const uniqueSorted = <T extends number | string>(xs: Iterable<T>) =>
  [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
}

/**
 * Groups where one ID number (after trimming and upper-casing the X) appears in two or more
 * households — in any season, since a person is a member of one household at a time — or on
 * two or more counties' rosters for the same season. An ID can be in both kinds of group.
 * Rows without a season take part in the household check only. The result carries the raw
 * ID number: mask it (maskIdNumber) before showing it to a role that may not see it.
 */
export function findDuplicateIds(rows: readonly IdRow[]): DuplicateGroup[] {
  const normalized = rows.map((r) => ({ ...r, idNumber: normalizeIdNumber(r.idNumber) }));
  const groups: DuplicateGroup[] = [];
  for (const [idNumber, same] of groupBy(normalized, (r) => r.idNumber)) {
    const householdIds = uniqueSorted(same.map((r) => r.householdId));
    if (householdIds.length > 1) groups.push({ kind: 'several_households', idNumber, householdIds });
    const seasonal = same.filter((r): r is IdRow & { season: string } => !!r.season);
    for (const [season, inSeason] of groupBy(seasonal, (r) => r.season)) {
      const countyCodes = uniqueSorted(inSeason.map((r) => r.countyCode));
      if (countyCodes.length > 1) {
        groups.push({ kind: 'several_counties_same_season', idNumber, season, countyCodes,
          householdIds: uniqueSorted(inSeason.map((r) => r.householdId)) });
      }
    }
  }
  // Same order whatever order the rows came in: by ID number, then kind, then season.
  const key = (g: DuplicateGroup) => `${g.idNumber}|${g.kind}|${'season' in g ? g.season : ''}`;
  return groups.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
