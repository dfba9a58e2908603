import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { regions } from '../../../db/schema/index';
import { DomainError, notFound } from '../../http/errors';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { assertRegionInScope } from '../../http/scope';
import { childLevel, RegionTree, type TreeNode } from './tree';
import type { Region, RegionInput, RegionPatch } from './schemas';

type Row = typeof regions.$inferSelect;
const toRegion = (r: Row): Region => ({
  code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, lon: r.lon, lat: r.lat,
  approximate: r.approximate, statCode: r.statCode, population: r.population,
  agriPopulation: r.agriPopulation, populationSource: r.populationSource,
});

export function loadRegionTree(db: DbOrTx): RegionTree {
  const rows = db.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode }).from(regions).all();
  return new RegionTree(rows as TreeNode[]);
}

export function getRegion(db: DbOrTx, code: string): Region {
  const row = db.select().from(regions).where(eq(regions.code, code)).get();
  if (!row) throw notFound('region', code);
  return toRegion(row);
}

export function listChildRegions(db: DbOrTx, parent: string | null): Region[] {
  const rows = parent
    ? db.select().from(regions).where(eq(regions.parentCode, parent)).orderBy(regions.code).all()
    : db.select().from(regions).where(eq(regions.level, 'province')).orderBy(regions.code).all();
  return rows.map(toRegion);
}

export interface TownshipPoint { code: string; name: string; county: string; lon: number; lat: number; approximate: boolean; population: number | null }

/**
 * Every township point inside a region in one answer: the planning map draws tens of thousands at
 * once, and one request per county cost seconds in the browser. The tree decides membership, so
 * townships of pseudo-counties come with the county that contains them.
 */
export function townshipPoints(db: DbOrTx, tree: RegionTree, code: string): TownshipPoint[] {
  const nodes = tree.descendantsAt(code, 'township');
  if (!nodes.length) return [];
  const rows = db.select({ code: regions.code, lon: regions.lon, lat: regions.lat, approximate: regions.approximate, population: regions.population })
    .from(regions).where(sql`${regions.code} IN (SELECT value FROM json_each(${JSON.stringify(nodes.map((n) => n.code))}))`).all();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out: TownshipPoint[] = [];
  for (const n of nodes) {
    const r = byCode.get(n.code);
    if (r?.lon == null || r.lat == null) continue;
    out.push({ code: n.code, name: n.name, county: n.parentCode ?? '', lon: r.lon, lat: r.lat, approximate: r.approximate, population: r.population });
  }
  return out;
}

export function getRegionsByCodes(db: DbOrTx, codes: string[]): Region[] {
  return codes.map((c) => db.select().from(regions).where(eq(regions.code, c)).get()).filter(Boolean).map((r) => toRegion(r!));
}

export function createRegion(tx: DbOrTx, w: WriteCtx, tree: RegionTree, input: RegionInput): Region {
  if (tree.has(input.code)) throw new DomainError('ALREADY_EXISTS', 'a region with this code exists', { code: input.code });
  const parentCode = input.parentCode ?? null;
  if (input.level === 'province') {
    if (parentCode) throw new DomainError('VALIDATION_FAILED', 'a province has no parent');
  } else {
    const parent = parentCode ? tree.get(parentCode) : undefined;
    if (!parent) throw new DomainError('VALIDATION_FAILED', 'parentCode must name an existing region', { parentCode });
    if (childLevel(parent.level) !== input.level) {
      throw new DomainError('VALIDATION_FAILED', `a child of a ${parent.level} is a ${childLevel(parent.level)}`, { parentCode, level: input.level });
    }
    assertRegionInScope(w, parentCode!);
  }
  const row = tx.insert(regions).values({
    code: input.code, name: input.name, level: input.level, parentCode,
    lon: input.lon ?? null, lat: input.lat ?? null, population: input.population ?? null,
    agriPopulation: input.agriPopulation ?? null, updatedAt: w.now,
  }).returning().get();
  tree.add({ code: row.code, name: row.name, level: row.level, parentCode });
  writeAudit(tx, w, { action: 'region.create', entity: 'region', entityId: row.code, regionCode: row.code, after: row });
  return toRegion(row);
}

export function patchRegion(tx: DbOrTx, w: WriteCtx, tree: RegionTree, code: string, patch: RegionPatch): Region {
  const before = getRegion(tx, code);
  assertRegionInScope(w, code);
  const changes: Partial<Row> = { updatedAt: w.now };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.population !== undefined) { changes.population = patch.population; changes.populationSource = 'entered'; }
  if (patch.agriPopulation !== undefined) { changes.agriPopulation = patch.agriPopulation; changes.populationSource = 'entered'; }
  // An officer's correction replaces the placed point: it is no longer approximate.
  if (patch.lon !== undefined) Object.assign(changes, { lon: patch.lon, lat: patch.lat, approximate: false });
  const row = tx.update(regions).set(changes).where(eq(regions.code, code)).returning().get();
  if (patch.name) tree.add({ code, name: patch.name, level: row.level, parentCode: row.parentCode });
  writeAudit(tx, w, { action: 'region.update', entity: 'region', entityId: code, regionCode: code, before, after: toRegion(row) });
  return toRegion(row);
}
