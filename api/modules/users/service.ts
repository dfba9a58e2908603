import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { depots, sessions, userDepots, users } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';
import { hashPassword } from '../auth/passwords';
import type { UserInput, UserOut, UserPatch } from './schemas';

export function getUser(db: DbOrTx, id: number): UserOut {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw notFound('user', id);
  const depotIds = db.select({ id: userDepots.depotId }).from(userDepots).where(eq(userDepots.userId, id)).all().map((d) => d.id);
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, regionCode: row.regionCode, depotIds, disabled: row.disabled };
}

export function listUsers(db: DbOrTx): UserOut[] {
  return db.select({ id: users.id }).from(users).orderBy(users.id).all().map((u) => getUser(db, u.id));
}

function setDepots(tx: DbOrTx, w: WriteCtx, userId: number, regionCode: string, depotIds: number[]) {
  const found = depotIds.length ? tx.select().from(depots).where(inArray(depots.id, depotIds)).all() : [];
  const missing = depotIds.filter((id) => !found.some((d) => d.id === id));
  if (missing.length) throw new DomainError('VALIDATION_FAILED', 'unknown depot ids', { depotIds: missing });
  const outside = found.filter((d) => !w.tree.isWithin(d.regionCode, regionCode));
  if (outside.length) throw new DomainError('VALIDATION_FAILED', "a keeper's depots must lie inside the keeper's region", { depotIds: outside.map((d) => d.id) });
  tx.delete(userDepots).where(eq(userDepots.userId, userId)).run();
  for (const depotId of depotIds) tx.insert(userDepots).values({ userId, depotId }).run();
}

export function createUser(tx: DbOrTx, w: WriteCtx, input: UserInput): UserOut {
  assertRegionInScope(w, input.regionCode);
  if (tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) {
    throw new DomainError('ALREADY_EXISTS', 'this username is taken', { username: input.username });
  }
  if (input.role === 'keeper' && !input.depotIds?.length) throw new DomainError('VALIDATION_FAILED', 'a keeper needs at least one depot', { field: 'depotIds' });
  const row = tx.insert(users).values({
    username: input.username, displayName: input.displayName ?? null, passwordHash: hashPassword(input.password),
    role: input.role, regionCode: input.regionCode, createdAt: w.now,
  }).returning().get();
  setDepots(tx, w, row.id, input.regionCode, input.depotIds ?? []);
  const out = getUser(tx, row.id);
  writeAudit(tx, w, { action: 'user.create', entity: 'user', entityId: row.id, regionCode: row.regionCode, after: out });
  return out;
}

export function patchUser(tx: DbOrTx, w: WriteCtx, id: number, patch: UserPatch): UserOut {
  const before = getUser(tx, id);
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.displayName !== undefined) set.displayName = patch.displayName;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.password !== undefined) set.passwordHash = hashPassword(patch.password);
  if (Object.keys(set).length) tx.update(users).set(set).where(eq(users.id, id)).run();
  // A new password (a reset after a leak) or disabling the account ends every session it has: a
  // token taken with the old password must not outlive it, nor come back if the user is re-enabled.
  if (patch.password !== undefined || patch.disabled === true) {
    tx.update(sessions).set({ revokedAt: w.now }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt))).run();
  }
  if (patch.depotIds) setDepots(tx, w, id, before.regionCode, patch.depotIds);
  const after = getUser(tx, id);
  writeAudit(tx, w, { action: patch.password ? 'user.update+password' : 'user.update', entity: 'user', entityId: id, regionCode: after.regionCode, before, after });
  return after;
}
