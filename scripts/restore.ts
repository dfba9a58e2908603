// npm run restore -- <backup file>: checks the backup, then puts it in place of DATABASE_PATH.
// Stop the server first: a running server keeps the old file open. The current database is kept
// beside it as <name>.before-restore-<time> so a wrong restore can be undone.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { checkDatabaseHealth } from './lib/db-health';
import './lib/register-checks';

const backup = process.argv[2];
const target = process.env.DATABASE_PATH || 'data/relief.db';
if (!backup || !existsSync(backup)) {
  console.error('usage: npm run restore -- <backup file>   (DATABASE_PATH names the database to replace)');
  process.exit(2);
}

const check = new Database(backup, { readonly: true, fileMustExist: true });
const health = checkDatabaseHealth(check);
check.close();
if (!health.ok) {
  console.error('the backup does not pass its checks; nothing restored:', JSON.stringify(health, null, 2));
  process.exit(1);
}
if (existsSync(target)) {
  const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(target, aside);
  // The WAL may hold committed pages not yet in the main file (after a crash): it goes with it.
  if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${aside}-wal`);
  if (existsSync(`${target}-shm`)) rmSync(`${target}-shm`);
  console.log(`current database moved to ${aside}`);
}
copyFileSync(backup, target);
const restored = new Database(target);
const after = checkDatabaseHealth(restored);
restored.close();
console.log(`restored ${backup} → ${target}; integrity ${after.integrity}, audit chain ${after.audit.ok ? 'ok' : 'BROKEN'} (${after.audit.checked} rows)${after.ledger ? `, ledger ${after.ledger.ok ? 'ok' : 'VIOLATIONS'}` : ''}`);
process.exit(after.ok ? 0 : 1);
