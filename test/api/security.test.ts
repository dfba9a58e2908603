// Security properties the bureau relies on (SECURITY.md), checked from the outside. The basics of
// signing in (401 shapes, the first lockout, sign-out) are in auth.test.ts; this file covers the
// windows, session lifetime and revocation, password rules on every path, what error answers and
// headers carry, and where full ID numbers, bank cards, tokens and passwords may and may not appear.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../api/app';
import { hashToken } from '../../api/http/auth';
import { maskBankCard, maskIdNumber } from '../../api/modules/recovery/id-number';
import { ADMIN_PASSWORD, freshApp, type Client } from '../support/fresh-app';
import { V, allocation, daysAgo, ledgerEntry, newId, toCountyApproved } from './recovery-fixtures';

type Fresh = ReturnType<typeof freshApp>;
const T0 = new Date('2026-03-01T08:00:00.000Z').getTime();
const MIN = 60_000;

/** A client on any app instance, answering with raw bytes too (spreadsheets). */
function clientOn(app: App) {
  async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await app.request(path, { method, headers: h, body: payload });
    const raw = Buffer.from(await res.arrayBuffer());
    const text = raw.toString('utf8');
    let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are read loosely
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, raw, text, body: json };
  }
  async function login(username: string, password = username === 'admin' ? ADMIN_PASSWORD : `${username.replace(/_.*/, '')}-demo-2026`) {
    const res = await call('POST', '/api/auth/login', null, { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const token = res.body.token as string;
    return {
      token, user: res.body.user,
      get: (p: string) => call('GET', p, token),
      post: (p: string, b: unknown = {}, h?: Record<string, string>) => call('POST', p, token, b, h),
      patch: (p: string, b: unknown = {}) => call('PATCH', p, token, b),
      put: (p: string, b: unknown = {}) => call('PUT', p, token, b),
    } satisfies Client;
  }
  return { call, login };
}
type Who = Awaited<ReturnType<ReturnType<typeof clientOn>['login']>>;

/** All cell values of a workbook as one text. */
async function workbookText(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ws.getSheetValues().map((r) => JSON.stringify(r)).join('\n')).join('\n');
}
const isXlsx = (h: Headers) => (h.get('content-type') ?? '').includes('spreadsheetml');

describe('sign-in limits', () => {
  let f: Fresh;
  afterEach(() => {
    vi.useRealTimers();
    f?.close();
  });
  const login = (username: string, password: string) => f.call('POST', '/api/auth/login', null, { username, password });

  it('five failures lock the username for the rest of a 15-minute window, Retry-After counts it down, and it opens after', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    f = freshApp();
    for (let i = 0; i < 5; i++) expect((await login('keeper', `wrong-password-${i}`)).status).toBe(401);
    vi.setSystemTime(T0 + 10 * MIN);
    const locked = await login('keeper', 'keeper-demo-2026');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(locked.headers.get('retry-after')).toBe('300');
    vi.setSystemTime(T0 + 15 * MIN - 1000);
    const still = await login('keeper', 'keeper-demo-2026');
    expect(still.status).toBe(429);
    expect(still.headers.get('retry-after')).toBe('1');
    vi.setSystemTime(T0 + 15 * MIN + 1000);
    expect((await login('keeper', 'keeper-demo-2026')).status).toBe(200);
  });

  it('the username lock does not care about letter case', async () => {
    f = freshApp();
    for (let i = 0; i < 5; i++) await login(i % 2 ? 'KEEPER' : 'Keeper', `wrong-password-${i}`);
    expect((await login('keeper', 'keeper-demo-2026')).status).toBe(429);
  });

  it('twenty failures from one address lock every username from it, even with the right password', async () => {
    f = freshApp();
    // Twenty different (unknown) usernames, one failure each: no username reaches its own limit.
    for (let i = 0; i < 20; i++) expect((await login(`nobody${i}`, 'wrong-password-1')).status).toBe(401);
    const res = await login('officer', 'officer-demo-2026');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });

  it('a successful sign-in forgives the username its earlier failures', async () => {
    f = freshApp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await login('reporter', `wrong-password-${i}`)).status).toBe(401);
      expect((await login('reporter', 'reporter-demo-2026')).status).toBe(200);
    }
  });
});

