import { serve } from '@hono/node-server';
import { openDatabase } from '../db/client';
import { isNewDatabase, seedNewDatabase } from '../db/seed/index';
import { readConfig } from './config';
import { createApp } from './app';

const config = readConfig();
const db = openDatabase(config.databasePath);

if (isNewDatabase(db)) {
  const t0 = Date.now();
  const admin = seedNewDatabase(db, { demo: config.demoData, adminPassword: process.env.ADMIN_PASSWORD || undefined, adminRegion: process.env.ADMIN_REGION });
  console.log(`New database ${config.databasePath}: reference data${config.demoData ? ' and demo data' : ''} loaded in ${Date.now() - t0} ms.`);
  if (admin.generated) {
    // Printed once, on creation; it is stored only as a scrypt hash.
    console.log(`\n  管理员 admin password (shown once, change it after signing in): ${admin.password}\n`);
  }
}

const app = createApp(db, config);
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`救灾物资储备与调度系统 listening on http://localhost:${info.port}  (API reference: /api/docs)`);
});

// Close the database cleanly so the WAL is checkpointed; a SIGKILL loses nothing committed either.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    db.$client.close();
    process.exit(0);
  });
}
