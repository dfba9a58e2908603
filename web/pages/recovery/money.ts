// Money is typed in yuan and kept in integer fen; pure, so it is unit-tested without a browser.

/** '1234.5' (yuan, as typed) → 123450 fen; null when it is not an amount. */
export function yuanToFen(s: string): number | null {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const fenToYuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');
