// The fixed 127-byte header of a PMTiles v3 archive: what the settings tell the web about a tile
// archive (raster or vector, zooms, bounds) without the web having to open it first.

export const PMTILES_HEADER_BYTES = 127;
const TILE_TYPES = ['unknown', 'mvt', 'png', 'jpeg', 'webp', 'avif'] as const;
export type PmtilesTileType = (typeof TILE_TYPES)[number];

export interface PmtilesHeader {
  tileType: PmtilesTileType;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
}

/** Null when the bytes are not a PMTiles v3 header. */
export function readPmtilesHeader(bytes: Uint8Array): PmtilesHeader | null {
  if (bytes.length < PMTILES_HEADER_BYTES) return null;
  if (new TextDecoder().decode(bytes.subarray(0, 7)) !== 'PMTiles' || bytes[7] !== 3) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deg = (at: number) => v.getInt32(at, true) / 1e7;
  return {
    tileType: TILE_TYPES[bytes[99]] ?? 'unknown',
    minZoom: bytes[100],
    maxZoom: bytes[101],
    bounds: [deg(102), deg(106), deg(110), deg(114)],
    center: [deg(119), deg(123), bytes[118]],
  };
}
