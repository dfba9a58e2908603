import { describe, expect, it } from 'vitest';
import { classifyFailure, createOutbox, memoryStore, type QueuedWrite } from '../../web/offline/outbox-core';

/** A server that remembers Idempotency-Keys, as the real one does: a repeat gets the first answer. */
function fakeServer() {
  const created: { path: string; body: unknown; key: string }[] = [];
  const answers = new Map<string, unknown>();
  let mode: 'up' | 'down' | 'lose-answer' | { status: number; code: string } = 'up';
  const send = async (w: QueuedWrite) => {
    if (mode === 'down') throw Object.assign(new Error('network unavailable'), { status: 0, code: 'NETWORK' });
    if (typeof mode === 'object') throw Object.assign(new Error('refused'), { status: mode.status, code: mode.code, details: { field: 'x' } });
    if (!answers.has(w.idempotencyKey)) {
      created.push({ path: w.path, body: w.body, key: w.idempotencyKey });
      answers.set(w.idempotencyKey, { id: created.length });
    }
    if (mode === 'lose-answer') throw Object.assign(new Error('network unavailable'), { status: 0, code: 'NETWORK' });
    return answers.get(w.idempotencyKey);
  };
  return { created, send, set: (m: typeof mode) => (mode = m) };
}

function setup() {
  const server = fakeServer();
  let online = true;
  let clock = 0;
  const store = memoryStore();
  const outbox = createOutbox({
    store, send: server.send, online: () => online,
    now: () => new Date(Date.UTC(2026, 0, 1) + (clock += 1000)).toISOString(),
  });
  return { server, store, outbox, setOnline: (v: boolean) => (online = v) };
}

const household = (name: string, username = 'reporter') =>
  ({ kind: 'household', path: '/api/households', body: { headName: name }, label: name, username });

describe('offline outbox', () => {
  it('keeps a write made offline as pending, then sends it exactly once with its key when the network returns', async () => {
    const { server, outbox, setOnline } = setup();
    setOnline(false);
    const w = await outbox.enqueue(household('乌日娜'));
    await outbox.flush('reporter');
    expect((await outbox.get(w.id))?.state).toBe('pending');
    expect(server.created).toHaveLength(0);

    setOnline(true);
    await outbox.flush('reporter');
    await outbox.flush('reporter');
    const sent = await outbox.get(w.id);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, response: { id: 1 }, idempotencyKey: w.idempotencyKey });
    expect(server.created).toEqual([{ path: '/api/households', body: { headName: '乌日娜' }, key: w.idempotencyKey }]);
  });

  it('sends a user’s writes oldest first and leaves another user’s alone', async () => {
    const { server, outbox, setOnline } = setup();
    setOnline(false);
    await outbox.enqueue(household('一'));
    await outbox.enqueue({ kind: 'distribution', path: '/api/winter-relief/distributions', body: { rosterRowId: 7 }, label: '二', username: 'reporter' });
    const other = await outbox.enqueue(household('别人的', 'someone_else'));
    setOnline(true);
    await outbox.flush('reporter');
    expect(server.created.map((c) => c.path)).toEqual(['/api/households', '/api/winter-relief/distributions']);
    expect((await outbox.get(other.id))?.state).toBe('pending');
    expect((await outbox.list({ kind: ['household', 'distribution'], username: 'reporter' })).map((w) => w.label)).toEqual(['二', '一']);
    expect((await outbox.list({ kind: 'distribution' })).map((w) => w.label)).toEqual(['二']);
  });

  it('resends with the same key after a lost answer, and the server creates nothing twice', async () => {
    const { server, outbox } = setup();
    server.set('lose-answer');
    const w = await outbox.enqueue(household('巴特尔'));
    await outbox.flush('reporter');
    expect((await outbox.get(w.id))?.state).toBe('pending');
    server.set('up');
    await outbox.flush('reporter');
    expect(await outbox.get(w.id)).toMatchObject({ state: 'sent', attempts: 2, response: { id: 1 } });
    expect(server.created).toHaveLength(1);
  });

  it('a 4xx refusal is final with the server’s reason; the next write still goes out', async () => {
    const { server, outbox } = setup();
    server.set({ status: 409, code: 'DUPLICATE' });
    const refused = await outbox.enqueue(household('重复'));
    await outbox.flush('reporter');
    server.set('up');
    const next = await outbox.enqueue(household('下一户'));
    await outbox.flush('reporter');
    await outbox.flush('reporter');
    expect(await outbox.get(refused.id)).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'DUPLICATE', message: 'refused', details: { field: 'x' } } });
    expect((await outbox.get(next.id))?.state).toBe('sent');
    expect(server.created.map((c) => c.body)).toEqual([{ headName: '下一户' }]);
  });

  it('a server error keeps the write and everything after it waiting, in order', async () => {
    const { server, outbox } = setup();
    server.set({ status: 503, code: 'HTTP_503' });
    const a = await outbox.enqueue(household('甲'));
    const b = await outbox.enqueue(household('乙'));
    await outbox.flush('reporter');
    expect([(await outbox.get(a.id))?.state, (await outbox.get(b.id))?.state]).toEqual(['pending', 'pending']);
    expect((await outbox.get(b.id))?.attempts).toBe(0);
    server.set('up');
    await outbox.flush('reporter');
    expect(server.created.map((c) => c.body)).toEqual([{ headName: '甲' }, { headName: '乙' }]);
  });

  it('two flushes at once send a write once, and a write queued during a flush is not forgotten', async () => {
    const { server, outbox } = setup();
    const a = await outbox.enqueue(household('甲'));
    const first = outbox.flush('reporter');
    const second = outbox.flush('reporter');
    const b = await outbox.enqueue(household('乙'));
    void outbox.flush('reporter');
    await Promise.all([first, second]);
    await outbox.flush('reporter');
    expect(server.created.map((c) => c.key)).toEqual([a.idempotencyKey, b.idempotencyKey]);
    expect((await outbox.get(b.id))?.attempts).toBe(1);
  });

  it('a write a closed tab left “sending” is pending again after a restart and goes out with its key', async () => {
    const { server, store, outbox } = setup();
    const w = await outbox.enqueue(household('其其格'));
    await store.put({ ...(await store.get(w.id))!, state: 'sending', attempts: 1 });
    await outbox.flush('reporter');
    expect(server.created).toHaveLength(0);            // nobody sends what may be in flight
    await outbox.recover('reporter');
    await outbox.flush('reporter');
    expect(await outbox.get(w.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(server.created.map((c) => c.key)).toEqual([w.idempotencyKey]);
  });

  it('a discarded write is gone and is not sent', async () => {
    const { server, outbox, setOnline } = setup();
    setOnline(false);
    const w = await outbox.enqueue(household('删掉'));
    await outbox.discard(w.id);
    setOnline(true);
    await outbox.flush('reporter');
    expect(await outbox.list()).toEqual([]);
    expect(server.created).toHaveLength(0);
  });
});

describe('classifyFailure', () => {
  it('retries no answer, server errors, timeouts, sign-in and rate limits; anything else is final', () => {
    for (const status of [0, 401, 408, 429, 500, 502, 503]) expect(classifyFailure({ status, code: 'X', message: '' }).retry).toBe(true);
    expect(classifyFailure(new TypeError('Failed to fetch')).retry).toBe(true);
    for (const status of [400, 403, 404, 409, 422]) {
      expect(classifyFailure({ status, code: 'C', message: 'm' })).toEqual({ retry: false, error: { code: 'C', message: 'm' } });
    }
  });
});
