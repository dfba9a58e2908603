import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { sessions, users } from '../../../db/schema/index';
import { writeAudit } from '../../http/audit';
import { hashToken } from '../../http/auth';
import { DomainError } from '../../http/errors';
import type { RegionTree } from '../regions/tree';
import { getUser } from '../users/service';
import { DUMMY_HASH, verifyPassword } from './passwords';
import type { LoginRateLimiter } from './rate-limit';
import type { LoginInput } from './schemas';

export async function signIn(db: Db, tree: RegionTree, limiter: LoginRateLimiter, input: LoginInput, address: string, requestId: string, sessionHours: number) {
  const wait = limiter.retryAfterMs(input.username, address);
  if (wait > 0) {
    throw new DomainError('RATE_LIMITED', 'too many failed sign-ins; wait and try again', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const row = db.select().from(users).where(eq(users.username, input.username)).get();
  const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) {
    limiter.recordFailure(input.username, address);
    throw new DomainError('INVALID_CREDENTIALS', 'wrong username or password');
  }
  limiter.recordSuccess(input.username);
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
  const user = getUser(db, row.id);
  db.transaction((tx) => {
    tx.insert(sessions).values({ tokenHash: hashToken(token), userId: row.id, createdAt: now.toISOString(), expiresAt }).run();
    const actor = { id: user.id, username: user.username, role: user.role, regionCode: user.regionCode, depotIds: user.depotIds };
    writeAudit(tx, { actor, tree, requestId, now: now.toISOString() }, { action: 'auth.login', entity: 'user', entityId: row.id, regionCode: row.regionCode });
  }, { behavior: 'immediate' });
  return { token, expiresAt, user };
}

export function signOut(db: Db, tree: RegionTree, token: string, actor: Parameters<typeof writeAudit>[1]['actor'], requestId: string) {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt))).run();
    writeAudit(tx, { actor, tree, requestId, now }, { action: 'auth.logout', entity: 'user', entityId: actor.id, regionCode: actor.regionCode });
  }, { behavior: 'immediate' });
}
