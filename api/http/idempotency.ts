import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { stmt, type DbOrTx } from '../../db/client';
import type { AppEnv } from '../context';
import { DomainError } from './errors';
import { groupWrite } from './write';

// Requests with the same key from the same user wait for the first one in this process, so two
// concurrent retries cannot both pass the "not seen yet" check.
const inflight = new Map<string, Promise<void>>();

const STORE = `INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;
const SEEN = 'SELECT request_hash AS requestHash, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?';

export function storeAnswer(tx: DbOrTx, userId: number, idem: { key: string; hash: string }, status: number, body: string) {
  stmt(tx, STORE).run(userId, idem.key, idem.hash, status, body, new Date().toISOString());
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
    const seen = stmt(db, SEEN).get(actor.id, key) as { requestHash: string; status: number; body: string } | undefined;
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
      // Stored through the group commit as well, and awaited: the refusal goes out once it is durable.
      if (!c.get('idem')!.stored && (c.res.status === 409 || (c.res.status >= 200 && c.res.status < 300))) {
        const status = c.res.status, answer = await c.res.clone().text();
        await groupWrite(db, (tx) => storeAnswer(tx, actor.id, { key, hash }, status, answer));
      }
    } finally {
      inflight.delete(slot);
      release();
    }
  };
}
