// The outbox's rules, without a browser: what is stored before sending, in which order writes go
// out, which failures are final, and how an interrupted send is resumed. The IndexedDB store and
// the real HTTP call are plugged in by queue.ts; the unit tests plug in memory and a fake server.
//
// The guarantees the field relies on:
// - a write is stored (durably) before any attempt, with the Idempotency-Key it will always carry;
// - writes of one user go out oldest first, one at a time, only while the device says it is online;
// - no answer / a server error / 401 / 429 keep the write 'pending' for the next try (same key, so
//   the server answers a repeat from its idempotency store: never a duplicate);
// - any other 4xx is final ('failed', with the server's reason): resending would be refused alike;
// - a write left 'sending' (tab closed mid-request) is 'pending' again when the queue restarts.

export type QueueState = 'pending' | 'sending' | 'sent' | 'failed';
export interface QueueError { code: string; message: string; details?: unknown }

export interface QueuedWrite<B = unknown> {
  id: string;
  /** Which form made it ('report', 'household', 'distribution'…), so a page can list its own. */
  kind: string;
  path: string;
  body: B;
  idempotencyKey: string;
  state: QueueState;
  /** The server's refusal (4xx): resending the same request would be refused the same way. */
  error: QueueError | null;
  /** What the user should recognise it by in the list. */
  label: string;
  /** Who queued it: another user signing in on the device must not send it as themselves. */
  username: string;
  createdAt: string;
  attempts: number;
  sentAt: string | null;
  response: unknown;
}

export interface OutboxStore {
  all(): Promise<QueuedWrite[]>;
  get(id: string): Promise<QueuedWrite | undefined>;
  put(w: QueuedWrite): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface OutboxDeps {
  store: OutboxStore;
  /** POSTs the body to the path with the Idempotency-Key header; resolves to the answer, throws on failure. */
  send: (w: QueuedWrite) => Promise<unknown>;
  online: () => boolean;
  now?: () => string;
  newId?: () => string;
  /** Told after every change (re-render, other tabs). */
  onChange?: () => void;
}

/**
 * What to do after a failed send. `status` 0 means no answer at all (the network). Anything without
 * a status is treated as no answer: the write is kept, never dropped.
 */
export function classifyFailure(e: unknown): { retry: true } | { retry: false; error: QueueError } {
  const err = e as { status?: unknown; code?: unknown; message?: unknown; details?: unknown } | null;
  const status = typeof err?.status === 'number' ? err.status : 0;
  if (status === 0 || status >= 500 || status === 401 || status === 408 || status === 429) return { retry: true };
  return { retry: false, error: { code: String(err?.code ?? `HTTP_${status}`), message: String(err?.message ?? ''), ...(err?.details !== undefined && { details: err.details }) } };
}

const byCreated = (a: QueuedWrite, b: QueuedWrite) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);
const defaultId = () => (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
  ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`);

export interface Outbox {
  /** Newest first; optionally one form's (kind or kinds) and one user's. */
  list(filter?: { kind?: string | string[]; username?: string }): Promise<QueuedWrite[]>;
  get(id: string): Promise<QueuedWrite | undefined>;
  enqueue<B>(w: { kind: string; path: string; body: B; label: string; username: string }): Promise<QueuedWrite<B>>;
  discard(id: string): Promise<void>;
  /** Sends every pending write of `username`, oldest first; one flush at a time. */
  flush(username?: string): Promise<void>;
  /** After a restart: what a closed tab left 'sending' is 'pending' again. */
  recover(username: string): Promise<void>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const now = deps.now ?? (() => new Date().toISOString());
  const newId = deps.newId ?? defaultId;
  const changed = () => deps.onChange?.();

  async function update(id: string, patch: Partial<QueuedWrite>): Promise<QueuedWrite | null> {
    const cur = await deps.store.get(id);
    if (!cur) return null;   // discarded meanwhile
    const next = { ...cur, ...patch };
    await deps.store.put(next);
    changed();
    return next;
  }

  async function list(filter: { kind?: string | string[]; username?: string } = {}) {
    const kinds = filter.kind === undefined ? null : new Set(Array.isArray(filter.kind) ? filter.kind : [filter.kind]);
    return (await deps.store.all())
      .filter((w) => (!kinds || kinds.has(w.kind)) && (!filter.username || w.username === filter.username))
      .sort(byCreated).reverse();
  }

  let flushing: Promise<void> | null = null;
  let again = false;
  async function flushOnce(username?: string) {
    for (const w of (await list({ username })).reverse()) {
      if (w.state !== 'pending') continue;
      if (!deps.online()) return;
      const sending = await update(w.id, { state: 'sending', attempts: w.attempts + 1 });
      if (!sending) continue;
      try {
        const response = await deps.send(sending);
        await update(w.id, { state: 'sent', sentAt: now(), response, error: null });
      } catch (e) {
        const c = classifyFailure(e);
        if (c.retry) {
          await update(w.id, { state: 'pending' });
          return;   // the network or the server is down: the rest waits too, in order
        }
        await update(w.id, { state: 'failed', error: c.error });
      }
    }
  }

  return {
    list,
    get: (id) => deps.store.get(id),
    async enqueue(w) {
      const item = {
        id: newId(), kind: w.kind, path: w.path, body: w.body, idempotencyKey: newId(), state: 'pending' as const, error: null,
        label: w.label, username: w.username, createdAt: now(), attempts: 0, sentAt: null, response: null,
      };
      await deps.store.put(item);
      changed();
      return item;
    },
    async discard(id) {
      await deps.store.delete(id);
      changed();
    },
    flush(username) {
      // A flush asked for while one runs is not lost: it runs once more after (a write queued mid-flush).
      if (flushing) {
        again = true;
        return flushing;
      }
      return (flushing = (async () => {
        try {
          do {
            again = false;
            await flushOnce(username);
          } while (again && deps.online());
        } finally {
          flushing = null;
        }
      })());
    },
    async recover(username) {
      for (const w of await list({ username })) if (w.state === 'sending') await update(w.id, { state: 'pending' });
    },
  };
}

/** An outbox store in memory (tests, and browsers without IndexedDB: lost on reload). */
export function memoryStore(): OutboxStore {
  const m = new Map<string, QueuedWrite>();
  return {
    all: async () => [...m.values()].map((w) => ({ ...w })),
    get: async (id) => (m.has(id) ? { ...m.get(id)! } : undefined),
    put: async (w) => void m.set(w.id, { ...w }),
    delete: async (id) => void m.delete(id),
  };
}
