// Road distance between a depot and a demand point, and which depot–region roads may be used.
//
// Distances are measured in whole metres: the optimiser then works on exact integers (see
// dispatch-network.ts), and a metre is far below what a great-circle × factor estimate can
// claim. The km a plan reports, and its cost, use exactly these metres.

export const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius
export const DEFAULT_ROAD_FACTOR = 1.3;
export const DEFAULT_SPEED_KMH = 60;

export interface RoadOptions {
  roadFactor?: number;
  speedKmh?: number;
  maxHours?: number;
  closedArcs?: { depotId: number; regionCode: string }[];
  closedRegions?: string[];
  /** Officer-entered road km; replaces great-circle × roadFactor for that pair. */
  roadKm?: { depotId: number; regionCode: string; km: number }[];
}

export interface DepotPoint { id: number; lon: number; lat: number }
export interface DemandPoint { regionCode: string; lon: number; lat: number }

const RAD = Math.PI / 180;

/** Haversine great-circle distance in km. */
export function greatCircleKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const s = halfAngles(a);
  const t = halfAngles(b);
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(haversine(s, t)));
}

/** Road km (rounded to the metre) whether or not the road is usable. */
export function roadDistanceKm(depot: DepotPoint, demand: DemandPoint, opts: RoadOptions = {}): number {
  const override = indexRoadKm(opts.roadKm).get(depot.id)?.get(demand.regionCode);
  if (override !== undefined) return Math.round(override * 1000) / 1000;
  return estimatedMetres(halfAngles(depot), halfAngles(demand), opts.roadFactor ?? DEFAULT_ROAD_FACTOR) / 1000;
}

/** Road km the planner may use for this pair, or undefined when closed or slower than maxHours. */
export function usableRoadKm(depot: DepotPoint, demand: DemandPoint, opts: RoadOptions = {}): number | undefined {
  let km: number | undefined;
  forEachUsableRoad([depot], [demand], opts, (_i, _j, metres) => { km = metres / 1000; });
  return km;
}

/**
 * Visit every usable (depot, demand) road with its length in whole metres. Trigonometry is
 * precomputed per point so the 900k pairs of a province-wide plan cost only a square root and
 * an arcsine each.
 */
export function forEachUsableRoad(
  depots: readonly DepotPoint[], demands: readonly DemandPoint[], opts: RoadOptions,
  visit: (depotIndex: number, demandIndex: number, metres: number) => void,
): void {
  const factor = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const speed = opts.speedKmh ?? DEFAULT_SPEED_KMH;
  const maxHours = opts.maxHours ?? Infinity;
  const closedRegions = new Set(opts.closedRegions ?? []);
  const closedArcs = new Map<number, Set<string>>();
  for (const a of opts.closedArcs ?? []) {
    if (!closedArcs.has(a.depotId)) closedArcs.set(a.depotId, new Set());
    closedArcs.get(a.depotId)!.add(a.regionCode);
  }
  const overrides = indexRoadKm(opts.roadKm);
  const ends = demands.map(halfAngles);
  const open = demands.map((d) => !closedRegions.has(d.regionCode));

  depots.forEach((depot, i) => {
    const s = halfAngles(depot);
    const closed = closedArcs.get(depot.id);
    const overridden = overrides.get(depot.id);
    for (let j = 0; j < ends.length; j++) {
      if (!open[j]) continue;
      const code = demands[j].regionCode;
      if (closed !== undefined && closed.has(code)) continue;
      const km = overridden?.get(code);
      const metres = km !== undefined
        ? Math.round(km * 1000)
        : estimatedMetres(s, ends[j], factor);
      // Hours exactly as reported: km / speed, with km the metres actually used.
      if (metres / 1000 / speed > maxHours) continue;
      visit(i, j, metres);
    }
  });
}

// One expression for every caller, so a plan, roadDistanceKm and a reference LP agree to the metre.
function estimatedMetres(a: HalfAngles, b: HalfAngles, factor: number): number {
  return Math.round(2000 * EARTH_RADIUS_KM * factor * Math.asin(Math.sqrt(haversine(a, b))));
}

interface HalfAngles { sinHalfLat: number; cosHalfLat: number; sinHalfLon: number; cosHalfLon: number; cosLat: number }

function halfAngles(p: { lon: number; lat: number }): HalfAngles {
  const hl = (p.lat * RAD) / 2;
  const hn = (p.lon * RAD) / 2;
  return { sinHalfLat: Math.sin(hl), cosHalfLat: Math.cos(hl), sinHalfLon: Math.sin(hn), cosHalfLon: Math.cos(hn), cosLat: Math.cos(2 * hl) };
}

// hav(θ) = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), with sin(Δ/2) expanded by the angle-difference
// identity so no trigonometric call is needed per pair.
function haversine(a: HalfAngles, b: HalfAngles): number {
  const dLat = b.sinHalfLat * a.cosHalfLat - b.cosHalfLat * a.sinHalfLat;
  const dLon = b.sinHalfLon * a.cosHalfLon - b.cosHalfLon * a.sinHalfLon;
  return Math.min(1, dLat * dLat + a.cosLat * b.cosLat * dLon * dLon);
}

function indexRoadKm(list: RoadOptions['roadKm']): Map<number, Map<string, number>> {
  const byDepot = new Map<number, Map<string, number>>();
  for (const r of list ?? []) {
    if (!(r.km >= 0)) throw new RangeError(`road km must be a non-negative number, got ${r.km}`);
    if (!byDepot.has(r.depotId)) byDepot.set(r.depotId, new Map());
    byDepot.get(r.depotId)!.set(r.regionCode, r.km);
  }
  return byDepot;
}
