import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export type SyncMode = 'FULL' | 'NORMAL';
export const syncModeFromEnv = (env: NodeJS.ProcessEnv = process.env): SyncMode => (env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL');

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads through a memory map and a 64 MB page cache instead of a pread() per page: a report POST
  // on a 40,000-township event spent ~100 µs per random row lookup in system calls without them,
  // ~10 µs with them (measured on the reference VM). Writes still go through the WAL as before;
  // neither setting changes what is durable when.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  // synchronous = FULL by default. In WAL mode both settings survive a crash of the process
  // (SIGKILL, OOM): a commit is in the WAL file, i.e. in the kernel's page cache, before COMMIT
  // returns. They differ on power loss or a kernel crash: NORMAL fsyncs the WAL only at checkpoints,
  // so the last commits before the outage can vanish although they were acknowledged; FULL fsyncs
  // the WAL at every commit, and a relief ledger must not lose a receipt it acknowledged.
  //
  // Measured (scripts/load, scripts/bench; 2-core VM, ext4 on virtio, fsync ≈ 2.4 ms): a commit
  // costs ~2.4 ms under FULL against ~0.06 ms under NORMAL, which capped writes at ~300–400/s while
  // every request committed alone. The HTTP write path therefore commits in groups
  // (api/http/write.ts): the writes that arrive during one turn of the event loop run one after
  // another, each in its own savepoint, and share one COMMIT and one fsync; no response is sent
  // before that COMMIT has returned. With group commit FULL keeps its guarantee at a throughput
  // close to NORMAL's (figures in the load harness output), so FULL stays the default.
  // SQLITE_SYNCHRONOUS=NORMAL remains available for disposable databases (benchmarks, demos).
  sqlite.pragma(`synchronous = ${syncModeFromEnv()}`);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

// ——— Prepared statements for hot paths ———
// Building a drizzle query and having SQLite prepare it anew costs ~60–90 µs; running a statement
// prepared once costs a few µs. Hot paths (sign-in check, audit, idempotency, ledger, reports)
// keep their statements here, one cache per connection.

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const queries = new WeakMap<Database.Database, Map<unknown, unknown>>();

/** The better-sqlite3 connection behind a Db or a transaction on it. */
export function clientOf(db: DbOrTx): Database.Database {
  const handle = db as unknown as { $client?: Database.Database; session?: { client?: Database.Database } };
  const client = handle.$client ?? handle.session?.client;
  if (!client) throw new Error('no better-sqlite3 client behind this database handle');
  return client;
}

/** A raw statement prepared once per connection (works the same on a Db or inside its transaction). */
export function stmt(db: DbOrTx, text: string): Database.Statement {
  const client = clientOf(db);
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let s = cache.get(text);
  if (!s) cache.set(text, (s = client.prepare(text)));
  return s;
}

/**
 * A drizzle query prepared once per connection, for hot reads that want drizzle's row mapping
 * (booleans, camelCase): `prepared(db, KEY, (d) => d.select()…where(eq(col, sql.placeholder('id'))).prepare())`.
 * The prepared query runs on the connection's session, so inside a transaction it sees the transaction.
 */
export function prepared<T>(db: DbOrTx, key: object, build: (db: Db) => T): T {
  const client = clientOf(db);
  let cache = queries.get(client);
  if (!cache) queries.set(client, (cache = new Map()));
  let q = cache.get(key) as T | undefined;
  if (q === undefined) cache.set(key, (q = build(db as Db)));
  return q;
}

export { schema };
