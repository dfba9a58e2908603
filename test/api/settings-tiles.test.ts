import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { buildDemoPmtiles } from '../../scripts/tiles/demo-pmtiles';

let f: ReturnType<typeof freshApp>;
let dir: string;
const archive = buildDemoPmtiles(3);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relief-tiles-'));
  writeFileSync(join(dir, 'demo.pmtiles'), archive);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => f?.close());

const withTiles = (env: Record<string, string> = {}) => freshApp({ env: { TILES_DIR: dir, PMTILES_BASEMAP: 'demo', ...env } });

describe('PMTiles basemap served by the API', () => {
  it('the map settings name the archive, its tile type and the basemap chosen by environment variable', async () => {
    f = withTiles({ BASEMAP: 'pmtiles' });
    const officer = await f.login('officer');
    const res = await officer.get('/api/settings/map');
    expect(res.body).toMatchObject({ pmtiles: '/api/tiles/demo.pmtiles', pmtilesType: 'raster', pmtilesMaxZoom: 3, defaultBasemap: 'pmtiles' });
    expect(res.body.pmtilesBounds).toEqual([-180, -85, 180, 85]);
  });

  it('without an archive the settings offer none and the offline basemap is the default', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    expect((await officer.get('/api/settings/map')).body).toMatchObject({ pmtiles: null, pmtilesType: null, defaultBasemap: 'offline' });
  });

  it('a byte range of the archive comes back as 206 Partial Content with exactly those bytes', async () => {
    f = withTiles();
    const { token } = await f.login('reporter');
    const res = await f.app.request('/api/tiles/demo.pmtiles', { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-126' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${archive.length}`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(archive.subarray(0, 127))).toBe(true);
    expect(body.subarray(0, 7).toString()).toBe('PMTiles');

    const tail = await f.app.request('/api/tiles/demo.pmtiles', { headers: { authorization: `Bearer ${token}`, range: 'bytes=-100' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(archive.subarray(archive.length - 100))).toBe(true);

    const whole = await f.app.request('/api/tiles/demo.pmtiles', { headers: { authorization: `Bearer ${token}` } });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(archive)).toBe(true);
  });

  it('a range past the end is 416 with the size; a stale If-Range gets the whole archive', async () => {
    f = withTiles();
    const { token } = await f.login('officer');
    const auth = { authorization: `Bearer ${token}` };
    const past = await f.app.request('/api/tiles/demo.pmtiles', { headers: { ...auth, range: `bytes=${archive.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${archive.length}`);
    expect((await past.json()).error.code).toBe('RANGE_NOT_SATISFIABLE');
    const stale = await f.app.request('/api/tiles/demo.pmtiles', { headers: { ...auth, range: 'bytes=0-9', 'if-range': '"old"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(archive.length);
  });

  it('only archives in the tiles folder are served, and only to signed-in users', async () => {
    f = withTiles();
    const officer = await f.login('officer');
    expect((await officer.get('/api/tiles/missing.pmtiles')).status).toBe(404);
    expect((await officer.get('/api/tiles/..%2Fsecret.pmtiles')).status).toBe(400);
    expect((await officer.get('/api/tiles/demo.mbtiles')).status).toBe(400);
    expect((await f.call('GET', '/api/tiles/demo.pmtiles', null)).status).toBe(401);
  });
});
