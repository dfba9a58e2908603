// The load harness (scripts/load) in small: 200 concurrent writes of every kind, some of them
// refused by the rules, all dispatched in the same turn of the event loop so that they share group
// commits (api/http/write.ts), the case where one write's refusal must not disturb its neighbours.
// (scripts/load drives the same through real sockets from another process.)
// No timing is asserted; what must hold under concurrency is asserted instead: no 5xx, every
// acknowledged write stored exactly as answered, refusals leave nothing behind and do not disturb
// the writes committed with them, and the ledger, the report projection and the audit chain are sound.
import { afterEach, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { stockWorld } from '../support/stock';
import { newEvent, submitOk, XLHT_TOWN } from '../support/reports';
import { loadRegionTree } from '../../api/modules/regions/service';
import { groupCommitStats, groupWrite } from '../../api/http/write';
import { storeAnswer } from '../../api/http/idempotency';
import { checkDatabaseHealth } from '../../scripts/lib/db-health';
import '../../scripts/lib/register-checks';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const people = (n: number) => ({ affected: n * 3, relocated: n, relocatedCentralized: n, relocatedDispersed: 0 });

interface Sent { who: string; path: string; body: unknown; key: string; expect: 'ok' | 'refused' | 'either'; group?: string }
interface Got extends Sent { status: number; text: string; json: any } // eslint-disable-line @typescript-eslint/no-explicit-any

describe('200 concurrent writes', () => {
  it('answers every one without a 5xx, stores every acknowledged write as answered, and leaves the ledger, projection and audit chain sound', async () => {
    f = freshApp();
    const { admin, keeper, keeperAbg, officer, xl, abg, item } = await stockWorld(f);
    const reporter = await f.login('reporter');
    const clients: Record<string, Client> = { admin, keeper, keeperAbg, officer, reporter };
    const eventId = await newEvent(officer, { regionCode: '1525' });
    const towns = loadRegionTree(f.db).descendantsAt('1525', 'township').map((t) => t.code).filter((c) => c !== XLHT_TOWN);
    expect(towns.length).toBeGreaterThanOrEqual(80);
    const reviewed = towns.slice(60, 80);
    const pending = await Promise.all(reviewed.map((t, i) => submitOk(officer, eventId, t, 'initial', people(10 + i))));
    expect((await keeper.post('/api/stock/movements', { kind: 'receipt', depotId: xl, itemId: item, quantity: 50, batchNo: 'LOAD' })).status).toBe(201);

    const sends: Sent[] = [];
    const add = (n: number, make: (i: number) => Omit<Sent, 'key'>) => {
      for (let i = 0; i < n; i++) sends.push({ ...make(i), key: `small-load-${sends.length}` });
    };
    const report = `/api/events/${eventId}/reports`;
    add(60, (i) => ({ who: 'officer', path: report, body: { regionCode: towns[i], stage: 'initial', figures: people(5 + i) }, expect: i < 10 ? 'either' : 'ok', group: i < 10 ? towns[i] : undefined }));
    add(10, (i) => ({ who: 'officer', path: report, body: { regionCode: towns[i], stage: 'initial', figures: people(7 + i) }, expect: 'either', group: towns[i] }));
    add(5, (i) => ({ who: 'reporter', path: report, body: { regionCode: XLHT_TOWN, stage: i === 0 ? 'initial' : 'update', figures: people(20 + i), explanation: '续报' }, expect: 'ok' }));
    add(5, (i) => ({ who: 'officer', path: report, body: { regionCode: towns[20 + i], stage: 'update', figures: { affected: 10, relocated: 9, relocatedCentralized: 1, relocatedDispersed: 1 } }, expect: 'refused' }));
    add(20, (i) => ({ who: 'officer', path: `/api/reports/${pending[i]}/review`, body: { decision: 'accept' }, expect: 'ok' }));
    add(70, () => ({ who: 'keeper', path: '/api/stock/movements', body: { kind: 'issue', depotId: xl, itemId: item, quantity: 1 }, expect: 'either', group: 'issues' }));
    add(25, (i) => ({ who: 'keeperAbg', path: '/api/stock/movements', body: { kind: 'receipt', depotId: abg, itemId: item, quantity: 2, batchNo: `ABG-${i % 3}` }, expect: 'ok' }));
    add(5, () => ({ who: 'keeper', path: '/api/stock/movements', body: { kind: 'receipt', depotId: abg, itemId: item, quantity: 5, batchNo: 'NOT-MINE' }, expect: 'refused' }));
    expect(sends).toHaveLength(200);

    const post = (s: Sent) => f.app.request(s.path, {
      method: 'POST', body: JSON.stringify(s.body),
      headers: { authorization: `Bearer ${clients[s.who].token}`, 'content-type': 'application/json', 'idempotency-key': s.key },
    });
    const counts = () => f.db.$client.prepare(`SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM stock_movements) AS movements,
      (SELECT count(*) FROM audit_log) AS audit`).get() as { reports: number; movements: number; audit: number };
    const before = counts();
    const commitsBefore = groupCommitStats.commits;

    const got: Got[] = await Promise.all(sends.map(async (s) => {
      const res = await post(s);
      const text = await res.text();
      return { ...s, status: res.status, text, json: JSON.parse(text) };
    }));
    const acked = got.filter((g) => g.status >= 200 && g.status < 300);
    // They did share commits (else this test would not be testing the group path).
    expect(groupCommitStats.commits - commitsBefore).toBeLessThan(acked.length / 4);

    expect(got.filter((g) => g.status >= 500).map((g) => `${g.path} ${g.status} ${g.text}`)).toEqual([]);
    expect(got.filter((g) => g.expect === 'ok' && g.status >= 300).map((g) => `${g.path} ${g.status} ${g.text}`)).toEqual([]);
    expect(got.filter((g) => g.expect === 'refused' && g.status < 400).map((g) => `${g.path} ${g.status}`)).toEqual([]);
    // Two 初报 for one township: exactly one is taken, the other told it is a second 初报.
    for (const town of towns.slice(0, 10)) {
      const pair = got.filter((g) => g.group === town).map((g) => g.status).sort();
      expect(pair, town).toEqual([201, 409]);
    }
    // 70 issues of one unit against 50 in stock: 50 taken, 20 refused as short, nothing below zero.
    const issues = got.filter((g) => g.group === 'issues');
    expect(issues.filter((g) => g.status === 201)).toHaveLength(50);
    expect(issues.filter((g) => g.status === 409).every((g) => g.json.error.code === 'INSUFFICIENT_STOCK')).toBe(true);
    const onHand = await keeper.get(`/api/stock?depotId=${xl}&itemId=${item}`);
    expect(onHand.body.balances[0].quantity).toBe(0);

    // Every acknowledged write is in the database, with the answer that was given stored for its key.
    const stored = f.db.$client.prepare('SELECT status, body FROM idempotency_keys WHERE user_id = ? AND key = ?');
    for (const g of acked) {
      expect(stored.get(clients[g.who].user.id, g.key), g.key).toEqual({ status: g.status, body: g.text });
      if (g.path === report) expect(f.db.$client.prepare('SELECT township_code AS t FROM reports WHERE id = ?').get(g.json.id)).toEqual({ t: (g.body as { regionCode: string }).regionCode });
      if (g.path.endsWith('/review')) expect(f.db.$client.prepare("SELECT status FROM reports WHERE id = ?").get(g.json.id)).toEqual({ status: 'accepted' });
      if (g.path === '/api/stock/movements') {
        for (const m of g.json.movements) expect(f.db.$client.prepare('SELECT quantity FROM stock_movements WHERE id = ?').get(m.id)).toEqual({ quantity: m.quantity });
      }
    }
    // Refusals left nothing behind: the rows added are exactly those acknowledged.
    const after = counts();
    const newReports = acked.filter((g) => g.path === report).length;
    const newMovements = acked.filter((g) => g.path === '/api/stock/movements').reduce((s, g) => s + g.json.movements.length, 0);
    expect(after.reports - before.reports).toBe(newReports);
    expect(after.movements - before.movements).toBe(newMovements);
    expect(after.audit - before.audit).toBe(acked.length);

    // A retry of any of them gets the first answer back, refusals included.
    for (const g of [got[0], got[12], got[75], got[140], got[199]]) {
      const again = await post(g);
      if (g.status === 201 || g.status === 200 || g.status === 409) {
        expect([again.status, await again.text(), again.headers.get('idempotent-replay')]).toEqual([g.status, g.text, 'true']);
      } else {
        expect(again.status).toBe(g.status);
      }
    }

    const health = checkDatabaseHealth(f.db.$client);
    expect(health.ledger?.violations).toEqual([]);
    expect(health.audit).toMatchObject({ ok: true, firstBrokenId: null });
    expect(health.integrity).toBe('ok');
    const summary = await officer.get(`/api/events/${eventId}/summary?regionCode=1525`);
    expect(summary.body.townships).toBe(20);
  });

  it('a write that fails half-way through a shared commit leaves nothing behind, and its neighbours commit', async () => {
    f = freshApp({ demo: false });
    const admin = (f.db.$client.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number }).id;
    const keyRow = f.db.$client.prepare('SELECT status FROM idempotency_keys WHERE user_id = ? AND key = ?');
    const commitsBefore = groupCommitStats.commits;
    const write = (key: string, fail: boolean) => groupWrite(f.db, (tx) => {
      storeAnswer(tx, admin, { key, hash: 'h' }, 201, '{}');
      if (fail) throw new Error(`refused ${key}`);
      return key;
    });
    const results = await Promise.allSettled([write('a', false), write('b', true), write('c', false), write('d', true), write('e', false)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'refused b', 'c', 'refused d', 'e']);
    expect(groupCommitStats.commits - commitsBefore).toBe(1);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => keyRow.get(admin, k) !== undefined)).toEqual([true, false, true, false, true]);
  });
});
