// The item catalogue and the depot register.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, items, userDepots, users } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import { assertRegionInScope, assertRole, regionInScope } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { getDepot } from './ledger';
import type { DepotInput, ItemInput } from './schemas';

type ItemRow = typeof items.$inferSelect;
export const toItemOut = (i: ItemRow) => ({
  id: i.id, code: i.code, name: i.name, nameEn: i.nameEn, unit: i.unit, category: i.category, catalogue: i.catalogue,
  regionCode: i.regionCode, weightKg: i.weightKg, volumeM3: i.volumeM3, shelfLifeDays: i.shelfLifeDays, warnDays: i.warnDays, spec: i.spec,
});

export function listItems(db: DbOrTx) {
  return db.select().from(items).orderBy(asc(items.id)).all().map(toItemOut);
}

/** An admin adds a provincial item; it belongs to the admin's region. */
export function createItem(tx: DbOrTx, w: WriteCtx, input: ItemInput) {
  assertRole(w.actor, 'admin');
  if (tx.select({ id: items.id }).from(items).where(eq(items.code, input.code)).get()) {
    throw new DomainError('ALREADY_EXISTS', 'an item with this code exists', { code: input.code });
  }
  const row = tx.insert(items).values({
    code: input.code, name: input.name, nameEn: input.nameEn ?? null, unit: input.unit, category: input.category,
    catalogue: 'province', regionCode: w.actor.regionCode, weightKg: input.weightKg, volumeM3: input.volumeM3,
    shelfLifeDays: input.shelfLifeDays, warnDays: input.warnDays ?? null, spec: input.spec ?? null, source: `added by ${w.actor.username}`,
    createdAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'item.create', entity: 'item', entityId: row.id, regionCode: row.regionCode, after: row });
  return toItemOut(row);
}

type DepotRow = typeof depots.$inferSelect;
export const toDepotOut = (d: DepotRow) => ({
  id: d.id, code: d.code, name: d.name, tier: d.tier, regionCode: d.regionCode, lon: d.lon, lat: d.lat, capacityM3: d.capacityM3,
  address: d.address, contactName: d.contactName, contactPhone: d.contactPhone, relocateCapacityPeople: d.relocateCapacityPeople,
});
export type DepotOut = ReturnType<typeof toDepotOut>;

// The depot register (names, places, tiers) is open to every signed-in user: a keeper must be able
// to pick the depot a transfer goes to. What a depot holds is scoped (stock routes).
export function listDepots(db: DbOrTx, tree: RegionTree, regionCode?: string): DepotOut[] {
  const rows = db.select().from(depots).orderBy(asc(depots.id)).all();
  return rows.filter((d) => !regionCode || tree.isWithin(d.regionCode, regionCode)).map(toDepotOut);
}

export function depotDetail(db: DbOrTx, id: number) {
  const d = getDepot(db, id);
  const keepers = db.select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(userDepots).innerJoin(users, eq(users.id, userDepots.userId)).where(eq(userDepots.depotId, id)).all();
  return { ...toDepotOut(d), keepers };
}

/** Admins anywhere, officers inside their area. */
export function createDepot(tx: DbOrTx, w: WriteCtx, input: DepotInput) {
  assertRole(w.actor, 'admin', 'officer');
  assertRegionInScope(w, input.regionCode);
  if (tx.select({ id: depots.id }).from(depots).where(eq(depots.code, input.code)).get()) {
    throw new DomainError('ALREADY_EXISTS', 'a depot with this code exists', { code: input.code });
  }
  const row = tx.insert(depots).values({
    code: input.code, name: input.name, tier: input.tier, regionCode: input.regionCode, lon: input.lon, lat: input.lat,
    capacityM3: input.capacityM3 ?? null, address: input.address ?? null, contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null, relocateCapacityPeople: input.relocateCapacityPeople ?? null, createdAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'depot.create', entity: 'depot', entityId: row.id, regionCode: row.regionCode, after: row });
  return toDepotOut(row);
}

export type DepotPatch = Partial<Omit<DepotInput, 'code' | 'regionCode'>>;

export function patchDepot(tx: DbOrTx, w: WriteCtx, id: number, patch: DepotPatch) {
  assertRole(w.actor, 'admin', 'officer');
  const before = getDepot(tx, id);
  if (!regionInScope(w.actor, w.tree, before.regionCode)) throw new DomainError('OUT_OF_SCOPE', 'this depot is outside your area', { depotId: id });
  const set: Partial<DepotRow> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
  const row = Object.keys(set).length ? tx.update(depots).set(set).where(eq(depots.id, id)).returning().get() : before;
  writeAudit(tx, w, { action: 'depot.update', entity: 'depot', entityId: id, regionCode: row.regionCode, before, after: row });
  return toDepotOut(row);
}
