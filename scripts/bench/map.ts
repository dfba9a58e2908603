// Planning-map benchmark (issue 8): in headless Chromium (Debian's, software WebGL), the /map page
// with 40,000 township points and the county polygons of two provinces (Inner Mongolia 15 and
// Gansu 62, the shipped offline boundaries), through the real server and API.
//   npm run build && npm run bench:map [-- --townships 40000 --frames 120]
// Prints the time to the first full render (navigation start → every layer drawn and the map idle)
// and the frame times while panning (median, p90). Targets: first render < 3 s, pan frames < 33 ms
// median; software rendering is slower than a user's GPU, so the figures are reported as measured.
//
// The seed has ~2,600 real townships in the two provinces: the run adds synthetic ones (codes
// <county>600–999, random points inside each county's polygon) in its own temp database.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, bbox } from '@turf/turf';
import { openDatabase } from '../../db/client';
import { seedNewDatabase } from '../../db/seed/index';
import { launchBrowser, newPage, signInAs, startServer } from '../../test/support/e2e';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const TOWNSHIPS = arg('townships', 40_000);
const FRAMES = arg('frames', 120);
const PROVINCES = ['15', '62'];
const PASSWORD = 'bench-admin-2026';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

// A small deterministic generator: the same points every run.
let seed = 20260801;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function addTownships(dbPath: string): { total: number; added: number; counties: number } {
  const db = openDatabase(dbPath);
  const counties = PROVINCES.flatMap((p) => (JSON.parse(readFileSync(`db/seed/geo/counties-${p}.geojson`, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>).features);
  const existing = (db.$client.prepare(`SELECT count(*) AS n FROM regions WHERE level = 'township' AND (${PROVINCES.map(() => 'code LIKE ?').join(' OR ')})`).get(...PROVINCES.map((p) => `${p}%`)) as { n: number }).n;
  const toAdd = Math.max(0, TOWNSHIPS - existing);
  const perCounty = Math.ceil(toAdd / counties.length);
  if (perCounty > 400) throw new Error(`${perCounty} synthetic townships per county do not fit in codes 600–999`);
  const insert = db.$client.prepare(`INSERT OR IGNORE INTO regions (code, name, level, parent_code, lon, lat, approximate, population, population_source)
    VALUES (?, ?, 'township', ?, ?, ?, 1, ?, 'demo')`);
  let added = 0;
  db.$client.transaction(() => {
    for (const county of counties) {
      const code = String(county.properties!.code);
      const [w, s, e, n] = bbox(county);
      for (let i = 0; i < perCounty && added < toAdd; i++) {
        let lon = 0, lat = 0;
        for (let tries = 0; tries < 200; tries++) {
          lon = w + random() * (e - w);
          lat = s + random() * (n - s);
          if (booleanPointInPolygon([lon, lat], county)) break;
        }
        added += insert.run(`${code}${600 + i}`, `模拟乡镇${600 + i}`, code, +lon.toFixed(5), +lat.toFixed(5), 1000 + Math.floor(random() * 30000)).changes;
      }
    }
  })();
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  return { total: existing + added, added, counties: counties.length };
}

async function main() {
  if (!existsSync('web/dist/index.html')) throw new Error('build the web UI first: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'relief-bench-map-'));
  const dbPath = join(dir, 'bench.db');
  try {
    let t = performance.now();
    const db = openDatabase(dbPath);
    seedNewDatabase(db, { demo: true, adminPassword: PASSWORD });
    db.$client.close();
    const made = addTownships(dbPath);
    console.log(`database: ${made.total.toLocaleString('en')} townships in provinces ${PROVINCES.join(' + ')} (${made.added.toLocaleString('en')} synthetic), ${made.counties} county polygons; prepared in ${ms(performance.now() - t)}`);

    const server = await startServer({ DATABASE_PATH: dbPath });
    const browser = await launchBrowser();
    try {
      const { page, problems } = await newPage(browser, { width: 1440, height: 900 });
      await signInAs(page, server.url, 'admin', PASSWORD);
      // The moment everything is drawn, taken in the page (not by polling from here).
      // (Strings, not functions: tsx would wrap named inner functions in a helper the page lacks.)
      await page.addInitScript(`(() => {
        const check = () => {
          if (document.querySelector('[data-ready=true]') && window.__mapIdle) window.__benchReady = performance.now();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })()`);
      let requests = 0;
      page.on('request', (r) => r.url().includes('/api/') && requests++);
      await page.goto(`${server.url}/map?region=${PROVINCES.join(',')}`);
      await page.waitForFunction(() => (window as unknown as { __benchReady?: number }).__benchReady !== undefined, null, { timeout: 180_000, polling: 100 }).catch(async (e) => {
        const state = await page.evaluate(() => ({
          ready: document.querySelector('[data-testid=planning-map-page]')?.getAttribute('data-ready'),
          idle: (window as unknown as { __mapIdle?: boolean }).__mapIdle,
          status: document.querySelector('.map-status')?.textContent, error: document.querySelector('[role=alert]')?.textContent,
        }));
        console.error('the map did not finish:', state, problems);
        throw e;
      });
      const firstRender = await page.evaluate(() => (window as unknown as { __benchReady: number }).__benchReady);
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      const phase = (name: string) => (marks[name] === undefined ? '—' : ms(marks[name]));
      const drawn = await page.evaluate(() => ({
        townships: window.__planningMap!.map.querySourceFeatures('townships').length,
        counties: window.__planningMap!.map.querySourceFeatures('boundaries').length,
        zoom: window.__planningMap!.map.getZoom(),
      }));
      const shown = await page.textContent('[data-testid=layer-panel] label.check:has(input[name=layer-townships]) .count');
      console.log(`first full render: ${ms(firstRender)} (navigation start → boundaries, ${shown} township points, depots, shipments, damage choropleth drawn and the map idle; ${requests} API requests)`);
      console.log(`  phases: data for boundaries and depots ${phase('map:base-loaded')}, ${PROVINCES.length} provinces' township points fetched ${phase('map:townships-loaded')}, all drawn and idle ${ms(firstRender)}`);
      console.log(`  at zoom ${drawn.zoom.toFixed(2)}: ${drawn.townships.toLocaleString('en')} township and ${drawn.counties} county features in the loaded tiles`);

      // Panning: one panBy per animation frame, the frame time is the gap between frames.
      const pan = (dx: number, dy: number) => page.evaluate(`new Promise((resolve) => {
        const map = window.__planningMap.map;
        const times = [];
        let last = 0, i = 0;
        const step = (now) => {
          if (last) times.push(now - last);
          last = now;
          if (i++ >= ${FRAMES}) return resolve(times);
          map.panBy([i % 60 < 30 ? ${dx} : -${dx}, i % 60 < 30 ? ${dy} : -${dy}], { duration: 0 });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      })`) as Promise<number[]>;
      const wide = await pan(12, 4);
      console.log(`pan at province scale (${FRAMES} frames): median ${ms(pct(wide, 50))}, p90 ${ms(pct(wide, 90))}, max ${ms(Math.max(...wide))}`);
      // The floor on this machine: the same pan with every overlay hidden (province outlines only).
      const overlays = ['counties', 'townships', 'choropleth', 'depots', 'shipments'];
      for (const k of overlays) await page.uncheck(`input[name=layer-${k}]`);
      const floor = await pan(12, 4);
      console.log(`  baseline, overlays hidden: median ${ms(pct(floor, 50))}, p90 ${ms(pct(floor, 90))}`);
      for (const k of overlays) await page.check(`input[name=layer-${k}]`);
      await page.evaluate(() => window.__planningMap!.map.jumpTo({ center: [111.7, 40.8], zoom: 8 }));
      await page.waitForFunction(() => (window as unknown as { __mapIdle?: boolean }).__mapIdle === true, null, { timeout: 60_000 });
      const near = await pan(12, 4);
      console.log(`pan at county scale, township labels on (zoom 8, ${FRAMES} frames): median ${ms(pct(near, 50))}, p90 ${ms(pct(near, 90))}, max ${ms(Math.max(...near))}`);
      const gl = await page.evaluate(() => {
        const c = document.createElement('canvas').getContext('webgl2');
        const ext = c?.getExtension('WEBGL_debug_renderer_info');
        return ext ? String(c!.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
      });
      console.log(`renderer: ${gl}; targets: first render < 3000 ms, pan median < 33 ms`);
      if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
