// Classes and colours of the choropleth: pure, so the legend and the tests need no map.
// Sequential reds for damage, and a neutral grey for "nothing reported / zero".
export const CHOROPLETH_COLORS = ['#fde0d9', '#f7a58f', '#ec6a50', '#c83a2b', '#8c1d18'] as const;
export const ZERO_COLOR = '#eef1ef';

export interface Classes {
  /** Upper bounds (inclusive) of each class, ascending; one per colour used. */
  breaks: number[];
  colors: string[];
}

/**
 * Up to five classes over the non-zero values, at "nice" rounded quantile bounds, so a legend reads
 * 1–50, 51–200 … rather than 1–47.3. Zero keeps its own colour: no damage is not low damage.
 */
export function classify(values: readonly number[]): Classes {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (!v.length) return { breaks: [], colors: [] };
  const nice = (x: number) => {
    if (x <= 10) return Math.ceil(x);
    const p = 10 ** Math.floor(Math.log10(x));
    return Math.ceil(x / (p / 2)) * (p / 2);
  };
  const n = CHOROPLETH_COLORS.length;
  const breaks: number[] = [];
  for (let i = 1; i <= n; i++) {
    const q = v[Math.max(0, Math.ceil((v.length * i) / n) - 1)];
    const b = i === n ? v[v.length - 1] : nice(q);
    if (!breaks.length || b > breaks[breaks.length - 1]) breaks.push(b);
  }
  const colors = breaks.map((_, i) => CHOROPLETH_COLORS[Math.round((i * (CHOROPLETH_COLORS.length - 1)) / Math.max(1, breaks.length - 1))]);
  return { breaks, colors };
}

export function colorFor(value: number, c: Classes): string {
  if (!(value > 0)) return ZERO_COLOR;
  const i = c.breaks.findIndex((b) => value <= b);
  return c.colors[i === -1 ? c.colors.length - 1 : i];
}
