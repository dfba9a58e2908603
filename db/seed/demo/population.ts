import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../client';
import { regions } from '../../schema/index';

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
  const townships = db.select().from(regions).where(eq(regions.level, 'township')).all();
  const sums = new Map<string, { population: number; agriPopulation: number }>();
  db.transaction((tx) => {
    for (const t of townships) {
      const p = demoTownshipPopulation(t.code, t.name);
      tx.update(regions).set({ ...p, populationSource: 'demo' }).where(eq(regions.code, t.code)).run();
      // Add to every ancestor: county, prefecture, province.
      let parent = t.parentCode;
      while (parent) {
        const s = sums.get(parent) ?? { population: 0, agriPopulation: 0 };
        s.population += p.population;
        s.agriPopulation += p.agriPopulation;
        sums.set(parent, s);
        parent = tx.select({ p: regions.parentCode }).from(regions).where(eq(regions.code, parent)).get()?.p ?? null;
      }
    }
    for (const [code, s] of sums) tx.update(regions).set({ ...s, populationSource: 'demo' }).where(eq(regions.code, code)).run();
  });
}
