// The outbox of a field device. A write is stored in IndexedDB *before* it is sent, with the
// Idempotency-Key it will always be sent with: a report made with no signal waits here as
// "待发送", goes out when the network returns (the `online` event, and a retry timer), and a
// resend after a lost answer, a reload or a second tab is answered by the server from the key —
// never a duplicate, never a loss. Generic: any form's POST can go through it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, request } from '../api/client';

export type QueueState = 'pending' | 'sending' | 'sent' | 'failed';

export interface QueuedWrite<B = unknown> {
  id: string;
  /** Which form made it, so a page lists only its own (e.g. 'report'). */
  kind: string;
  path: string;
  body: B;
  idempotencyKey: string;
  state: QueueState;
  /** The server's refusal (4xx): resending the same request would be refused the same way. */
  error: { code: string; message: string; details?: unknown } | null;
  /** What the user should recognise it by in the list. */
  label: string;
  /** Who queued it: another user signing in on the device must not send it as themselves. */
  username: string;
  createdAt: string;
  attempts: number;
  sentAt: string | null;
  response: unknown;
}

interface OutboxDb extends DBSchema {
  writes: { key: string; value: QueuedWrite; indexes: { byCreated: string } };
}

const DB_NAME = 'relief-outbox';
let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;
const db = () => (dbPromise ??= openDB<OutboxDb>(DB_NAME, 1, {
  upgrade(d) {
    d.createObjectStore('writes', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
  },
}));

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

/** Re-render on any change of the queue (this tab's). */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export async function listWrites(kind?: string, username?: string): Promise<QueuedWrite[]> {
  const all = await (await db()).getAllFromIndex('writes', 'byCreated');
  return all.filter((w) => (!kind || w.kind === kind) && (!username || w.username === username)).reverse();
}

const newId = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Stores the write (durably, first) and tries to send it at once. */
export async function enqueue<B>(w: { kind: string; path: string; body: B; label: string; username: string }): Promise<QueuedWrite<B>> {
  const item: QueuedWrite<B> = {
    id: newId(), kind: w.kind, path: w.path, body: w.body, idempotencyKey: newId(), state: 'pending', error: null,
    label: w.label, username: w.username, createdAt: new Date().toISOString(), attempts: 0, sentAt: null, response: null,
  };
  await (await db()).put('writes', item);
  changed();
  void flush();
  return item;
}

export async function discard(id: string) {
  await (await db()).delete('writes', id);
  changed();
}

async function update(id: string, patch: Partial<QueuedWrite>): Promise<QueuedWrite | null> {
  const d = await db();
  const tx = d.transaction('writes', 'readwrite');
  const cur = await tx.store.get(id);
  if (!cur) return null;
  const next = { ...cur, ...patch };
  await tx.store.put(next);
  await tx.done;
  changed();
  return next;
}

let flushing: Promise<void> | null = null;
let currentUser: string | null = null;

/** Sends every pending write of the signed-in user, oldest first; one flush at a time per tab. */
export function flush(): Promise<void> {
  return (flushing ??= (async () => {
    try {
      for (const w of (await listWrites(undefined, currentUser ?? undefined)).reverse()) {
        if (w.state !== 'pending') continue;
        if (!navigator.onLine) break;
        await update(w.id, { state: 'sending', attempts: w.attempts + 1 });
        try {
          const response = await request('POST', w.path, w.body, { 'Idempotency-Key': w.idempotencyKey });
          await update(w.id, { state: 'sent', sentAt: new Date().toISOString(), response, error: null });
        } catch (e) {
          // No answer, or the server failing: keep it for the next try. A 4xx is final.
          const retry = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 429;
          await update(w.id, retry
            ? { state: 'pending' }
            : { state: 'failed', error: { code: e.code, message: e.message, details: e.details } });
          if (retry) break;
        }
      }
    } finally {
      flushing = null;
    }
  })());
}

let started = false;
/**
 * Starts sending for a signed-in user: now, whenever the browser comes back online, and every
 * 30 s while anything waits. A write left 'sending' by a closed tab is pending again: its key
 * makes the resend safe.
 */
export async function startQueue(username: string) {
  currentUser = username;
  for (const w of await listWrites(undefined, username)) if (w.state === 'sending') await update(w.id, { state: 'pending' });
  if (!started) {
    started = true;
    window.addEventListener('online', () => void flush());
    setInterval(async () => {
      if ((await listWrites(undefined, currentUser ?? undefined)).some((w) => w.state === 'pending')) void flush();
    }, 30_000);
  }
  void flush();
}
