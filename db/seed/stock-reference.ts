// Reference data of the stock module: the item catalogue and the per-person reserve standards.
import { readFileSync } from 'node:fs';
import type { Db } from '../client';
import { items, reserveStandards } from '../schema/index';

const seedFile = (name: string) => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));

// The seed files write province codes the GB/T 2260 six-digit way (150000); the region tree
// uses the prefix (15). 1525 00 → 1525 likewise.
export function treeCode(code: string | null | undefined): string | null {
  if (!code) return null;
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

interface ItemSeed {
  code: string; name: string; nameEn?: string; unit: string; category: string; catalogue: string; regionCode?: string;
  weightKg: number; volumeM3: number; shelfLifeDays: number | null; warnDays: number | null; spec?: string; source?: string;
}

export function loadItems(db: Db) {
  const { items: rows } = seedFile('items.json') as { items: ItemSeed[] };
  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const i of rows) {
      tx.insert(items).values({
        code: i.code, name: i.name, nameEn: i.nameEn ?? null, unit: i.unit, category: i.category, catalogue: i.catalogue,
        regionCode: treeCode(i.regionCode), weightKg: i.weightKg, volumeM3: i.volumeM3, shelfLifeDays: i.shelfLifeDays,
        warnDays: i.warnDays, spec: i.spec ?? null, source: i.source ?? null, createdAt: now,
      }).onConflictDoNothing().run();
    }
  });
}

export interface ReserveStandardsFile {
  scaleByTier: { source: string; defaultRelocateCapacityPeople: Record<string, number> };
  standards: { itemCode: string; regionCode?: string; quantity: number; perPeople: number; source: string; note?: string }[];
}
export const readReserveStandardsFile = () => seedFile('reserve-standards.json') as ReserveStandardsFile;

export function loadReserveStandards(db: Db) {
  const { standards } = readReserveStandardsFile();
  db.transaction((tx) => {
    for (const s of standards) {
      tx.insert(reserveStandards).values({
        itemCode: s.itemCode, regionCode: treeCode(s.regionCode), quantity: s.quantity, perPeople: s.perPeople, source: s.source, note: s.note ?? null,
      }).run();
    }
  });
}
