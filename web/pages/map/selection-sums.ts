// What lies inside a drawn area: townships (with their event figures) and depots (with their usable
// stock). Pure, so the sums can be checked without a map.
import { booleanPointInPolygon, circle } from '@turf/turf';
import type { Figures } from '../../../api/modules/reports/schemas';

export interface PointWithCode { code: string; lon: number; lat: number; population?: number | null }
export interface DepotStock { id: number; lon: number; lat: number; items: { itemId: number; usable: number }[] }

export interface SelectionSums {
  townships: string[];
  population: number;
  /** Event figures summed over the townships inside (latest accepted report each). */
  figures: Partial<Record<keyof Figures, number>>;
  reportedTownships: number;
  depots: number[];
  /** Usable units per item over the depots inside. */
  stock: Map<number, number>;
}

export type Area = GeoJSON.Feature<GeoJSON.Polygon>;

/** A circle of `km` around a point, as a 64-sided polygon (turf). */
export const radiusArea = (center: [number, number], km: number): Area => circle(center, km, { steps: 64, units: 'kilometers' });

/** A closed polygon from the corners a user placed (at least three). */
export function polygonArea(corners: [number, number][]): Area | null {
  if (corners.length < 3) return null;
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] } };
}

export function sumInside(area: Area, townships: readonly PointWithCode[], figures: Record<string, Figures>, depots: readonly DepotStock[]): SelectionSums {
  const inside = (lon: number, lat: number) => booleanPointInPolygon([lon, lat], area);
  const out: SelectionSums = { townships: [], population: 0, figures: {}, reportedTownships: 0, depots: [], stock: new Map() };
  for (const t of townships) {
    if (!inside(t.lon, t.lat)) continue;
    out.townships.push(t.code);
    out.population += t.population ?? 0;
    const f = figures[t.code];
    if (!f) continue;
    out.reportedTownships++;
    for (const [k, v] of Object.entries(f) as [keyof Figures, number][]) out.figures[k] = (out.figures[k] ?? 0) + v;
  }
  for (const d of depots) {
    if (!inside(d.lon, d.lat)) continue;
    out.depots.push(d.id);
    for (const i of d.items) out.stock.set(i.itemId, (out.stock.get(i.itemId) ?? 0) + i.usable);
  }
  return out;
}
