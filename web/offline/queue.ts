// The outbox of a field device. A write is stored in IndexedDB *before* it is sent, with the
// Idempotency-Key it will always be sent with: a report, a household registration or a
// distribution made with no signal waits here as "待发送", goes out when the network returns (the
// `online` event, and a retry timer), and a resend after a lost answer, a reload or a second tab is
// answered by the server from the key — never a duplicate, never a loss. Generic: any form's POST
// can go through it (`kind` tells the forms apart). The rules themselves are in outbox-core.ts.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { request } from '../api/client';
import { createOutbox, memoryStore, type OutboxStore, type QueuedWrite } from './outbox-core';

export type { QueueState, QueuedWrite } from './outbox-core';

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

const idbStore: OutboxStore = {
  all: async () => (await db()).getAll('writes'),
  get: async (id) => (await db()).get('writes', id),
  put: async (w) => void (await (await db()).put('writes', w)),
  delete: async (id) => (await db()).delete('writes', id),
};

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
// Other tabs of the app see the same IndexedDB: tell them to re-read it.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('relief-outbox') : null;
channel?.addEventListener('message', notify);

const outbox = createOutbox({
  store: typeof indexedDB === 'undefined' ? memoryStore() : idbStore,
  send: (w) => request('POST', w.path, w.body, { 'Idempotency-Key': w.idempotencyKey }),
  online: () => navigator.onLine,
  onChange: () => { notify(); channel?.postMessage('changed'); },
});

/** Re-render on any change of the queue (this tab's or another's). */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Newest first. `kind` may be one form's kind or several. */
export function listWrites(kind?: string | string[], username?: string): Promise<QueuedWrite[]> {
  return outbox.list({ kind, username });
}

export const getWrite = (id: string) => outbox.get(id);

let currentUser: string | null = null;

/** Stores the write (durably, first) and tries to send it at once. */
export async function enqueue<B>(w: { kind: string; path: string; body: B; label: string; username: string }): Promise<QueuedWrite<B>> {
  const item = await outbox.enqueue(w);
  currentUser ??= w.username;
  void flush();
  return item;
}

export const discard = (id: string) => outbox.discard(id);

/** Sends every pending write of the signed-in user, oldest first. */
export function flush(): Promise<void> {
  // Nobody signed in on this page yet: nothing is sent in anyone's name.
  return currentUser ? outbox.flush(currentUser) : Promise.resolve();
}

let started = false;
const recovered = new Set<string>();
/**
 * Starts sending for a signed-in user: now, whenever the browser comes back online, and every
 * 30 s while anything waits. A write left 'sending' by a closed tab is pending again: its key
 * makes the resend safe. Every page that queues calls it; calling it again is harmless.
 */
export async function startQueue(username: string) {
  currentUser = username;
  if (!recovered.has(username)) {
    recovered.add(username);
    await outbox.recover(username);
  }
  if (!started) {
    started = true;
    window.addEventListener('online', () => void flush());
    setInterval(async () => {
      if (navigator.onLine && (await listWrites(undefined, currentUser ?? undefined)).some((w) => w.state === 'pending')) void flush();
    }, 30_000);
  }
  void flush();
}
