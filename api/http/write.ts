import type { Context } from 'hono';
import { stmt, type Db, type Tx } from '../../db/client';
import type { AppEnv } from '../context';
import type { WriteCtx } from './audit';
import { storeAnswer } from './idempotency';

export function writeCtx(c: Context<AppEnv>): WriteCtx {
  return { actor: c.var.actor, tree: c.var.deps.tree, requestId: c.var.requestId, now: new Date().toISOString() };
}

// ——— Group commit ———
// Under synchronous=FULL every COMMIT waits for an fsync (~2.4 ms on the reference VM), and
// better-sqlite3 waits on the event loop: one commit per request capped the whole server at a few
// hundred writes a second. Writes are therefore queued and committed together once per turn of the
// event loop (setImmediate): BEGIN IMMEDIATE, then each queued write in its own SAVEPOINT (a write
// that throws rolls back only its own savepoint and gets its own error), then one COMMIT. Each
// caller's promise settles only after that COMMIT has returned, so nothing is acknowledged before it
// is as durable as a lone commit would have made it; if the COMMIT fails, every write of the group
// fails and none is acknowledged. The group runs synchronously from BEGIN to COMMIT, so no other
// request (no read) ever sees a write that is not yet committed. Writes run in arrival order, each
// seeing the writes queued before it, exactly as one-at-a-time transactions would.

interface Pending {
  run: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}
interface Group { queue: Pending[]; scheduled: boolean }

/** At most this many writes share one COMMIT; the rest wait for the next one. */
const MAX_GROUP = 256;
const groups = new WeakMap<Db, Group>();

/** Per-process figures for the load harness: commits made and writes they carried. */
export const groupCommitStats = { commits: 0, writes: 0, largest: 0 };

/**
 * Runs `fn` in its own savepoint of the next group commit and resolves with its result once the
 * group's COMMIT has returned (rejects with what `fn` threw, or with the COMMIT's error).
 * `fn` must be synchronous.
 */
export function groupWrite<T>(db: Db, fn: (tx: Tx) => T): Promise<T> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { queue: [], scheduled: false }));
  const g = group;
  return new Promise<T>((resolve, reject) => {
    g.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
    if (!g.scheduled) {
      g.scheduled = true;
      setImmediate(() => flush(db, g));
    }
  });
}

// Services take drizzle's transaction handle. It holds no state of its own (the connection is the
// transaction), but building one per write costs ~20 µs (drizzle sets up its query builders), so
// one handle per connection is made once, from a transaction that does nothing, and reused.
const txHandles = new WeakMap<Db, Tx>();
function txHandle(db: Db): Tx {
  let tx = txHandles.get(db);
  if (!tx) txHandles.set(db, (tx = db.transaction((t) => t)));
  return tx;
}

function flush(db: Db, group: Group) {
  const batch = group.queue.splice(0, MAX_GROUP);
  group.scheduled = false;
  if (group.queue.length) {
    group.scheduled = true;
    setImmediate(() => flush(db, group));
  }
  if (!batch.length) return;
  const client = db.$client;
  const tx = txHandle(db);
  let done: { p: Pending; result: unknown }[] = [];
  const refused = new Set<Pending>();
  try {
    stmt(db, 'BEGIN IMMEDIATE').run();
    for (const p of batch) {
      stmt(db, 'SAVEPOINT group_write').run();
      try {
        const result = p.run(tx);
        stmt(db, 'RELEASE group_write').run();
        done.push({ p, result });
      } catch (e) {
        refused.add(p);
        p.reject(e);
        if (client.inTransaction) {
          stmt(db, 'ROLLBACK TO group_write').run();
          stmt(db, 'RELEASE group_write').run();
        } else {
          // SQLite rolled the whole transaction back (I/O error, disk full…): the writes that had
          // succeeded in it are gone as well and must not be acknowledged.
          for (const d of done) {
            refused.add(d.p);
            d.p.reject(e);
          }
          done = [];
          stmt(db, 'BEGIN IMMEDIATE').run();
        }
      }
    }
    stmt(db, 'COMMIT').run();
  } catch (e) {
    // BEGIN or COMMIT failed: nothing of this group is committed, nobody is told otherwise.
    try {
      if (client.open && client.inTransaction) stmt(db, 'ROLLBACK').run();
    } catch {
      /* the connection is gone: nothing was committed either way */
    }
    for (const p of batch) if (!refused.has(p)) p.reject(e);
    return;
  }
  groupCommitStats.commits++;
  groupCommitStats.writes += done.length;
  groupCommitStats.largest = Math.max(groupCommitStats.largest, done.length);
  for (const d of done) d.p.resolve(d.result);
}

/**
 * Runs a write in one IMMEDIATE transaction (here: a savepoint of a group commit, see above) and
 * stores the idempotent answer in that same transaction, so a retry after a crash can never repeat
 * a committed write. The response is built only after the COMMIT has returned.
 */
export async function commitWrite<T>(c: Context<AppEnv>, status: 200 | 201, fn: (tx: Tx, w: WriteCtx) => T): Promise<Response> {
  const w = writeCtx(c);
  const idem = c.get('idem');
  const body = await groupWrite(c.var.deps.db, (tx) => {
    const json = JSON.stringify(fn(tx, w));
    if (idem) storeAnswer(tx, w.actor.id, idem, status, json);
    return json;
  });
  if (idem) idem.stored = true;
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
