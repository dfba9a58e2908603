import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { stmt, type Db } from '../../db/client';
import type { Actor, AppEnv } from '../context';
import type { Role } from '../modules/users/schemas';
import { DomainError } from './errors';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// One prepared statement per request, no session cache: the lookup costs a few µs (profiled under
// scripts/load), and reading the database every time keeps revocation immediate whatever revokes
// it (sign-out, an expired session, a disabled user, changed depots), with nothing to invalidate.
const ACTOR_BY_TOKEN = `SELECT u.id, u.username, u.role, u.region_code AS regionCode, u.disabled,
    (SELECT group_concat(d.depot_id) FROM user_depots d WHERE d.user_id = u.id) AS depots
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`;

interface ActorRow { id: number; username: string; role: Role; regionCode: string; disabled: number; depots: string | null }

export function actorForToken(db: Db, token: string, now: string): Actor | null {
  const row = stmt(db, ACTOR_BY_TOKEN).get(hashToken(token), now) as ActorRow | undefined;
  if (!row || row.disabled) return null;
  const depotIds = row.depots ? row.depots.split(',').map(Number).sort((a, b) => a - b) : [];
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
