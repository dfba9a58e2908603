import type { Db } from '../client';
import { readRegionSeed } from './regions-file';

/** Reference data every new database gets: the real region tree (NBS 2023 codes). */
export function loadRegions(db: Db) {
  const rows = readRegionSeed();
  // A prepared statement, not the query builder: ~4,000 rows on every new database and test.
  const insert = db.$client.prepare(
    'INSERT INTO regions (code, name, level, parent_code, lon, lat, approximate, stat_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.$client.transaction(() => {
    for (const r of rows) insert.run(r.code, r.name, r.level, r.parentCode, r.lon, r.lat, r.approximate ? 1 : 0, r.statCode);
  })();
  return rows.length;
}
