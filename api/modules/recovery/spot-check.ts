// Reproducible spot-check samples (抽查): the prefecture checks ≥ 10 % of rebuild cases
// (docs/domain.md §4), winter rosters a larger share; the fractions live in
// db/seed/rebuild-rules.json. Publishing the seed with the sample lets an auditor redraw it
// and see that nobody picked the households by hand.

/** xmur3 string hash (public domain, bryc): turns any seed text, Chinese included, into 32 bits. */
function hashSeed(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32 (public domain, Tommy Ettinger): a small PRNG giving uniform floats in [0, 1). */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * ceil(fraction × n), without float noise: 0.1 × 30 is 3.0000000000000004 in binary floating
 * point, which a plain ceil would turn into 4.
 */
export function sampleSize(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError('fraction must be in (0, 1]');
  return Math.min(n, Math.ceil(Number((fraction * n).toFixed(9))));
}

/**
 * Draws ceil(fraction × n) distinct ids, returned sorted ascending. Deterministic: the same seed
 * and the same set of ids (in any order, duplicates ignored) always give the same sample,
 * because the ids are sorted before a partial Fisher–Yates shuffle driven by
 * mulberry32(xmur3(seed)).
 */
export function drawSample(ids: readonly number[], fraction: number, seed: string): number[] {
  const pool = [...new Set(ids)].sort((a, b) => a - b);
  const k = sampleSize(pool.length, fraction);
  const random = mulberry32(hashSeed(seed));
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}