describe('sessions', () => {
  let f: Fresh;
  afterEach(() => {
    vi.useRealTimers();
    f?.close();
  });

  it('a session lasts SESSION_HOURS and not a minute longer', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    f = freshApp({ env: { SESSION_HOURS: '2' } });
    const res = await f.call('POST', '/api/auth/login', null, { username: 'officer', password: 'officer-demo-2026' });
    expect(res.body.expiresAt).toBe(new Date(T0 + 120 * MIN).toISOString());
    const token = res.body.token as string;
    vi.setSystemTime(T0 + 119 * MIN);
    expect((await f.call('GET', '/api/auth/me', token)).status).toBe(200);
    vi.setSystemTime(T0 + 121 * MIN);
    const late = await f.call('GET', '/api/auth/me', token);
    expect(late.status).toBe(401);
    expect(late.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'session expired or signed out; sign in again' });
  });

  it('tokens are 256-bit random; only their SHA-256 is stored; signing out ends that session and no other', async () => {
    f = freshApp();
    const a = await f.login('officer');
    const b = await f.login('officer');
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    const stored = JSON.stringify(f.db.$client.prepare('SELECT * FROM sessions').all());
    expect(stored).not.toContain(a.token);
    expect(stored).toContain(hashToken(a.token));
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await a.post('/api/auth/logout')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
  });

  it('an administrator resetting a password or disabling an account ends its sessions at once', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const keeper1 = await f.login('keeper');
    const keeper2 = await f.login('keeper');
    const id = keeper1.user.id;
    expect((await admin.patch(`/api/users/${id}`, { password: 'new-keeper-pass-7' })).status).toBe(200);
    expect((await keeper1.get('/api/stock')).status).toBe(401);
    expect((await keeper2.get('/api/stock')).status).toBe(401);
    expect((await f.call('POST', '/api/auth/login', null, { username: 'keeper', password: 'keeper-demo-2026' })).status).toBe(401);
    const keeper3 = await f.login('keeper', 'new-keeper-pass-7');
    expect((await keeper3.get('/api/stock')).status).toBe(200);

    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await keeper3.get('/api/stock')).status).toBe(401);
    expect((await f.call('POST', '/api/auth/login', null, { username: 'keeper', password: 'new-keeper-pass-7' })).status).toBe(401);
    // Re-enabled, the account signs in afresh; the token from before stays dead.
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).status).toBe(200);
    expect((await keeper3.get('/api/stock')).status).toBe(401);
    expect((await (await f.login('keeper', 'new-keeper-pass-7')).get('/api/stock')).status).toBe(200);
    // Renaming someone does not sign them out.
    const officer = await f.login('officer');
    expect((await admin.patch(`/api/users/${officer.user.id}`, { displayName: '值班员 改名' })).status).toBe(200);
    expect((await officer.get('/api/auth/me')).status).toBe(200);
  });
});

describe('password rules', () => {
  const f = freshApp();
  afterAll(() => f.close());
  const CASES: [string, string, 201 | 400][] = [
    ['9 characters', 'abcdefg12', 400],
    ['no digit', 'abcdefghijkl', 400],
    ['no letter', '123456789012', 400],
    ['10 characters with a letter and a digit', 'abcdefghi1', 201],
    ['128 characters', `a1${'x'.repeat(126)}`, 201],
    ['129 characters', `a1${'x'.repeat(127)}`, 400],
  ];

  const cases = CASES.map(([what, password, status]) => ({ what, password, status }));
  it.each(cases)('creating a user with a password of $what → $status', async ({ password, status }) => {
    const admin = await f.login('admin');
    const username = `pw_${Math.random().toString(36).slice(2, 8)}`;
    const res = await admin.post('/api/users', { username, password, role: 'reporter', regionCode: '152502200' });
    expect(res.status).toBe(status);
    if (status === 400) expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['password']);
    else expect((await f.call('POST', '/api/auth/login', null, { username, password })).status).toBe(200);
  });

  it.each(cases)('changing a password to one of $what → like creation; a refused change keeps the old one', async ({ password, status }) => {
    const admin = await f.login('admin');
    const username = `pw_${Math.random().toString(36).slice(2, 8)}`;
    const made = await admin.post('/api/users', { username, password: 'first-pass-2026', role: 'reporter', regionCode: '152502200' });
    const res = await admin.patch(`/api/users/${made.body.id}`, { password });
    expect(res.status).toBe(status === 201 ? 200 : 400);
    const works = status === 201 ? password : 'first-pass-2026';
    expect((await f.call('POST', '/api/auth/login', null, { username, password: works })).status).toBe(200);
  });

  it('stores a salted scrypt hash, never the password, and never puts either into the audit trail', async () => {
    const admin = await f.login('admin');
    const made = await admin.post('/api/users', { username: 'pw_hashcheck', password: 'secret-pass-2026', role: 'reporter', regionCode: '152502200' });
    await admin.patch(`/api/users/${made.body.id}`, { password: 'other-secret-2026' });
    const row = f.db.$client.prepare("SELECT password_hash AS h FROM users WHERE username = 'pw_hashcheck'").get() as { h: string };
    expect(row.h).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{40,}$/);
    const audit = JSON.stringify(f.db.$client.prepare("SELECT * FROM audit_log WHERE entity = 'user'").all());
    expect(audit).toContain('pw_hashcheck');
    for (const secret of ['secret-pass-2026', 'other-secret-2026', row.h, 'scrypt$']) expect(audit).not.toContain(secret);
  });
});

