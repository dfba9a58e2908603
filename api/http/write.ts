import type { Context } from 'hono';
import type { Tx } from '../../db/client';
import type { AppEnv } from '../context';
import type { WriteCtx } from './audit';
import { storeAnswer } from './idempotency';

export function writeCtx(c: Context<AppEnv>): WriteCtx {
  return { actor: c.var.actor, tree: c.var.deps.tree, requestId: c.var.requestId, now: new Date().toISOString() };
}

/**
 * Runs a write in one IMMEDIATE transaction (the write lock is taken at BEGIN, not half-way) and
 * stores the idempotent answer in that same transaction, so a retry after a crash can never
 * repeat a committed write.
 */
export function commitWrite<T>(c: Context<AppEnv>, status: 200 | 201, fn: (tx: Tx, w: WriteCtx) => T): Response {
  const w = writeCtx(c);
  const idem = c.get('idem');
  const body = c.var.deps.db.transaction((tx) => {
    const result = fn(tx, w);
    const json = JSON.stringify(result);
    if (idem) storeAnswer(tx, w.actor.id, idem, status, json);
    return json;
  }, { behavior: 'immediate' });
  if (idem) idem.stored = true;
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
