import { readGeo } from '../../../db/seed/regions-file';
import type { RegionTree } from './tree';

type FC = { type: 'FeatureCollection'; features: { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[] };
const cache = new Map<string, FC>();

function load(name: string): FC | null {
  if (!cache.has(name)) {
    try {
      cache.set(name, readGeo(name) as unknown as FC);
    } catch {
      return null; // boundaries are shipped only for the provinces the project covers
    }
  }
  return cache.get(name)!;
}

/** Polygons of the units at `level` inside `code`, from the shipped (offline) boundaries. */
export function boundariesWithin(tree: RegionTree, code: string, level: 'province' | 'prefecture' | 'county'): FC {
  const province = code.slice(0, 2);
  const file = level === 'province' ? 'provinces' : `${level === 'county' ? 'counties' : 'prefectures'}-${province}`;
  const fc = load(file);
  const features = (fc?.features ?? []).filter((f) => {
    const c = String(f.properties.code);
    return c === code || tree.isWithin(c, code) || (level === 'province' && code.length < 2);
  });
  return { type: 'FeatureCollection', features };
}

export function provinceOutlines(): FC {
  return load('provinces') ?? { type: 'FeatureCollection', features: [] };
}
