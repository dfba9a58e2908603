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
  const h = halfAngles([a, b]);
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(haversine(h, 0, h[5], h[6], h[7], h[8], h[9])));
}

/** Road km (rounded to the metre) whether or not the road is usable. */
export function roadDistanceKm(depot: DepotPoint, demand: DemandPoint, opts: RoadOptions = {}): number {
  return usableRoadMetres([depot], [demand], { roadFactor: opts.roadFactor, roadKm: opts.roadKm })[0] / 1000;
}

/** Road km the planner may use for this pair, or undefined when closed or slower than maxHours. */
export function usableRoadKm(depot: DepotPoint, demand: DemandPoint, opts: RoadOptions = {}): number | undefined {
  const metres = usableRoadMetres([depot], [demand], opts)[0];
  return metres < 0 ? undefined : metres / 1000;
}

/**
 * Road length in whole metres for every (depot, demand) pair, row-major by depot, with -1 where
 * the road may not be used. Trigonometry is precomputed per point, so each of the 900k pairs of
 * a province-wide plan costs a square root and an arcsine.
 */
export function usableRoadMetres(depots: readonly DepotPoint[], demands: readonly DemandPoint[], opts: RoadOptions): Float64Array {
  const factor = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const speed = opts.speedKmh ?? DEFAULT_SPEED_KMH;
  const maxHours = opts.maxHours ?? Infinity;
  if (!(factor > 0) || !(speed > 0)) throw new RangeError('road factor and speed must be positive');
  const n = demands.length;
  const metres = new Float64Array(depots.length * n);
  const ends = halfAngles(demands);
  const starts = halfAngles(depots);
  const scale = 2000 * EARTH_RADIUS_KM * factor;
  for (let i = 0; i < depots.length; i++) {
    const o = i * 5;
    const s0 = starts[o], s1 = starts[o + 1], s2 = starts[o + 2], s3 = starts[o + 3], s4 = starts[o + 4];
    for (let j = 0; j < n; j++) metres[i * n + j] = Math.round(scale * Math.asin(Math.sqrt(haversine(ends, j * 5, s0, s1, s2, s3, s4))));
  }

  const depotRows = indexBy(depots, (d) => d.id);
  const demandCols = indexBy(demands, (d) => d.regionCode);
  for (const r of opts.roadKm ?? []) {
    if (!(r.km >= 0)) throw new RangeError(`road km must be a non-negative number, got ${r.km}`);
    for (const i of depotRows.get(r.depotId) ?? []) {
      for (const j of demandCols.get(r.regionCode) ?? []) metres[i * n + j] = Math.round(r.km * 1000);
    }
  }
  for (const a of opts.closedArcs ?? []) {
    for (const i of depotRows.get(a.depotId) ?? []) for (const j of demandCols.get(a.regionCode) ?? []) metres[i * n + j] = -1;
  }
  for (const code of opts.closedRegions ?? []) {
    for (const j of demandCols.get(code) ?? []) for (let i = 0; i < depots.length; i++) metres[i * n + j] = -1;
  }
  // Hours exactly as a plan reports them: km / speed, with km the metres actually used.
  if (maxHours !== Infinity) {
    for (let k = 0; k < metres.length; k++) if (metres[k] / 1000 / speed > maxHours) metres[k] = -1;
  }
  return metres;
}

function indexBy<T, K>(list: readonly T[], key: (t: T) => K): Map<K, number[]> {
  const index = new Map<K, number[]>();
  list.forEach((t, k) => {
    const slot = index.get(key(t));
    if (slot) slot.push(k);
    else index.set(key(t), [k]);
  });
  return index;
}

// Per point: sin and cos of half the latitude and half the longitude, and cos of the latitude.
function halfAngles(points: readonly { lon: number; lat: number }[]): Float64Array {
  const out = new Float64Array(points.length * 5);
  points.forEach((p, k) => {
    const hl = (p.lat * RAD) / 2;
    const hn = (p.lon * RAD) / 2;
    out.set([Math.sin(hl), Math.cos(hl), Math.sin(hn), Math.cos(hn), Math.cos(2 * hl)], k * 5);
  });
  return out;
}

// hav(θ) = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), with sin(Δ/2) expanded by the angle-difference
// identity so no trigonometric call is needed per pair.
function haversine(b: Float64Array, o: number, a0: number, a1: number, a2: number, a3: number, a4: number): number {
  const dLat = b[o] * a1 - b[o + 1] * a0;
  const dLon = b[o + 2] * a3 - b[o + 3] * a2;
  return Math.min(1, dLat * dLat + a4 * b[o + 4] * dLon * dLon);
}
