import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const countUsers = () => (f.db.$client.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
const newUser = (username: string) => ({ username, password: 'retry-2026-ok', role: 'reporter', regionCode: '152502200' });

describe('Idempotency-Key', () => {
  it('a retried POST returns the first answer and creates nothing new', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const before = countUsers();
    const first = await admin.post('/api/users', newUser('retry1'), { 'Idempotency-Key': 'k-1' });
    const again = await admin.post('/api/users', newUser('retry1'), { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(countUsers()).toBe(before + 1);
  });

  it('concurrent requests with the same key create exactly one row and answer identically', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const before = countUsers();
    const answers = await Promise.all(Array.from({ length: 8 }, () => admin.post('/api/users', newUser('racer'), { 'Idempotency-Key': 'same-key' })));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(countUsers()).toBe(before + 1);
  });

  it('a key reused for a different body is refused and changes nothing', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    await admin.post('/api/users', newUser('first'), { 'Idempotency-Key': 'k-2' });
    const before = countUsers();
    const reused = await admin.post('/api/users', newUser('second'), { 'Idempotency-Key': 'k-2' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(countUsers()).toBe(before);
  });

  it('a refusal is replayed too, so a retry never turns a refusal into a success later', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const dup = { ...newUser('officer') };
    const first = await admin.post('/api/users', dup, { 'Idempotency-Key': 'k-3' });
    const again = await admin.post('/api/users', dup, { 'Idempotency-Key': 'k-3' });
    expect(first.status).toBe(409);
    expect(again.body).toEqual(first.body);
  });

  it('keys are per user: the same key from two users are two requests', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const officer = await f.login('officer');
    const a = await admin.post('/api/users', newUser('peruser'), { 'Idempotency-Key': 'shared' });
    const b = await officer.patch('/api/regions/152502200', { population: 5000 });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
  });
});
