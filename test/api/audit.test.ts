import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('audit trail', () => {
  it('every write leaves an attributable audit row with before and after', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    await officer.patch('/api/regions/152502200', { population: 7777 });
    const admin = await f.login('admin');
    const log = await admin.get('/api/audit?entity=region&entityId=152502200');
    expect(log.status).toBe(200);
    const row = log.body.entries[0];
    expect(row).toMatchObject({ action: 'region.update', username: 'officer', regionCode: '152502200' });
    expect(row.after.population).toBe(7777);
    expect(row.before.population).not.toBe(7777);
  });

  it('the chain verifies, and a row tampered with directly in SQLite is named', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    for (const p of [1000, 2000, 3000]) await officer.patch('/api/regions/152502200', { population: p });
    const auditor = await f.login('auditor');
    const ok = await auditor.get('/api/audit/verify');
    expect(ok.body).toMatchObject({ ok: true, firstBrokenId: null });
    expect(ok.body.checked).toBeGreaterThanOrEqual(4);

    // The table refuses edits; someone with the file can still drop the trigger first.
    expect(() => f.db.$client.prepare("UPDATE audit_log SET after = '{}' WHERE id = 2").run()).toThrow(/append-only/);
    f.db.$client.exec('DROP TRIGGER audit_log_no_update');
    const target = f.db.$client.prepare("SELECT id FROM audit_log WHERE action = 'region.update' ORDER BY id LIMIT 1 OFFSET 1").get() as { id: number };
    f.db.$client.prepare(`UPDATE audit_log SET after = '{"population":1}' WHERE id = ?`).run(target.id);
    const broken = await auditor.get('/api/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, firstBrokenId: target.id });
  });

  it('an auditor reads the audit of their region but cannot write anything', async () => {
    f = freshApp();
    const auditor = await f.login('auditor');
    expect((await auditor.get('/api/audit')).status).toBe(200);
    const write = await auditor.patch('/api/regions/152502200', { population: 1 });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('an auditor is refused every non-GET route of the API, whatever the body', async () => {
    f = freshApp();
    const auditor = await f.login('auditor');
    const doc = (await f.call('GET', '/api/openapi.json', null)).body;
    const writes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => m !== 'get').map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '1') })));
    expect(writes.length).toBeGreaterThan(3);
    for (const w of writes.filter((x) => x.path !== '/api/auth/logout' && x.path !== '/api/auth/login')) {
      const res = await f.call(w.method, w.path, auditor.token, {});
      expect(res.status, `${w.method} ${w.path}`).toBe(403);
    }
  });

  it('an officer may not read the audit log', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    expect((await officer.get('/api/audit')).status).toBe(403);
  });
});
