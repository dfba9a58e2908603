// npm run backup [-- <target file>]: an online backup through SQLite's backup API. Safe while the
// server is serving: readers and writers keep going; the copy is a consistent snapshot.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkDatabaseHealth } from './lib/db-health';
import './lib/register-checks';

const source = process.env.DATABASE_PATH || 'data/relief.db';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = process.argv[2] || join('backups', `relief-${stamp}.db`);

mkdirSync(dirname(target), { recursive: true });
const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const t0 = Date.now();
// All pages in one step. SQLite restarts a backup from the first page whenever another connection
// (the server) writes between two steps, so a stepwise copy of a busy database may never finish.
// One step reads a single WAL snapshot: in WAL mode readers never block the server's writers.
const done = await db.backup(target, { progress: () => 0x7fffffff });
process.stdout.write(`backed up ${source}: ${done.totalPages} pages`);
db.close();
const copy = new Database(target, { readonly: true });
const health = checkDatabaseHealth(copy);
copy.close();
console.log(`\nbackup written to ${target} in ${Date.now() - t0} ms; integrity ${health.integrity}, audit chain ${health.audit.ok ? 'ok' : `BROKEN at ${health.audit.firstBrokenId}`} (${health.audit.checked} rows)${health.ledger ? `, ledger ${health.ledger.ok ? 'ok' : health.ledger.violations.length + ' violations'}` : ''}`);
process.exit(health.ok ? 0 : 1);
