// The load scenario, written straight into a new database before the server starts: a blizzard over
// all of Inner Mongolia (15) and Gansu (62), every one of their 2,628 townships with an accepted
// 初报 and 续报, a depot in every county holding every catalogue item in three lots, and the people
// who work it: township reporters, depot keepers, province and county officers. Plain SQL for the
// bulk (a movement and its balance are written together, so balances equal the replay), and the
// reports module's own recountTownship for the roll-up projection.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { seedNewDatabase } from '../../db/seed/index';
import { loadRegionTree } from '../../api/modules/regions/service';
import { recountTownship, townshipAncestors } from '../../api/modules/reports/projection';
import { hashPassword } from '../../api/modules/auth/passwords';

export const PROVINCES = ['15', '62'];
export const PASSWORD = 'load-test-2026';
export const LOTS_PER_ITEM = 3;
export const LOT_QUANTITY = 1_000_000;

export interface ScenarioSize { reporters: number; keepers: number; countyOfficers: number }

export interface Person { username: string; role: string; regionCode: string; depotId?: number }

export interface Scenario {
  eventId: number;
  townships: string[];
  counties: string[];
  prefectures: string[];
  depots: { id: number; regionCode: string }[];
  itemIds: number[];
  people: Person[];
}

/** Cumulative figures of township i at its k-th report: never falling, internally consistent, deaths fixed. */
export function figures(i: number, k: number) {
  const relocated = 20 + ((i * 7) % 300) + k * 15;
  const centralized = Math.floor(relocated / 2);
  return {
    affected: 500 + ((i * 13) % 4000) + k * 100, deaths: i % 3 === 0 ? 1 : 0, relocated, relocatedCentralized: centralized,
    relocatedDispersed: relocated - centralized, needEmergencyAid: 30 + ((i * 11) % 200) + k * 10,
    collapsedRooms: (i % 5) + k, collapsedHouseholds: Math.floor(((i % 5) + k) / 2), livestockDeaths: ((i * 3) % 900) + k * 40,
  };
}

/** Picks n of a list spread evenly over it (all of it when n ≥ its length). */
const spread = <T>(list: T[], n: number) => (n >= list.length ? list : Array.from({ length: n }, (_, j) => list[Math.floor((j * list.length) / n)]));

export function buildScenario(db: Db, size: ScenarioSize): Scenario {
  seedNewDatabase(db, { demo: false, adminPassword: PASSWORD });
  const sqlite = db.$client;
  const tree = loadRegionTree(db);
  const inScope = (level: string) => PROVINCES.flatMap((p) => tree.descendantsAt(p, level as 'county').map((n) => n.code)).sort();
  const townships = inScope('township');
  const counties = inScope('county');
  const prefectures = inScope('prefecture');
  const now = Date.now();
  const at = (hours: number) => new Date(now - (72 - hours) * 3600_000).toISOString();

  const eventId = Number(sqlite.prepare(`INSERT INTO events (name, hazard, started_at, region_code, affected_region_codes, created_at)
    VALUES ('负载测试：内蒙古—甘肃暴雪 (load test)', 'snow', ?, ?, ?, ?)`).run(at(0), PROVINCES[0], JSON.stringify(PROVINCES), at(0)).lastInsertRowid);
  const addReport = sqlite.prepare(`INSERT INTO reports (event_id, township_code, county_code, prefecture_code, province_code, stage, figures,
    explanation, status, submitted_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'superseded', ?, ?)`);
  db.transaction((tx) => {
    townships.forEach((code, i) => {
      const a = townshipAncestors(tree, code);
      addReport.run(eventId, code, a.countyCode, a.prefectureCode, a.provinceCode, 'initial', JSON.stringify(figures(i, 0)), null, at(1), at(2));
      addReport.run(eventId, code, a.countyCode, a.prefectureCode, a.provinceCode, 'update', JSON.stringify(figures(i, 1)), '续报', at(25), at(26));
    });
    for (const code of townships) recountTownship(tx, eventId, code);
  });

  const itemIds = (sqlite.prepare('SELECT id FROM items ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const addDepot = sqlite.prepare("INSERT INTO depots (code, name, tier, region_code, lon, lat, created_at) VALUES (?, ?, 'county', ?, ?, ?, ?)");
  const addLot = sqlite.prepare("INSERT INTO lots (depot_id, item_id, batch_no, expires_on, source, received_at) VALUES (?, ?, ?, ?, 'purchase', ?)");
  const addMove = sqlite.prepare("INSERT INTO stock_movements (posting_id, kind, depot_id, item_id, lot_id, quantity, actor_name, at) VALUES (?, 'receipt', ?, ?, ?, ?, 'load-scenario', ?)");
  const addBalance = sqlite.prepare('INSERT INTO stock_balances (lot_id, depot_id, item_id, quantity) VALUES (?, ?, ?, ?)');
  const depots: Scenario['depots'] = [];
  sqlite.transaction(() => {
    for (const code of counties) {
      const region = sqlite.prepare('SELECT name, lon, lat FROM regions WHERE code = ?').get(code) as { name: string; lon: number; lat: number };
      const id = Number(addDepot.run(`LOAD-${code}`, `${region.name}应急物资储备库`, code, region.lon, region.lat, at(0)).lastInsertRowid);
      depots.push({ id, regionCode: code });
      for (const item of itemIds) {
        for (let k = 0; k < LOTS_PER_ITEM; k++) {
          const lot = Number(addLot.run(id, item, `L${k}`, `203${k}-06-30`, at(0)).lastInsertRowid);
          addMove.run(randomUUID(), id, item, lot, LOT_QUANTITY, at(0));
          addBalance.run(lot, id, item, LOT_QUANTITY);
        }
      }
    }
  })();

  // One password hash for everyone (scrypt is deliberately slow; the harness signs in over HTTP).
  const hash = hashPassword(PASSWORD);
  const addUser = sqlite.prepare("INSERT INTO users (username, display_name, password_hash, role, region_code, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const addUserDepot = sqlite.prepare('INSERT INTO user_depots (user_id, depot_id) VALUES (?, ?)');
  const people: Person[] = [];
  sqlite.transaction(() => {
    const add = (p: Person) => {
      const id = Number(addUser.run(p.username, p.username, hash, p.role, p.regionCode, at(0)).lastInsertRowid);
      if (p.depotId !== undefined) addUserDepot.run(id, p.depotId);
      people.push(p);
    };
    spread(townships, size.reporters).forEach((code) => add({ username: `rep_${code}`, role: 'reporter', regionCode: code }));
    spread(depots, size.keepers).forEach((d) => add({ username: `keep_${d.id}`, role: 'keeper', regionCode: d.regionCode, depotId: d.id }));
    for (const p of PROVINCES) add({ username: `off_${p}`, role: 'officer', regionCode: p });
    spread(counties, size.countyOfficers).forEach((code) => add({ username: `off_${code}`, role: 'officer', regionCode: code }));
  })();
  sqlite.exec('ANALYZE');
  return { eventId, townships, counties, prefectures, depots, itemIds, people };
}
