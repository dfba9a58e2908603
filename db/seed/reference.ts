import type { Db } from '../client';
import { regions } from '../schema/index';
import { readRegionSeed } from './regions-file';

/** Reference data every new database gets: the real region tree (NBS 2023 codes). */
export function loadRegions(db: Db) {
  const rows = readRegionSeed();
  db.transaction((tx) => {
    for (const r of rows) {
      tx.insert(regions).values({
        code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, lon: r.lon, lat: r.lat,
        approximate: r.approximate, statCode: r.statCode,
      }).run();
    }
  });
  return rows.length;
}
