// Damage-report benchmark (issue 5): 40,000 townships × 3 reports each, then
//   1. the roll-up for the whole event (all 40,000 townships): p50 / p99 of GET /summary (target < 200 ms),
//      also broken down by county, and "as of" a past time (the replay path);
//   2. report POST throughput over real HTTP at 50 concurrent clients, as a ratio to a Hono
//      hello-world route measured in the same run (target ≥ 0.30), and its p99 (target < 50 ms).
//   npx tsx scripts/bench/reports.ts [--townships 40000] [--seconds 10]
// The region seed has ~2,600 real townships, so the run adds synthetic ones (codes xxxxxx600–999)
// under Inner Mongolia's 103 counties in its own temp database: one province holds them all, the
// widest roll-up the API can be asked for (no region sits above a province).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { openDatabase } from '../../db/client';
import { seedNewDatabase } from '../../db/seed/index';
import { createApp } from '../../api/app';
import { readConfig } from '../../api/config';
import { loadRegionTree } from '../../api/modules/regions/service';
import { recountTownship, townshipAncestors } from '../../api/modules/reports/projection';

import { cannon, type CannonOptions } from '../load/autocannon';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const TOWNSHIPS = arg('townships', 40_000);
const SECONDS = arg('seconds', 10);
const PASSWORD = 'bench-admin-2026';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Cumulative figures of one township at report k (0 初报, 1 and 2 续报): never falling, deaths fixed. */
function figures(i: number, k: number) {
  const relocated = 20 + ((i * 7) % 300) + k * 15;
  const centralized = Math.floor(relocated / 2);
  return {
    affected: 500 + ((i * 13) % 4000) + k * 100, deaths: i % 3 === 0 ? 1 : 0, relocated, relocatedCentralized: centralized,
    relocatedDispersed: relocated - centralized, needEmergencyAid: 30 + ((i * 11) % 200) + k * 10,
    collapsedRooms: (i % 5) + k, collapsedHouseholds: Math.floor(((i % 5) + k) / 2), livestockDeaths: (i * 3) % 900 + k * 40,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'relief-bench-reports-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    let t = performance.now();
    seedNewDatabase(db, { demo: false, adminPassword: PASSWORD });
    const sqlite = db.$client;
    const counties = (sqlite.prepare("SELECT code, lon, lat FROM regions WHERE level = 'county' AND code LIKE '15%' ORDER BY code").all()) as { code: string; lon: number; lat: number }[];
    const perCounty = Math.ceil(TOWNSHIPS / counties.length);
    if (perCounty > 400) throw new Error(`at most ${counties.length * 400} synthetic townships`);
    const codes: string[] = [];
    const addRegion = sqlite.prepare("INSERT INTO regions (code, name, level, parent_code, lon, lat, approximate) VALUES (?, ?, 'township', ?, ?, ?, 1)");
    sqlite.transaction(() => {
      for (let i = 0; codes.length < TOWNSHIPS; i++) {
        const c = counties[i % counties.length];
        const code = `${c.code}${600 + Math.floor(i / counties.length)}`;
        addRegion.run(code, `合成乡镇${code}`, c.code, c.lon + ((i % 17) - 8) * 0.01, c.lat + ((i % 13) - 6) * 0.01);
        codes.push(code);
      }
    })();
    const tree = loadRegionTree(db);
    const now = Date.now();
    const at = (h: number) => new Date(now - (72 - h) * 3600_000).toISOString();
    const eventId = Number(sqlite.prepare("INSERT INTO events (name, hazard, started_at, region_code, created_at) VALUES ('基准测试暴雪', 'snow', ?, '15', ?)").run(at(0), at(0)).lastInsertRowid);
    const addReport = sqlite.prepare(`INSERT INTO reports (event_id, township_code, county_code, prefecture_code, province_code, stage, figures, status,
      submitted_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'superseded', ?, ?)`);
    sqlite.transaction(() => {
      codes.forEach((code, i) => {
        const a = townshipAncestors(tree, code);
        for (let k = 0; k < 3; k++) {
          addReport.run(eventId, code, a.countyCode, a.prefectureCode, a.provinceCode, k === 0 ? 'initial' : 'update', JSON.stringify(figures(i, k)), at(1 + k * 24), at(2 + k * 24));
        }
      });
    })();
    console.log(`  regions and reports inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    db.transaction((tx) => { for (const code of codes) recountTownship(tx, eventId, code); });
    console.log(`data: ${codes.length} townships × 3 reports in ${((performance.now() - t) / 1000).toFixed(1)} s (synchronous=${sqlite.pragma('synchronous', { simple: true })})`);

    const app = createApp(db, { ...readConfig({ NODE_ENV: 'production' }), logRequests: false, databasePath: join(dir, 'bench.db') });
    const login = await (await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };

    // 1. Roll-up latency (in process: the route, the service and SQLite, no socket).
    const timeGet = async (path: string, n: number) => {
      const times: number[] = [];
      let body: { townships: number; figures: { relocated: number } } | null = null;
      for (let i = 0; i < n + 5; i++) {
        t = performance.now();
        const res = await app.request(path, { headers: auth });
        body = await res.json() as typeof body;
        if (i >= 5) times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      }
      return { p50: pct(times, 50), p99: pct(times, 99), body: body! };
    };
    const whole = await timeGet(`/api/events/${eventId}/summary?regionCode=15`, 200);
    const expected = codes.reduce((s, _c, i) => s + figures(i, 2).relocated, 0);
    if (whole.body.townships !== TOWNSHIPS || whole.body.figures.relocated !== expected) throw new Error(`wrong roll-up: ${JSON.stringify(whole.body).slice(0, 300)}`);
    console.log(`summary, whole event (${TOWNSHIPS} townships): p50 ${ms(whole.p50)}  p99 ${ms(whole.p99)}  (target < 200 ms) — sum checked`);
    const byCounty = await timeGet(`/api/events/${eventId}/summary?regionCode=15&by=county`, 100);
    console.log(`summary by county:                          p50 ${ms(byCounty.p50)}  p99 ${ms(byCounty.p99)}`);
    const county = await timeGet(`/api/events/${eventId}/summary?regionCode=${counties[0].code}`, 200);
    console.log(`summary, one county:                        p50 ${ms(county.p50)}  p99 ${ms(county.p99)}`);
    const past = await timeGet(`/api/events/${eventId}/summary?regionCode=15&asOf=${encodeURIComponent(at(30))}`, 20);
    console.log(`summary asOf (window query over ${TOWNSHIPS * 2} accepted reports): p50 ${ms(past.p50)}  p99 ${ms(past.p99)}`);
    const assess = await timeGet(`/api/events/${eventId}/assessment?regionCode=15`, 100);
    console.log(`assessment, whole event:                    p50 ${ms(assess.p50)}  p99 ${ms(assess.p99)}`);

    // 2. Report POST over HTTP vs a hello-world Hono route, same process, same client settings.
    const hello = new Hono();
    hello.get('/hello', (c) => c.json({ ok: true }));
    const helloServer = serve({ fetch: hello.fetch, port: 0 });
    const apiServer = serve({ fetch: app.fetch, port: 0 });
    await new Promise((r) => setTimeout(r, 200));
    const port = (s: typeof helloServer) => (s.address() as { port: number }).port;
    const run = (opts: CannonOptions) => cannon({ connections: 50, duration: SECONDS, ...opts });
    const h = await run({ url: `http://127.0.0.1:${port(helloServer)}/hello` });
    let n = 0;
    const r = await run({
      url: `http://127.0.0.1:${port(apiServer)}/api/events/${eventId}/reports`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      requests: [{
        setupRequest: (req) => {
          const i = (n++ * 7919) % codes.length;
          return { ...req, body: JSON.stringify({ regionCode: codes[i], stage: 'update', figures: figures(i, 3 + Math.floor(n / codes.length)), explanation: '基准测试续报' }) };
        },
      }],
    });
    helloServer.close();
    apiServer.close();
    const stored = (sqlite.prepare('SELECT count(*) AS c FROM reports WHERE event_id = ?').get(eventId) as { c: number }).c - TOWNSHIPS * 3;
    const non2xx = r.non2xx;
    console.log(`hello world:   ${h.requests.average.toFixed(0)} req/s  p50 ${h.latency.p50} ms  p99 ${h.latency.p99} ms`);
    console.log(`report POST:   ${r.requests.average.toFixed(0)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms  (50 clients; ${stored} stored, ${non2xx} non-2xx)`);
    console.log(`ratio POST / hello: ${(r.requests.average / h.requests.average).toFixed(2)}  (target ≥ 0.30);  POST p99 ${r.latency.p99} ms (target < 50 ms)`);
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
