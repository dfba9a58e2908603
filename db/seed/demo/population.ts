import { createHash } from 'node:crypto';
import type { Db } from '../../client';

// DEMO populations: a deterministic number per township (from a hash of its code), summed up the
// tree. Street offices (街道) are urban: large population, small agricultural share.
const unit = (code: string) => createHash('sha256').update(code).digest().readUInt32BE(0) / 2 ** 32;

export function demoTownshipPopulation(code: string, name: string) {
  const urban = name.endsWith('街道');
  const population = Math.round(urban ? 15_000 + unit(code) * 45_000 : 3_000 + unit(code) * 17_000);
  const agriShare = urban ? 0.02 + unit(code + 'a') * 0.08 : 0.55 + unit(code + 'a') * 0.35;
  return { population, agriPopulation: Math.round(population * agriShare) };
}

export function loadDemoPopulation(db: Db) {
  const rows = db.$client.prepare('SELECT code, name, level, parent_code AS parentCode FROM regions').all() as
    { code: string; name: string; level: string; parentCode: string | null }[];
  const parentOf = new Map(rows.map((r) => [r.code, r.parentCode]));
  const figures = new Map<string, { population: number; agriPopulation: number }>();
  for (const t of rows) {
    if (t.level !== 'township') continue;
    const p = demoTownshipPopulation(t.code, t.name);
    figures.set(t.code, p);
    // Add to every ancestor: county, prefecture, province.
    for (let a = t.parentCode; a; a = parentOf.get(a) ?? null) {
      const s = figures.get(a) ?? { population: 0, agriPopulation: 0 };
      s.population += p.population;
      s.agriPopulation += p.agriPopulation;
      figures.set(a, s);
    }
  }
  const update = db.$client.prepare("UPDATE regions SET population = ?, agri_population = ?, population_source = 'demo' WHERE code = ?");
  db.$client.transaction(() => {
    for (const [code, f] of figures) update.run(f.population, f.agriPopulation, code);
  })();
}
