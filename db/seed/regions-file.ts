/// <reference types="geojson" />
// Reads the committed region seed (written by scripts/seed/extract-regions.ts). Pure apart from
// file reads, so the seeder, the map endpoints and the unit tests share one parser.
import { readFileSync } from 'node:fs';

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

export interface RegionSeedRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  lon: number | null;
  lat: number | null;
  /** true when the point is a stand-in (townships, villages), not a surveyed seat */
  approximate: boolean;
  /** NBS code of the pseudo-county (管理区, 开发区, 新区) a row was re-parented out of */
  statCode: string | null;
}

const HEADER = 'code\tname\tlevel\tparentCode\tlon\tlat\tapproximate\tstatCode';
const LEVELS: readonly string[] = ['province', 'prefecture', 'county', 'township', 'village'];

export function parseRegionTsv(text: string): RegionSeedRow[] {
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines[0] !== HEADER) throw new Error(`regions.tsv: unexpected header "${lines[0]}"`);
  return lines.slice(1).map((line, i) => {
    const cols = line.split('\t');
    const [code, name, level, parentCode, lon, lat, approximate, statCode] = cols;
    if (cols.length !== 8 || !/^\d+$/.test(code) || !LEVELS.includes(level)) {
      throw new Error(`regions.tsv line ${i + 2}: malformed row "${line}"`);
    }
    return {
      code,
      name,
      level: level as RegionLevel,
      parentCode: parentCode || null,
      lon: lon === '' ? null : Number(lon),
      lat: lat === '' ? null : Number(lat),
      approximate: approximate === '1',
      statCode: statCode || null,
    };
  });
}

export function readRegionSeed(): RegionSeedRow[] {
  return parseRegionTsv(readFileSync(new URL('./regions.tsv', import.meta.url), 'utf8'));
}

/** `name` is a file under db/seed/geo without extension, e.g. "provinces" or "counties-15". */
export function readGeo(name: string): GeoJSON.FeatureCollection {
  // The name may come from a URL; keep it from walking out of the geo folder.
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid geo file name "${name}"`);
  return JSON.parse(readFileSync(new URL(`./geo/${name}.geojson`, import.meta.url), 'utf8'));
}