// Anything an attacker could learn about the inside from an error answer.
const LEAK = /sqlite|SQLITE_|no such (table|column)|constraint failed|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|\bDELETE FROM\b|\s+at \S+ \(|\.ts:\d+|node_modules|\bTypeError\b|\bReferenceError\b|undefined is not|Cannot read propert/i;

describe('error answers', () => {
  let f: Fresh;
  afterEach(() => {
    vi.restoreAllMocks();
    f?.close();
  });

  it('every documented route answers broken input with the error shape and nothing from inside', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const doc = (await f.call('GET', '/api/openapi.json', null)).body as { paths: Record<string, Record<string, unknown>> };
    const hostile = ["0", "-1", "1'--", '99999999999999999999', '%00', '..%2F..%2Fetc%2Fpasswd'];
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        for (const [n, value] of hostile.entries()) {
          const path = template.replace(/\{[^}]+\}/g, value) + (n % 2 ? `?limit=${value}&regionCode=${value}` : '');
          const body = method === 'get' || method === 'delete' ? undefined : n % 3 === 0 ? '{"quantity": ' : { quantity: value, regionCode: [value], depotId: { $gt: 1 } };
          const res = await f.call(method.toUpperCase(), path, admin.token, body);
          if (res.status < 400) continue;
          checked += 1;
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          expect(Object.keys(res.body ?? {}), `${method} ${path}: ${JSON.stringify(res.body)}`).toEqual(['error']);
          expect(Object.keys(res.body.error).sort()).toEqual(['code', 'details', 'message']);
          expect(JSON.stringify(res.body), `${method} ${path}`).not.toMatch(LEAK);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('an internal failure answers 500 with only a request id; the cause goes to the server log', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const keeper = await f.login('keeper');
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' ')); });
    // The database breaks under the running server (a bad migration, a disk fault…).
    f.db.$client.exec('ALTER TABLE items RENAME TO items_gone');
    const answers = [
      await admin.get('/api/items'),
      await admin.post('/api/items', { code: 'X-1', name: '测试', unit: '件', category: 'test', weightKg: 1, volumeM3: 0.1 }),
      await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: 2, itemId: 1, quantity: 1 }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({ code: 'INTERNAL', message: 'internal error; quote the request id to the administrator', details: { requestId: expect.any(String) } });
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // The administrator finds the cause in the log by the id the user quotes.
      const line = logged.find((l) => l.includes(res.body.error.details.requestId));
      expect(line).toMatch(/no such table: items/);
    }
  });
});

