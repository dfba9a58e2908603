import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppConfig } from '../../config';
import { DomainError, notFound } from '../../http/errors';
import { newRouter, route } from '../../http/router';
import { parseByteRange } from './byte-range';
import { PMTILES_HEADER_BYTES, readPmtilesHeader, type PmtilesHeader } from './pmtiles-header';

const ArchiveParam = z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}\.pmtiles$/, 'an archive name such as china.pmtiles') });

const archivePath = (config: AppConfig, file: string) => join(resolve(config.tilesDir), file);

/** The configured basemap archive's header, or null when there is none (or it is not PMTiles v3). */
function basemapArchive(config: AppConfig): (PmtilesHeader & { url: string }) | null {
  if (!config.pmtilesBasemap) return null;
  const file = `${config.pmtilesBasemap}.pmtiles`;
  try {
    const fd = openSync(archivePath(config, file), 'r');
    const buf = Buffer.alloc(PMTILES_HEADER_BYTES);
    try {
      readSync(fd, buf, 0, PMTILES_HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    const header = readPmtilesHeader(buf);
    return header && { ...header, url: `/api/tiles/${file}` };
  } catch {
    return null;
  }
}

export function settingsRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/map', tags: ['settings'], summary: 'Basemap configuration (from the environment): Tianditu, XYZ, the PMTiles archive and the default basemap' }), (c) => {
    const { config } = c.var.deps;
    const archive = basemapArchive(config);
    return c.json({
      tiandituKey: config.tiandituKey,
      xyzTilesUrl: config.xyzTilesUrl,
      pmtiles: archive?.url ?? null,
      pmtilesType: archive ? (archive.tileType === 'mvt' ? 'vector' : 'raster') : null,
      pmtilesMaxZoom: archive?.maxZoom ?? null,
      pmtilesBounds: archive?.bounds ?? null,
      defaultBasemap: config.basemap,
    }, 200);
  });
  return r;
}

/**
 * PMTiles archives from TILES_DIR, read by the map a byte range at a time (206 Partial Content):
 * one file on our own server is a whole basemap, no tile server and no internet needed.
 */
export function tilesRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/{name}', tags: ['settings'], summary: 'A PMTiles archive; honours Range: bytes=… (206)', request: { params: ArchiveParam } }), (c) => {
    const { name } = c.req.valid('param');
    const file = archivePath(c.var.deps.config, name);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      throw notFound('archive', name);
    }
    if (!stat.isFile()) throw notFound('archive', name);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    // If-Range with a stale validator: the archive changed under the reader, so send it whole.
    const ifRange = c.req.header('if-range');
    const range = ifRange && ifRange !== etag ? { kind: 'whole' as const } : parseByteRange(c.req.header('range'), stat.size);
    const headers: Record<string, string> = {
      'accept-ranges': 'bytes', etag, 'content-type': 'application/vnd.pmtiles', 'cache-control': 'private, max-age=3600',
    };
    if (range.kind === 'unsatisfiable') {
      c.header('content-range', `bytes */${stat.size}`);
      throw new DomainError('RANGE_NOT_SATISFIABLE', 'the range lies outside the archive', { size: stat.size });
    }
    const [start, end, status] = range.kind === 'partial' ? [range.start, range.end, 206 as const] : [0, stat.size - 1, 200 as const];
    if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
    headers['content-length'] = String(Math.max(0, end - start + 1));
    if (stat.size === 0) return c.body(null, 200, headers);
    const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
    return c.body(body, status, headers);
  });
  return r;
}
