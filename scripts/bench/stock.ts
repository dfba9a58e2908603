// Stock ledger benchmark (issue 4): a ledger of 1,000,000 movements over 200 depots × 30 items, then
//   1. movement POST throughput over real HTTP (target ≥ 2,000/s on a 2-core machine);
//   2. stock balance read latency, GET /api/stock?depotId=&itemId= (target p99 < 5 ms).
//   npx tsx scripts/bench/stock.ts [--movements 1000000] [--depots 200] [--items 30] [--seconds 10] [--connections 16]
// SQLITE_SYNCHRONOUS=NORMAL trades the last commits on power loss for fewer fsyncs; the default is FULL
// (with group commit, api/http/write.ts, the two measure alike: see db/client.ts).
// The ledger is preloaded with plain SQL (a movement and its balance are both written, so balances
// still equal the replay — checked before measuring); only the measured phase goes through HTTP.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase } from '../../db/client';
import { seedNewDatabase } from '../../db/seed/index';
import { createApp } from '../../api/app';
import { readConfig } from '../../api/config';

import { cannon, type CannonOptions } from '../load/autocannon';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const MOVEMENTS = arg('movements', 1_000_000);
const DEPOTS = arg('depots', 200);
const ITEMS = arg('items', 30);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 16);
const LOTS_PER = 3;
const PASSWORD = 'bench-admin-2026';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
// Deterministic pseudo-random numbers: runs are comparable.
let seed = 42;
const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'relief-bench-stock-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    const sqlite = db.$client;
    let t = performance.now();
    seedNewDatabase(db, { demo: false, adminPassword: PASSWORD });
    const now = new Date().toISOString();
    const counties = sqlite.prepare("SELECT code, lon, lat FROM regions WHERE level = 'county' AND code LIKE '15%' ORDER BY code").all() as { code: string; lon: number; lat: number }[];
    const addItem = sqlite.prepare("INSERT INTO items (code, name, unit, category, catalogue, weight_kg, volume_m3, created_at) VALUES (?, ?, '件', 'bench', 'local', 1, 0.01, ?)");
    const addDepot = sqlite.prepare("INSERT INTO depots (code, name, tier, region_code, lon, lat, created_at) VALUES (?, ?, 'county', ?, ?, ?, ?)");
    sqlite.transaction(() => {
      const have = (sqlite.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
      for (let i = have; i < ITEMS; i++) addItem.run(`BENCH-${i}`, `基准物资${i}`, now);
      for (let i = 0; i < DEPOTS; i++) {
        const c = counties[i % counties.length];
        addDepot.run(`BENCH-D${i}`, `基准仓库${i}`, c.code, c.lon, c.lat, now);
      }
    })();
    const itemIds = (sqlite.prepare('SELECT id FROM items ORDER BY id LIMIT ?').all(ITEMS) as { id: number }[]).map((r) => r.id);
    const depotIds = (sqlite.prepare("SELECT id FROM depots WHERE code LIKE 'BENCH-D%' ORDER BY id").all() as { id: number }[]).map((r) => r.id);

    // Preload: LOTS_PER receipts per depot × item, then issues of 1–5 units from random lots.
    const addLot = sqlite.prepare("INSERT INTO lots (depot_id, item_id, batch_no, expires_on, source, received_at) VALUES (?, ?, ?, ?, 'purchase', ?)");
    const addMove = sqlite.prepare('INSERT INTO stock_movements (posting_id, kind, depot_id, item_id, lot_id, quantity, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const lots: { id: number; depotId: number; itemId: number; held: number }[] = [];
    sqlite.transaction(() => {
      for (const d of depotIds) for (const i of itemIds) for (let k = 0; k < LOTS_PER; k++) {
        const id = Number(addLot.run(d, i, `B${k}`, k === 2 ? null : `2030-0${k + 1}-01`, now).lastInsertRowid);
        lots.push({ id, depotId: d, itemId: i, held: 1_000_000 });
        addMove.run(randomUUID(), 'receipt', d, i, id, 1_000_000, 'bench', now);
      }
    })();
    const BATCH = 50_000;
    for (let done = lots.length; done < MOVEMENTS;) {
      const n = Math.min(BATCH, MOVEMENTS - done);
      sqlite.transaction(() => {
        for (let j = 0; j < n; j++) {
          const lot = lots[rand(lots.length)];
          const q = 1 + rand(5);
          lot.held -= q;
          addMove.run(randomUUID(), 'issue', lot.depotId, lot.itemId, lot.id, -q, 'bench', now);
        }
      })();
      done += n;
    }
    const addBalance = sqlite.prepare('INSERT INTO stock_balances (lot_id, depot_id, item_id, quantity) VALUES (?, ?, ?, ?)');
    sqlite.transaction(() => { for (const l of lots) addBalance.run(l.id, l.depotId, l.itemId, l.held); })();
    sqlite.exec('ANALYZE');
    const mismatched = (sqlite.prepare(`SELECT count(*) AS n FROM stock_balances b JOIN
      (SELECT lot_id, sum(quantity) AS s FROM stock_movements GROUP BY lot_id) m ON m.lot_id = b.lot_id WHERE m.s <> b.quantity`).get() as { n: number }).n;
    const total = (sqlite.prepare('SELECT count(*) AS n FROM stock_movements').get() as { n: number }).n;
    console.log(`ledger: ${total.toLocaleString('en')} movements, ${depotIds.length} depots × ${itemIds.length} items × ${LOTS_PER} lots, preloaded in ${((performance.now() - t) / 1000).toFixed(1)} s; balances ≠ replay: ${mismatched}; synchronous=${sqlite.pragma('synchronous', { simple: true })}`);

    const app = createApp(db, { ...readConfig({ NODE_ENV: 'production' }), logRequests: false, databasePath: join(dir, 'bench.db') });
    const login = await (await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };

    // 2 (measured first, on the preloaded ledger). Balance reads in process: route + service + SQLite, no socket.
    const times: number[] = [];
    for (let k = 0; k < 3_000; k++) {
      const path = `/api/stock?depotId=${depotIds[rand(depotIds.length)]}&itemId=${itemIds[rand(itemIds.length)]}`;
      t = performance.now();
      const res = await app.request(path, { headers: auth });
      const body = await res.json() as { balances: { lots: unknown[] }[] };
      if (k >= 100) times.push(performance.now() - t);
      if (res.status !== 200 || body.balances[0].lots.length !== LOTS_PER) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    console.log(`balance read (in process):  p50 ${pct(times, 50).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  (target p99 < 5 ms)`);

    const server = serve({ fetch: app.fetch, port: 0 });
    await new Promise((r) => setTimeout(r, 200));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const run = (opts: CannonOptions) => cannon({ duration: SECONDS, ...opts });
    const reads = await run({
      url: `${base}/api/stock`, connections: 1, headers: auth,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/api/stock?depotId=${depotIds[rand(depotIds.length)]}&itemId=${itemIds[rand(itemIds.length)]}` }) }],
    });
    console.log(`balance read (HTTP, 1 client): ${reads.requests.average.toFixed(0)} req/s  p50 ${reads.latency.p50} ms  p99 ${reads.latency.p99} ms`);

    // 1. Movement POSTs: issues and receipts to random depot × item, through HTTP.
    const before = total;
    const posts = await run({
      url: `${base}/api/stock/movements`, method: 'POST', connections: CONNECTIONS,
      headers: { ...auth, 'content-type': 'application/json' },
      requests: [{
        setupRequest: (req) => {
          const depotId = depotIds[rand(depotIds.length)], itemId = itemIds[rand(itemIds.length)];
          const body = rand(2) === 0
            ? { kind: 'issue', depotId, itemId, quantity: 1 + rand(3) }
            : { kind: 'receipt', depotId, itemId, quantity: 1 + rand(50), batchNo: `B${rand(LOTS_PER)}` };
          return { ...req, body: JSON.stringify(body) };
        },
      }],
    });
    server.close();
    const after = (sqlite.prepare('SELECT count(*) AS n FROM stock_movements').get() as { n: number }).n;
    const stillOk = (sqlite.prepare(`SELECT count(*) AS n FROM stock_balances b JOIN
      (SELECT lot_id, sum(quantity) AS s FROM stock_movements GROUP BY lot_id) m ON m.lot_id = b.lot_id WHERE m.s <> b.quantity`).get() as { n: number }).n;
    console.log(`movement POST (HTTP, ${CONNECTIONS} clients): ${posts.requests.average.toFixed(0)} req/s  p50 ${posts.latency.p50} ms  p99 ${posts.latency.p99} ms  `
      + `(${(after - before).toLocaleString('en')} movements written, ${posts.non2xx} non-2xx; target ≥ 2,000/s); balances ≠ replay after: ${stillOk}`);
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
