import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const login = (username: string, password: string) => f.call('POST', '/api/auth/login', null, { username, password });

describe('signing in', () => {
  it('a demo officer signs in and gets a token and their scope', async () => {
    f = freshApp();
    const res = await login('officer', 'officer-demo-2026');
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.user).toMatchObject({ username: 'officer', role: 'officer', regionCode: '1525', depotIds: [] });
  });

  it('a wrong password is refused with 401 and no hint which part was wrong', async () => {
    f = freshApp();
    const wrong = await login('officer', 'officer-demo-2025');
    const unknown = await login('nobody', 'officer-demo-2026');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('repeated failures lock the username with 429 even for the right password, and say when to retry', async () => {
    f = freshApp();
    for (let i = 0; i < 5; i++) expect((await login('keeper', `wrong-pass-${i}0`)).status).toBe(401);
    const locked = await login('keeper', 'keeper-demo-2026');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user from the same place is not locked out by keeper's failures (below the address limit).
    expect((await login('officer', 'officer-demo-2026')).status).toBe(200);
  });

  it('signing out revokes the token at once', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    expect((await officer.get('/api/auth/me')).status).toBe(200);
    expect((await officer.post('/api/auth/logout')).status).toBe(200);
    const after = await officer.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('an expired session no longer works', async () => {
    f = freshApp({ env: { SESSION_HOURS: '0' } });
    const officer = await f.login('officer');
    expect((await officer.get('/api/auth/me')).status).toBe(401);
  });

  it('no token, or a made-up one, gets 401 JSON', async () => {
    f = freshApp();
    expect((await f.call('GET', '/api/regions/15', null)).status).toBe(401);
    const forged = await f.call('GET', '/api/regions/15', 'forged-token');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('passwords', () => {
  it('an admin cannot create a user with a short or letters-only password', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    for (const password of ['short1', 'onlyletterslong']) {
      const res = await admin.post('/api/users', { username: 'weak', password, role: 'officer', regionCode: '1525' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('password');
    }
  });
});
