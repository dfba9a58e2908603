// Fires hostile requests at every operation in the OpenAPI document, as a signed-in admin (who
// passes every role check, so bodies reach validation) and as a township reporter, against an
// in-process app on a fresh database. Passes when every answer is a 4xx JSON error, none hangs,
// and the database is unchanged (SQLite's total_changes() counter stays still).
export async function runHostileInput(opts: { cases: number; seed?: number; log?: (line: string) => void }) {
  const fc = (await import('fast-check')).default;
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openDatabase } = await import('../../db/client');
  const { seedNewDatabase } = await import('../../db/seed/index');
  const { createApp } = await import('../../api/app');
  const { readConfig } = await import('../../api/config');
  const { operationsOf, hostileRequest, judge } = await import('./hostile-cases');

  const dir = mkdtempSync(join(tmpdir(), 'relief-fuzz-'));
  const db = openDatabase(join(dir, 'fuzz.db'));
  seedNewDatabase(db, { demo: true, adminPassword: 'admin-fuzz-2026' });
  const app = createApp(db, { ...readConfig({ NODE_ENV: 'test' }), logRequests: false });
  const login = async (username: string, password: string) =>
    ((await (await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { token: string }).token;
  const tokens = [await login('admin', 'admin-fuzz-2026'), await login('reporter', 'reporter-demo-2026')];
  const doc = await (await app.request('/api/openapi.json')).json();
  const ops = operationsOf(doc).filter((o) => o.path !== '/api/auth/logout');
  const changes = () => (db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const before = changes();

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const arb = fc.oneof(...tokens.map((t) => hostileRequest(ops, t)));
  const samples = fc.sample(arb, { numRuns: opts.cases, seed: opts.seed ?? 20261123 });
  const t0 = Date.now();
  for (const [i, r] of samples.entries()) {
    const out = await judge(app, r);
    statuses.set(out.status, (statuses.get(out.status) ?? 0) + 1);
    if (!out.ok) failures.push(`${r.method} ${r.url.slice(0, 120)} [${r.kind}]: ${out.reason}`);
    if (opts.log && (i + 1) % 1000 === 0) opts.log(`${i + 1}/${samples.length} cases, ${failures.length} failures`);
  }
  const changed = changes() - before;
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  return { cases: samples.length, operations: ops.length, ms: Date.now() - t0, statuses: Object.fromEntries([...statuses].sort()), failures, rowsChanged: changed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run fuzz`, `npm run fuzz -- 2000` or `npm run fuzz -- --cases 2000`
  const args = process.argv.slice(2).filter((a) => a !== '--cases');
  const cases = args.length ? Number(args[0]) : 10_000;
  if (!Number.isInteger(cases) || cases < 1) {
    console.error(`usage: run-hostile.ts [--cases] N   (N a positive whole number, got ${JSON.stringify(args[0])})`);
    process.exit(2);
  }
  const out = await runHostileInput({ cases, log: (l) => console.log(l) });
  console.log(`hostile input: ${out.cases} cases over ${out.operations} operations in ${out.ms} ms`);
  console.log(`statuses: ${JSON.stringify(out.statuses)}`);
  console.log(`database rows changed: ${out.rowsChanged}`);
  for (const f of out.failures.slice(0, 30)) console.log(`FAIL ${f}`);
  console.log(`${out.cases - out.failures.length} passed, ${out.failures.length} failed`);
  process.exit(out.failures.length === 0 && out.rowsChanged === 0 ? 0 : 1);
}
