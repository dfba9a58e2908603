import { describe, expect, it } from 'vitest';
import { adequacy, reserveTargets, standardsFor, unitsFor } from '../../api/modules/stock/reserve';
import seed from '../../db/seed/reserve-standards.json';

describe('reserveTargets', () => {
  it('sizes a county depot for 5,000 people from the national standards', () => {
    const national = seed.standards.filter((s) => !('regionCode' in s));
    const target = Object.fromEntries(reserveTargets(5_000, national).map((t) => [t.itemCode, t.target]));
    expect(target).toMatchObject({ 'TENT-12': 1_250, QUILT: 5_000, KIT: 1_667, TOILET: 100, WATER: 834, PURIFIER: 10 });
  });

  it('rounds up to whole units without float drift', () => {
    expect(unitsFor(600, { quantity: 1, perPeople: 6 })).toBe(100);
    expect(unitsFor(601, { quantity: 1, perPeople: 6 })).toBe(101);
    expect(unitsFor(3, { quantity: 0.1, perPeople: 0.3 })).toBe(1);
  });

  it('asks nothing of a depot with no one to relocate', () => {
    expect(reserveTargets(0, [{ itemCode: 'QUILT', quantity: 1, perPeople: 1 }])).toEqual([{ itemCode: 'QUILT', quantity: 1, perPeople: 1, target: 0 }]);
  });
});

describe('standardsFor', () => {
  const rows = [
    { itemCode: 'TENT-12', quantity: 1, perPeople: 4 },
    { itemCode: 'QUILT', quantity: 1, perPeople: 1 },
    { itemCode: 'TENT-12', quantity: 1, perPeople: 8, regionCode: '150000' },
    { itemCode: 'YURT', quantity: 1, perPeople: 30, regionCode: '150000' },
    { itemCode: 'QUILT', quantity: 2, perPeople: 1, regionCode: '152500' },
    { itemCode: 'QUILT', quantity: 3, perPeople: 1, regionCode: '620000' },
  ];

  it('lets the nearest region override an item and add its own, and ignores other regions', () => {
    const inAbaga = standardsFor(['152522', '152500', '150000'], rows);
    expect(Object.fromEntries(inAbaga.map((s) => [s.itemCode, s.perPeople / s.quantity]))).toEqual({ 'TENT-12': 8, QUILT: 0.5, YURT: 30 });
  });

  it('uses the national rows outside any overriding region', () => {
    expect(standardsFor(['110101', '110100', '110000'], rows)).toEqual(rows.slice(0, 2));
  });

  it('halves the single tents in Inner Mongolia and adds insulated tents and yurts', () => {
    const codes = standardsFor(['150000'], seed.standards).map((s) => `${s.itemCode}:${s.perPeople}`);
    expect(codes).toEqual(expect.arrayContaining(['TENT-12:8', 'TENT-12C:8', 'YURT:30', 'QUILT:1']));
  });
});

describe('adequacy', () => {
  const rows = [
    { depotId: 1, itemId: 7, regionCode: '152522', target: 100, onHand: 60, inTransitIn: 10 },
    { depotId: 2, itemId: 7, regionCode: '152502', target: 100, onHand: 150, inTransitIn: 0 },
    { depotId: 3, itemId: 7, regionCode: '150102', target: 0, onHand: 5, inTransitIn: 0 },
  ];
  const ancestors = (code: string) => [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];

  it('counts goods on their way toward the gap and never reports a negative gap', () => {
    const { depots } = adequacy(rows);
    expect(depots.map((d) => [d.gap, d.coverage])).toEqual([[30, 0.7], [0, 1.5], [0, null]]);
  });

  it('rolls up per region: a surplus next door does not close a depot\'s gap, but shows in netGap', () => {
    const { regions } = adequacy(rows, ancestors);
    const byCode = Object.fromEntries(regions.map((r) => [r.regionCode, r]));
    expect(byCode['152500']).toEqual({ regionCode: '152500', itemId: 7, depots: 2, target: 200, onHand: 210, inTransitIn: 10, gap: 30, netGap: 0 });
    expect(byCode['150000']).toMatchObject({ depots: 3, target: 200, gap: 30 });
    expect(byCode['152522']).toMatchObject({ depots: 1, gap: 30, netGap: 30 });
    expect(regions.map((r) => r.regionCode)).toEqual(['150000', '150100', '150102', '152500', '152502', '152522']);
  });
});
