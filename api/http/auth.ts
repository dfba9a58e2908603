import { createHash } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { sessions, users, userDepots } from '../../db/schema/index';
import type { Db } from '../../db/client';
import type { Actor, AppEnv } from '../context';
import { DomainError } from './errors';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function actorForToken(db: Db, token: string, now: string): Actor | null {
  const row = db
    .select({ id: users.id, username: users.username, role: users.role, regionCode: users.regionCode, disabled: users.disabled })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .get();
  if (!row || row.disabled) return null;
  const depotIds = db.select({ id: userDepots.depotId }).from(userDepots).where(eq(userDepots.userId, row.id)).all().map((d) => d.id);
  return { id: row.id, username: row.username, role: row.role, regionCode: row.regionCode, depotIds };
}

const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\/login$/, /^\/api\/openapi\.json$/, /^\/api\/docs/, /^\/api\/public\//];

/** Resolves the bearer token to an actor; every /api route but the public ones needs one. */
export function requireSignIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PUBLIC.some((re) => re.test(c.req.path))) return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const actor = token ? actorForToken(c.var.deps.db, token, new Date().toISOString()) : null;
    if (!actor) throw new DomainError('UNAUTHENTICATED', token ? 'session expired or signed out; sign in again' : 'sign in first');
    c.set('actor', actor);
    return next();
  };
}

/** Auditors read everything in scope and change nothing, whatever the route. */
export function auditorsReadOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (actor?.role === 'auditor' && c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/api/auth/logout') {
      throw new DomainError('FORBIDDEN_ROLE', 'auditors have read-only access');
    }
    return next();
  };
}
