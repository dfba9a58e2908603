import { describe, expect, it } from 'vitest';
import { cargoOf, loadTrucks, type TruckType } from '../../api/modules/stock/loading';
import seed from '../../db/seed/truck-types.json';

const light: TruckType = { code: 'VAN-4.2', name: '4.2米厢式轻卡', payloadKg: 3000, cargoM3: 16 };
const semi: TruckType = { code: 'SEMI-13', name: '13米厢式半挂车', payloadKg: 30000, cargoM3: 80 };

describe('loadTrucks', () => {
  it('fills trucks by volume for bulky quilts', () => {
    // 2,000 quilts × 3 kg = 6 t, × 0.04 m³ = 80 m³
    const [l, s] = loadTrucks(6_000, 80, [light, semi]);
    expect(l).toEqual({ code: 'VAN-4.2', name: '4.2米厢式轻卡', trucks: 5, byWeight: 2, byVolume: 5, bound: 'volume' });
    expect(s).toMatchObject({ trucks: 1, byWeight: 1, byVolume: 1, bound: 'volume' });
  });

  it('fills trucks by weight for dense water', () => {
    // 1,000 cases × 19 kg = 19 t, × 0.031 m³ = 31 m³
    expect(loadTrucks(19_000, 31, [light, semi])).toEqual([
      { code: 'VAN-4.2', name: '4.2米厢式轻卡', trucks: 7, byWeight: 7, byVolume: 2, bound: 'weight' },
      { code: 'SEMI-13', name: '13米厢式半挂车', trucks: 1, byWeight: 1, byVolume: 1, bound: 'weight' },
    ]);
  });

  it('does not round an exact load up to one truck more because of float sums', () => {
    const volume = cargoOf([{ quantity: 3, weightKg: 1, volumeM3: 0.1 }, { quantity: 1, weightKg: 1, volumeM3: 0.2 }]).volumeM3;  // 0.5000000000000001
    expect(loadTrucks(0, volume * 32, [light])[0].trucks).toBe(1);
    expect(loadTrucks(3000.0001, 0, [light])[0].trucks).toBe(2);
  });

  it('needs no truck for nothing', () => {
    expect(loadTrucks(0, 0, [light])[0]).toMatchObject({ trucks: 0 });
  });

  it('adds up mixed cargo from per-unit figures', () => {
    expect(cargoOf([{ quantity: 100, weightKg: 50, volumeM3: 0.25 }, { quantity: 10, weightKg: 3, volumeM3: 0.04 }]))
      .toEqual({ weightKg: 5030, volumeM3: 25.4 });
  });

  it('works with every seeded truck type, each with a source', () => {
    expect(seed.truckTypes.length).toBeGreaterThanOrEqual(4);
    for (const t of seed.truckTypes) expect(t.source).toMatch(/estimate|GB/);
    const needs = loadTrucks(60_000, 300, seed.truckTypes);
    expect(needs.map((n) => n.trucks)).toEqual(needs.map((n, i) => Math.max(Math.ceil(60_000 / seed.truckTypes[i].payloadKg), Math.ceil(300 / seed.truckTypes[i].cargoM3))));
  });
});