describe('secure headers', () => {
  const f = freshApp();
  afterAll(() => f.close());

  it('are on every kind of answer: JSON, errors, downloads, the API reference and the web page', async () => {
    const admin = await f.login('admin');
    const answers = {
      'JSON 200': await f.call('GET', '/api/health', null),
      '401': await f.call('GET', '/api/items', null),
      '403': await (await f.login('reporter')).post('/api/items', {}),
      '404': await admin.get('/api/no-such-route'),
      '400 malformed JSON': await f.call('POST', '/api/items', admin.token, '{"code":'),
      'xlsx download': await admin.get('/api/stock/import/template'),
      'API reference': await f.call('GET', '/api/docs', null),
      'web page': await f.call('GET', '/', null),
    };
    for (const [what, res] of Object.entries(answers)) {
      const h = res.headers;
      expect(h.get('x-content-type-options'), what).toBe('nosniff');
      expect(h.get('x-frame-options'), what).toBe('SAMEORIGIN');
      expect(h.get('referrer-policy'), what).toBe('no-referrer');
      expect(h.get('strict-transport-security'), what).toMatch(/max-age=\d{7,}/);
      expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
      const csp = h.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toMatch(/connect-src 'self'/);
      expect(csp, what).not.toMatch(/(^|[\s;])\*(;|\s|$)|unsafe-eval/);
      // No cross-origin reads of the API from other sites' pages, and no server banner.
      expect(h.get('access-control-allow-origin'), what).toBeNull();
      expect(h.get('x-powered-by'), what).toBeNull();
      expect(h.get('server'), what).toBeNull();
    }
  });
});

