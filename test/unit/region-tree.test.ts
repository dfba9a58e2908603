import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { parseRegionTsv, readGeo, readRegionSeed, type RegionSeedRow } from '../../db/seed/regions-file';

const rows = readRegionSeed();
const byCode = new Map(rows.map((r) => [r.code, r]));
const LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
const CODE_LENGTH = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };
const of = (level: RegionSeedRow['level'], prefix: string) => rows.filter((r) => r.level === level && r.code.startsWith(prefix));
const isPseudoCounty = (code: string) => code.length === 6 && code[4] === '7';
// NBS gives 嘉峪关, a prefecture-level city without districts, one stand-in county so its towns
// have a parent; it is not one of Gansu's 86 county-level divisions.
const STAND_IN_COUNTIES = ['620201'];
// 伊金霍洛旗's government sits in 阿勒腾席热镇 on the 康巴什区 edge; DataV draws that spot in 康巴什区.
const SEATS_OUTSIDE_OWN_POLYGON = ['150627'];

function countyPolygons(province: string) {
  return new Map(readGeo(`counties-${province}`).features.map((f) => [String(f.properties!.code), f]));
}

describe('region seed tree', () => {
  it('has every province of China, with a seat and an outline', () => {
    const provinces = of('province', '');
    const outlines = new Set(readGeo('provinces').features.map((f) => f.properties!.code));
    for (const code of ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
      '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']) {
      expect(byCode.get(code)?.level, code).toBe('province');
      expect(outlines.has(code), code).toBe(true);
    }
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces.every((p) => p.lon !== null && p.parentCode === null)).toBe(true);
  });

  it('gives every row a unique code of its level length and a parent one level up', () => {
    expect(byCode.size).toBe(rows.length);
    for (const r of rows) {
      expect(r.code.length, r.code).toBe(CODE_LENGTH[r.level]);
      if (r.level === 'province') continue;
      const parent = byCode.get(r.parentCode ?? '');
      expect(parent, `parent of ${r.code}`).toBeDefined();
      expect(LEVELS.indexOf(parent!.level), r.code).toBe(LEVELS.indexOf(r.level) - 1);
    }
  });

  it('nests codes under their parent, except townships moved out of a pseudo-county, which keep its code', () => {
    for (const r of rows) {
      if (r.level === 'province') continue;
      if (r.statCode === null) {
        expect(r.code.startsWith(r.parentCode!), r.code).toBe(true);
        continue;
      }
      expect(isPseudoCounty(r.statCode), r.code).toBe(true);
      expect(r.code.startsWith(r.statCode), r.code).toBe(true);
      // The host county sits in the same prefecture; villages still nest under their township.
      expect(r.parentCode!.slice(0, 4), r.code).toBe(r.statCode.slice(0, 4));
      if (r.level === 'village') expect(r.code.startsWith(r.parentCode!), r.code).toBe(true);
    }
    expect(rows.filter((r) => r.level === 'county' && isPseudoCounty(r.code))).toEqual([]);
    expect(byCode.get('152571101')).toMatchObject({ parentCode: '152525', statCode: '152571' });
  });

  it.each([
    ['15', '内蒙古', 12, 103],
    ['62', '甘肃', 14, 86],
  ])('%s %s has %i prefectures and %i county-level units, each with a polygon', (p, _name, prefectures, counties) => {
    expect(of('prefecture', p)).toHaveLength(prefectures);
    const real = of('county', p).filter((c) => !STAND_IN_COUNTIES.includes(c.code));
    expect(real).toHaveLength(counties);
    const polygons = countyPolygons(p);
    for (const c of of('county', p)) {
      expect(polygons.get(c.code)?.properties?.parentCode, c.code).toBe(c.parentCode);
      if (SEATS_OUTSIDE_OWN_POLYGON.includes(c.code)) continue;
      expect(c.lon !== null && booleanPointInPolygon([c.lon, c.lat!], polygons.get(c.code)! as never), `seat of ${c.code}`).toBe(true);
    }
    const prefecturePolygons = new Set(readGeo(`prefectures-${p}`).features.map((f) => f.properties!.code));
    expect(of('prefecture', p).every((x) => prefecturePolygons.has(x.code))).toBe(true);
  });

  it.each(['15', '62'])('places every township and village of %s inside its county polygon', (p) => {
    const polygons = countyPolygons(p);
    const townships = of('township', p);
    expect(townships.length).toBeGreaterThan(1000);
    for (const t of [...townships, ...of('village', p)]) {
      const county = t.level === 'township' ? t.parentCode! : byCode.get(t.parentCode!)!.parentCode!;
      expect(t.approximate, t.code).toBe(true);
      expect(booleanPointInPolygon([t.lon!, t.lat!], polygons.get(county)! as never), t.code).toBe(true);
    }
  });

  it('has the villages of Xilin Gol under 锡林郭勒盟, with 锡林浩特市 as its seat city', () => {
    expect(byCode.get('152502')).toMatchObject({ name: '锡林浩特市', level: 'county', parentCode: '1525' });
    expect(of('village', '1525').length).toBeGreaterThan(1000);
    expect(of('village', '152502').length).toBeGreaterThan(0);
  });

  it('names the catch-all prefectures after their province', () => {
    expect(byCode.get('1101')?.name).toBe('北京市市辖区');
    expect(rows.some((r) => r.level === 'prefecture' && /^(市辖区|县|省直辖县级行政区划)$/.test(r.name))).toBe(false);
  });
});

describe('parseRegionTsv', () => {
  it('reads empty cells as null and the approximate flag as a boolean', () => {
    const text = 'code\tname\tlevel\tparentCode\tlon\tlat\tapproximate\tstatCode\n' +
      '4190\t河南省直辖县级行政区划\tprefecture\t41\t\t\t0\t\n';
    expect(parseRegionTsv(text)).toEqual([{ code: '4190', name: '河南省直辖县级行政区划', level: 'prefecture',
      parentCode: '41', lon: null, lat: null, approximate: false, statCode: null }]);
  });

  it('refuses a row with a missing column', () => {
    expect(() => parseRegionTsv('code\tname\tlevel\tparentCode\tlon\tlat\tapproximate\tstatCode\n15\t内蒙古\n'))
      .toThrow(/line 2/);
  });
});
