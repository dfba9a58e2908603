// npm run backup against a real server that keeps writing; npm run restore of that copy; the
// restored database passes the invariant and audit checks and serves again.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT, startServer, type RunningServer } from '../../scripts/crash/server';
import { checkDatabaseHealth } from '../../scripts/lib/db-health';
import '../../scripts/lib/register-checks';

const dir = mkdtempSync(join(tmpdir(), 'relief-backup-test-'));
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

function npm(script: 'backup' | 'restore', args: string[], databasePath: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_PATH: databasePath } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const ADMIN_PASSWORD = 'admin-backup-2026';

describe('backup and restore', () => {
  const live = join(dir, 'live.db');
  const backup = join(dir, 'backups', 'copy.db');
  const restored = join(dir, 'restored.db');
  const beforeBackup: number[] = [];

  it('npm run backup takes a consistent copy while the server keeps acknowledging writes', async () => {
    server = await startServer({ databasePath: live, port: await freePort(), env: { ADMIN_PASSWORD } });
    const http = server.http;
    const login = await http.request('POST', '/api/auth/login', { body: JSON.stringify({ username: 'keeper', password: 'keeper-demo-2026' }) });
    const token = login.json.token as string;
    const depots = (await http.request('GET', '/api/depots', { token })).json.depots as { id: number; code: string }[];
    const depotId = depots.find((d) => d.code === 'XL-01')!.id;
    let writing = true;
    let backupStarted = false;
    const acked: number[] = [];
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const res = await http.request('POST', '/api/stock/movements', { token, body: JSON.stringify({ kind: 'receipt', depotId, itemId: 1, quantity: 1 + (n % 9), batchNo: 'BACKUP-TEST' }) });
        expect(res.status, res.text).toBe(201);
        acked.push(res.json.movement.id);
        if (!backupStarted) beforeBackup.push(res.json.movement.id);
      }
    })();
    while (acked.length < 20) await new Promise((r) => setTimeout(r, 10));
    backupStarted = true;
    const during = acked.length;
    const run = await npm('backup', [backup], live);
    const after = acked.length;
    writing = false;
    await writer;
    await server.stop();
    server = null;

    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/backup written to .*copy\.db .*integrity ok, audit chain ok \(\d+ rows\), ledger ok/);
    // The server went on acknowledging writes while the copy was taken.
    expect(after).toBeGreaterThan(during);
    const copy = new Database(backup, { readonly: true });
    try {
      const ids = new Set((copy.prepare('SELECT id FROM stock_movements').all() as { id: number }[]).map((r) => r.id));
      expect(beforeBackup.filter((id) => !ids.has(id))).toEqual([]);
      expect(checkDatabaseHealth(copy)).toMatchObject({ ok: true, integrity: 'ok', audit: { ok: true }, ledger: { ok: true, violations: [] } });
    } finally {
      copy.close();
    }
  }, 180_000);

  it('npm run restore checks the copy, puts it in place (keeping the old file aside) and the server serves it', async () => {
    expect(existsSync(backup), 'the backup test must have run').toBe(true);
    // Onto a path with a database already there: it is moved aside, not overwritten.
    copyFileSync(join(REPO_ROOT, 'package.json'), restored); // any existing file stands for "the current database"
    const run = await npm('restore', [backup], restored);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/current database moved to .*restored\.db\.before-restore-/);
    expect(run.out).toMatch(/restored .*copy\.db → .*restored\.db; integrity ok, audit chain ok \(\d+ rows\), ledger ok/);
    const aside = readdirSync(dir).find((n) => n.startsWith('restored.db.before-restore-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

    server = await startServer({ databasePath: restored, port: await freePort(), env: { ADMIN_PASSWORD } });
    const admin = await server.http.request('POST', '/api/auth/login', { body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(admin.status).toBe(200);
    const verify = await server.http.request('GET', '/api/audit/verify', { token: admin.json.token });
    expect(verify.status).toBe(200);
    expect(verify.json).toMatchObject({ ok: true, firstBrokenId: null });
    // The server serves the restored ledger (a page of it; the writer may have added more than a page).
    const movements = await server.http.request('GET', '/api/stock/movements?limit=50', { token: admin.json.token });
    expect(movements.status).toBe(200);
    expect((movements.json.movements as unknown[]).length).toBeGreaterThan(0);
    await server.stop();
    server = null;
    // Every write acknowledged before the backup began is in the restored file, however many came after.
    const restoredDb = new Database(restored, { readonly: true });
    try {
      const ids = new Set((restoredDb.prepare('SELECT id FROM stock_movements').all() as { id: number }[]).map((r) => r.id));
      expect(beforeBackup.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      restoredDb.close();
    }
  }, 180_000);

  it('npm run restore refuses a copy whose audit trail was edited, and leaves the database alone', async () => {
    expect(existsSync(backup), 'the backup test must have run').toBe(true);
    const tampered = join(dir, 'tampered.db');
    copyFileSync(backup, tampered);
    const t = new Database(tampered);
    const { id } = t.prepare("SELECT min(id) AS id FROM audit_log WHERE action = 'stock.movement.receipt'").get() as { id: number };
    // Someone with the file drops the append-only trigger and rewrites who did it.
    t.exec('DROP TRIGGER audit_log_no_update');
    t.prepare("UPDATE audit_log SET username = 'someone-else' WHERE id = ?").run(id);
    t.close();
    const target = join(dir, 'untouched.db');
    copyFileSync(backup, target);
    const before = readFileSync(target);
    const run = await npm('restore', [tampered], target);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/does not pass its checks; nothing restored/);
    expect(run.out).toContain(`"firstBrokenId": ${id}`);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).some((n) => n.startsWith('untouched.db.before-restore-'))).toBe(false);
  }, 120_000);
});
