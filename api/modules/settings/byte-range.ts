// One byte range of a file, from an HTTP Range header (RFC 9110 §14). PMTiles readers ask for one
// range per request; a multi-range request is answered with the whole file, which the RFC allows.

export type RangeAnswer =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/** `end` is inclusive, as in Content-Range. */
export function parseByteRange(header: string | undefined | null, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' }; // not a single byte range: ignore it
  if (m[1] === '') {
    // bytes=-N: the last N bytes
    const n = Number(m[2]);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
