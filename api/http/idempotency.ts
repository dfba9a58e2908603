import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { DbOrTx } from '../../db/client';
import { idempotencyKeys } from '../../db/schema/index';
import type { AppEnv } from '../context';
import { DomainError } from './errors';

// Requests with the same key from the same user wait for the first one in this process, so two
// concurrent retries cannot both pass the "not seen yet" check.
const inflight = new Map<string, Promise<void>>();

export function storeAnswer(tx: DbOrTx, userId: number, idem: { key: string; hash: string }, status: number, body: string) {
  tx.insert(idempotencyKeys)
    .values({ userId, key: idem.key, requestHash: idem.hash, status, body, createdAt: new Date().toISOString() })
    .onConflictDoNothing()
    .run();
}

export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    const actor = c.get('actor');
    if (c.req.method !== 'POST' || !key || !actor) return next();
    if (key.length > 200) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key is at most 200 characters');
    const body = await c.req.text();
    const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');
    const slot = `${actor.id}\u0000${key}`;
    while (inflight.has(slot)) await inflight.get(slot);

    const { db } = c.var.deps;
    const seen = db.select().from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key))).get();
    if (seen) {
      if (seen.requestHash !== hash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
      }
      return new Response(seen.body, { status: seen.status, headers: { 'content-type': 'application/json', 'idempotent-replay': 'true' } });
    }

    let release!: () => void;
    inflight.set(slot, new Promise<void>((r) => (release = r)));
    c.set('idem', { key, hash, stored: false });
    try {
      await next();
      // Successful writes stored their answer inside their own transaction (commitWrite). A business
      // refusal (409: not enough stock, wrong state…) is stored here so a retry gets the same refusal
      // even if the world changed; invalid input (400/403/404) is refused again by itself and stores nothing.
      if (!c.get('idem')!.stored && (c.res.status === 409 || (c.res.status >= 200 && c.res.status < 300))) {
        storeAnswer(db, actor.id, { key, hash }, c.res.status, await c.res.clone().text());
      }
    } finally {
      inflight.delete(slot);
      release();
    }
  };
}