describe('personal numbers, tokens and passwords', () => {
  // One database; every request goes through an app with the access log on, and everything the
  // server prints is captured.
  const f = freshApp();
  const printed: string[] = [];
  let app: App;
  let c: ReturnType<typeof clientOn>;
  let admin: Who, league: Who, county: Who, reporter: Who, auditor: Who, keeper: Who;
  const headId = newId();
  const memberId = newId();
  const countyHeadId = newId();
  const deceasedId = newId();
  const ownerId = newId();
  const bankCard = '6217000012345678901';
  const fx = {} as { household: number; caseId: number; noticeId: number; campaignId: number; spotCheckId: number; rosterRowId: number; xl: number };
  const tokens: string[] = [];

  beforeAll(async () => {
    // The access log writes to stdout directly (batched); errors and the rest go through console.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true; });
    }
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { printed.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')); });
    }
    app = createApp(f.db, { ...f.config, logRequests: true });
    c = clientOn(app);
    [admin, league, county, reporter, auditor, keeper] = await Promise.all(['admin', 'officer', 'officer_xlht', 'reporter', 'auditor', 'keeper'].map((u) => c.login(u)));
    tokens.push(admin.token, league.token, county.token, reporter.token, auditor.token, keeper.token);

    // Registered by township staff (with a retry key, so the answer is stored) and by the county.
    const h = await reporter.post('/api/households', {
      headName: '巴特尔', idNumber: headId, villageCode: V.home, size: 4, phone: '13904790001', bankCard: '6217 0000 1234 5678 901',
      flags: ['general'], members: [{ name: '其其格', relation: '配偶', idNumber: memberId }],
    }, { 'idempotency-key': 'sec-household-1' });
    expect(h.status, h.text).toBe(201);
    fx.household = h.body.household.id;
    const h2 = await county.post('/api/households', { headName: '乌力吉', idNumber: countyHeadId, villageCode: V.home, size: 2, bankCard: '6228480000111122223', flags: ['dibao'] }, { 'idempotency-key': 'sec-household-2' });
    expect(h2.status, h2.text).toBe(201);
    // A case through county approval and a first payment; transitional aid, condolence, requisition.
    const rb = (await allocation(county, { category: 'rebuild' })).id;
    const tr = (await allocation(county, { category: 'transitional' })).id;
    const co = (await allocation(county, { category: 'condolence' })).id;
    fx.caseId = (await ledgerEntry(reporter, fx.household)).id;
    await toCountyApproved(reporter, county, fx.caseId);
    expect((await county.post(`/api/rebuild-cases/${fx.caseId}/payments`, { stage: 'start', amountFen: 500_000, allocationId: rb, paidAt: daysAgo(0) })).status).toBe(201);
    const aid = await reporter.post('/api/transitional-aid', { householdId: fx.household, people: 2, startOn: '2026-08-01', days: 30 });
    expect((await county.post(`/api/transitional-aid/${aid.body.id}/payments`, { allocationId: tr, paidAt: daysAgo(0) })).status).toBe(201);
    const cond = await reporter.post('/api/condolences', { householdId: fx.household, deceasedName: '朝鲁', deceasedIdNumber: deceasedId, recipientName: '巴特尔', relation: '子' }, { 'idempotency-key': 'sec-condolence' });
    expect(cond.status, cond.text).toBe(201);
    expect((await county.post(`/api/condolences/${cond.body.id}/payments`, { allocationId: co, paidAt: daysAgo(0) })).status).toBe(201);
    const req = await county.post('/api/requisitions', { countyCode: '152502', kind: 'vehicle', description: '货车 运送救灾物资', owner: { name: '运输公司', idNumber: ownerId, phone: '13904791234' },
      periodStart: '2026-08-01', periodEnd: '2026-08-05', dailyRateFen: 80_000 }, { 'idempotency-key': 'sec-requisition' });
    expect(req.status, req.text).toBe(201);
    // Winter roster and its notice; a public notice; a prefecture spot check of the county's cases.
    const camp = await county.post('/api/winter-relief/campaigns', { countyCode: '152502', season: '2029-2030' });
    expect(camp.status, camp.text).toBe(201);
    fx.campaignId = camp.body.id;
    const row = await reporter.post('/api/winter-relief/roster', { campaignId: fx.campaignId, householdId: fx.household, peopleNeedingAid: 3, needs: ['food'], moneyFen: 36_000, paymentMethod: 'one_card' });
    expect(row.status, row.text).toBe(201);
    fx.rosterRowId = row.body.row.id;
    const notice = await reporter.post('/api/public-notices', { kind: 'winter_spring', villageCode: V.home, campaignId: fx.campaignId, noticeStart: daysAgo(9), noticeEnd: daysAgo(1) });
    expect(notice.status, notice.text).toBe(201);
    fx.noticeId = notice.body.id;
    const sc = await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152502', seed: 'security-test' });
    expect(sc.status, sc.text).toBe(201);
    fx.spotCheckId = sc.body.id;
    // Searching by the full number puts it in a query string: the access log must not keep it.
    expect((await county.get(`/api/households?idNumber=${headId}`)).status).toBe(200);
    fx.xl = ((await admin.get('/api/depots')).body.depots as { id: number; code: string }[]).find((d) => d.code === 'XL-01')!.id;
  });
  afterAll(() => {
    vi.restoreAllMocks();
    f.close();
  });

  const SECRETS = () => {
    const stored = f.db.$client.prepare(`SELECT id_number AS n, bank_card AS card FROM households UNION ALL
      SELECT id_number, NULL FROM household_members WHERE id_number IS NOT NULL`).all() as { n: string; card: string | null }[];
    const all = new Set<string>([headId, memberId, countyHeadId, deceasedId, ownerId, bankCard]);
    for (const r of stored) { all.add(r.n); if (r.card) all.add(r.card); }
    // The birth date and order digits hidden by the mask must not show up on their own either.
    return [...all].flatMap((s) => [s, s.slice(6, 14)]);
  };
  const leaked = (text: string, secrets: string[]) => secrets.filter((s) => text.includes(s));

  /** Every documented GET, with the ids of this file's records filled in. */
  function readPaths(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
    const idFor: [RegExp, () => number][] = [
      [/^\/api\/households\//, () => fx.household], [/^\/api\/rebuild-cases\//, () => fx.caseId], [/^\/api\/public-notices\//, () => fx.noticeId],
      [/^\/api\/winter-relief\/campaigns\//, () => fx.campaignId], [/^\/api\/spot-checks\//, () => fx.spotCheckId], [/^\/api\/depots\//, () => fx.xl],
    ];
    const query: Record<string, string> = { '/api/winter-relief/roster': `campaignId=${fx.campaignId}`, '/api/stock/export': `depotId=${fx.xl}`, '/api/audit': 'limit=500', '/api/audit/export': 'limit=5000' };
    return Object.entries(doc.paths).filter(([, ops]) => 'get' in ops).map(([t]) => {
      const id = idFor.find(([re]) => re.test(t))?.[1]() ?? 1;
      const path = t.replace('{id}', String(id)).replace(/\{(code|regionCode)\}/, '152502').replace(/\{\w+\}/g, '1');
      return query[t] ? `${path}?${query[t]}` : path;
    });
  }

  it('the county officer, who decides and pays, sees the full numbers (so the checks below can fail)', async () => {
    const one = await county.get(`/api/households/${fx.household}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ idNumber: headId, idNumberMasked: false, bankCard });
    expect(one.body.members[0].idNumber).toBe(memberId);
  });

  it('no other role gets a full ID number or bank card from any documented GET, JSON or spreadsheet or CSV', async () => {
    const doc = (await c.call('GET', '/api/openapi.json', null)).body;
    const paths = readPaths(doc);
    const secrets = SECRETS();
    const seen = new Map<string, number[]>();
    for (const [name, who] of Object.entries({ admin, league, reporter, auditor, keeper })) {
      for (const path of paths) {
        const res = await who.get(path);
        const text = isXlsx(res.headers) && res.status === 200 ? await workbookText(res.raw) : res.text;
        expect(leaked(text, secrets), `${name} GET ${path}`).toEqual([]);
        seen.set(`${name} ${path.split('?')[0]}`, [res.status]);
      }
    }
    // The records are really there for the readers (the check above is not vacuous).
    const mustRead: [string, string[]][] = [
      [`/api/households/${fx.household}`, ['admin', 'league', 'reporter', 'auditor']],
      ['/api/households', ['admin', 'league', 'reporter', 'auditor']],
      [`/api/rebuild-cases/${fx.caseId}`, ['admin', 'league', 'reporter', 'auditor']],
      ['/api/winter-relief/roster', ['admin', 'league', 'reporter', 'auditor']],
      [`/api/public-notices/${fx.noticeId}/xlsx`, ['admin', 'league', 'reporter', 'auditor']],
      ['/api/condolences', ['admin', 'league', 'reporter', 'auditor']],
      ['/api/requisitions', ['admin', 'league', 'reporter', 'auditor']],
      ['/api/funds/payments', ['admin', 'league', 'reporter', 'auditor']],
      ['/api/funds/export', ['admin', 'league', 'auditor']],
      [`/api/spot-checks/${fx.spotCheckId}`, ['admin', 'league', 'auditor']],
      ['/api/audit', ['admin', 'auditor']],
      ['/api/audit/export', ['admin', 'auditor']],
    ];
    for (const [path, readers] of mustRead) {
      for (const r of readers) expect(seen.get(`${r} ${path}`), `${r} ${path}`).toEqual([200]);
      expect(seen.get(`keeper ${path}`), `keeper ${path}`).toEqual([403]);
    }
    const masked = await league.get(`/api/households/${fx.household}`);
    expect(masked.body).toMatchObject({ idNumber: maskIdNumber(headId), idNumberMasked: true, bankCard: maskBankCard(bankCard) });
  });

  it('public notices and the funds export stay masked even for the county officer', async () => {
    const secrets = SECRETS();
    for (const path of [`/api/public-notices/${fx.noticeId}`, `/api/public-notices/${fx.noticeId}/xlsx`, '/api/funds/export', '/api/funds/payments', '/api/requisitions', '/api/condolences']) {
      const res = await county.get(path);
      expect(res.status, path).toBe(200);
      const text = isXlsx(res.headers) ? await workbookText(res.raw) : res.text;
      expect(leaked(text, secrets), path).toEqual([]);
    }
    const sheet = await workbookText((await county.get(`/api/public-notices/${fx.noticeId}/xlsx`)).raw);
    expect(sheet).toContain(maskIdNumber(headId));
  });

  it('audit rows and stored idempotent answers hold no full number; the access log none either, nor a token or a password', () => {
    const secrets = SECRETS();
    const audit = JSON.stringify(f.db.$client.prepare('SELECT * FROM audit_log').all());
    expect(audit).toContain(maskIdNumber(headId));
    expect(leaked(audit, secrets)).toEqual([]);
    const answers = f.db.$client.prepare('SELECT key, body FROM idempotency_keys').all() as { key: string; body: string }[];
    expect(answers.map((a) => a.key)).toEqual(expect.arrayContaining(['sec-household-1', 'sec-household-2', 'sec-condolence', 'sec-requisition']));
    expect(leaked(JSON.stringify(answers), secrets)).toEqual([]);

    const log = printed.join('\n');
    // The access log did run: one line per request, with the user and the path.
    expect(log).toMatch(/ officer_xlht GET \/api\/households 200 /);
    expect(log).toMatch(/ reporter POST \/api\/households 201 /);
    expect(leaked(log, secrets)).toEqual([]);
    for (const t of tokens) {
      expect(log).not.toContain(t);
      expect(log).not.toContain(hashToken(t));
    }
    for (const p of [ADMIN_PASSWORD, 'officer-demo-2026', 'reporter-demo-2026', 'keeper-demo-2026', 'auditor-demo-2026']) expect(log).not.toContain(p);
    expect(log).not.toMatch(/authorization|bearer/i);
  });
});
