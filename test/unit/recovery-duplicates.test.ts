import { describe, expect, it } from 'vitest';
import { findDuplicateIds } from '../../api/modules/recovery/duplicates';
import { generateValidIdNumber } from '../../api/modules/recovery/id-number';

const A = generateValidIdNumber('152502', '19800101', 11);
const B = generateValidIdNumber('152522', '19850505', 22);

describe('duplicate ID numbers', () => {
  it('finds no duplicates when every person is in one household', () => {
    expect(findDuplicateIds([
      { idNumber: A, householdId: 1, countyCode: '152502', season: '2026-2027' },
      { idNumber: A, householdId: 1, countyCode: '152502', season: '2027-2028' },
      { idNumber: B, householdId: 2, countyCode: '152522', season: '2026-2027' },
    ])).toEqual([]);
  });

  it('groups one ID number registered in two households', () => {
    expect(findDuplicateIds([
      { idNumber: A, householdId: 7, countyCode: '152502' },
      { idNumber: A, householdId: 3, countyCode: '152502' },
      { idNumber: B, householdId: 9, countyCode: '152502' },
    ])).toEqual([{ kind: 'several_households', idNumber: A, householdIds: [3, 7] }]);
  });

  it("groups one ID number on two counties' rosters in the same season", () => {
    const groups = findDuplicateIds([
      { idNumber: A, householdId: 1, countyCode: '152502', season: '2026-2027' },
      { idNumber: A, householdId: 5, countyCode: '152522', season: '2026-2027' },
    ]);
    expect(groups).toEqual([
      { kind: 'several_counties_same_season', idNumber: A, season: '2026-2027', countyCodes: ['152502', '152522'], householdIds: [1, 5] },
      { kind: 'several_households', idNumber: A, householdIds: [1, 5] },
    ]);
  });

  it('flags the same household moving county within a season, but not across seasons', () => {
    const moved = findDuplicateIds([
      { idNumber: A, householdId: 1, countyCode: '152502', season: '2026-2027' },
      { idNumber: A, householdId: 1, countyCode: '152522', season: '2026-2027' },
      { idNumber: B, householdId: 2, countyCode: '152502', season: '2026-2027' },
      { idNumber: B, householdId: 2, countyCode: '152522', season: '2027-2028' },
    ]);
    expect(moved.map((g) => [g.kind, g.idNumber])).toEqual([['several_counties_same_season', A]]);
  });

  it('treats a lower-case x as the same ID number', () => {
    const x = '11010519491231002X';
    expect(findDuplicateIds([
      { idNumber: x, householdId: 1, countyCode: '110105' },
      { idNumber: x.toLowerCase(), householdId: 2, countyCode: '110105' },
    ])).toEqual([{ kind: 'several_households', idNumber: x, householdIds: [1, 2] }]);
  });
});
