// A small raster PMTiles v3 archive made here (no download): zooms 0–4, each tile a pale wash with
// a grid line, so a deployment (and the tests) can see the PMTiles basemap path work end to end.
// Real basemaps are cut elsewhere (e.g. with pmtiles/planetiler) and dropped into TILES_DIR.
//   npx tsx scripts/tiles/demo-pmtiles.ts [out=data/tiles/demo.pmtiles]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Uint8Array) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 256×256 RGB PNG: a flat colour with a darker one-pixel frame (the tile grid). */
export function tilePng(rgb: [number, number, number], frame: [number, number, number]): Buffer {
  const size = 256;
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) {
      const c = x === 0 || y === 0 ? frame : rgb;
      raw.set(c, row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

const varint = (out: number[], n: number) => {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
};

interface Entry { tileId: number; offset: number; length: number; runLength: number }

/** PMTiles v3 directory encoding (spec §4): counts, then delta ids, run lengths, lengths, offsets. */
function directory(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) (varint(out, e.tileId - last), (last = e.tileId));
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => varint(out, i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1));
  return Buffer.from(out);
}

export function buildDemoPmtiles(maxZoom = 4): Buffer {
  const wash: [number, number, number][] = [[232, 240, 236], [226, 236, 241], [240, 236, 226], [236, 230, 240], [228, 240, 228]];
  const tiles: { tileId: number; data: Buffer }[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    const png = tilePng(wash[z % wash.length], [150, 165, 158]);
    for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) tiles.push({ tileId: zxyToTileId(z, x, y), data: png });
  }
  tiles.sort((a, b) => a.tileId - b.tileId);
  // Identical tiles share their bytes (as real archives do for ocean): one copy per zoom.
  const stored = new Map<Buffer, { offset: number; length: number }>();
  const blobs: Buffer[] = [];
  let offset = 0;
  const entries: Entry[] = tiles.map((t) => {
    let at = stored.get(t.data);
    if (!at) {
      at = { offset, length: t.data.length };
      stored.set(t.data, at);
      blobs.push(t.data);
      offset += t.data.length;
    }
    return { tileId: t.tileId, offset: at.offset, length: at.length, runLength: 1 };
  });
  const root = directory(entries);
  const metadata = Buffer.from(JSON.stringify({ name: 'relief demo basemap', description: 'generated test pattern, not a map', attribution: 'demo' }));
  const data = Buffer.concat(blobs);

  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'ascii');
  h[7] = 3;
  const u64 = (at: number, n: number) => h.writeBigUInt64LE(BigInt(n), at);
  const rootOffset = 127, metaOffset = rootOffset + root.length, dataOffset = metaOffset + metadata.length;
  u64(8, rootOffset); u64(16, root.length);
  u64(24, metaOffset); u64(32, metadata.length);
  u64(40, dataOffset); u64(48, 0); // no leaf directories
  u64(56, dataOffset); u64(64, data.length);
  u64(72, tiles.length); u64(80, entries.length); u64(88, blobs.length);
  h[96] = 0; // not clustered: shared bytes make offsets non-monotonic
  h[97] = 1; // internal compression: none
  h[98] = 1; // tile compression: none (PNG is compressed already)
  h[99] = 2; // tile type: png
  h[100] = 0;
  h[101] = maxZoom;
  const e7 = (at: number, deg: number) => h.writeInt32LE(Math.round(deg * 1e7), at);
  e7(102, -180); e7(106, -85); e7(110, 180); e7(114, 85);
  h[118] = 3;
  e7(119, 110); e7(123, 40);
  return Buffer.concat([h, root, metadata, data]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'data/tiles/demo.pmtiles';
  mkdirSync(dirname(out), { recursive: true });
  const buf = buildDemoPmtiles();
  writeFileSync(out, buf);
  console.log(`wrote ${out} (${buf.length} bytes)`);
}
