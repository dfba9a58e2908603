// The access matrix: every route the app serves × every role (and no token) × inside / outside the
// actor's area → the exact status. Rows live in test/api/access-matrix/<module>.ts (see
// access-matrix-kit.ts). The route list is read from the app itself (its OpenAPI document and its
// router), so a route added without a row fails the first test, naming the route.
//
// MATRIX_DISCOVER=1 npx vitest run test/api/access-matrix.test.ts prints what each row got, in the
// rows' own notation, for writing a new module's rows (then check every number by hand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { ACTORS, type Actor, type Expect, type MatrixCtx, type MatrixModule, type Role, type Scope } from './access-matrix-kit';

const files = import.meta.glob<{ default: MatrixModule<unknown> }>('./access-matrix/*.ts', { eager: true });
const modules = Object.entries(files).map(([file, m]) => ({ file: file.replace('./', 'test/api/'), ...m.default }));
const DISCOVER = !!process.env.MATRIX_DISCOVER;
// Refused actors act first, so an allowed actor's write cannot change what a refused one is judged on.
const ORDER: Actor[] = ['anon', 'reporter', 'auditor', 'keeper', 'officer', 'admin'];

/** "METHOD /path/{param}" for every route under /api: the documented ones and the plain router's. */
async function servedRoutes(f: ReturnType<typeof freshApp>): Promise<Set<string>> {
  const doc = (await f.call('GET', '/api/openapi.json', null)).body as { paths: Record<string, Record<string, unknown>> };
  const out = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) out.add(`${m.toUpperCase()} ${path}`);
  for (const r of f.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue; // middleware and the catch-all 404 / web pages
    out.add(`${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/(.)\/$/, '$1')}`);
  }
  return out;
}

describe('access matrix', () => {
  it('has a row for every route the app serves, and none for a route it does not', async () => {
    const f = freshApp();
    try {
      const served = await servedRoutes(f);
      const rows = new Map<string, string[]>();
      for (const m of modules) for (const r of m.rows) rows.set(r.route, [...(rows.get(r.route) ?? []), m.file]);
      const missing = [...served].filter((r) => !rows.has(r)).sort();
      const stale = [...rows.keys()].filter((r) => !served.has(r)).sort();
      const twice = [...rows].filter(([, fs]) => fs.length > 1).map(([r, fs]) => `${r} (${fs.join(', ')})`);
      expect(missing, `routes without a row in test/api/access-matrix/<module>.ts:\n  ${missing.join('\n  ')}`).toEqual([]);
      expect(stale, `rows for routes the app does not serve:\n  ${stale.join('\n  ')}`).toEqual([]);
      expect(twice, 'routes with more than one row').toEqual([]);
      expect(served.size).toBeGreaterThan(100);
    } finally {
      f.close();
    }
  });

  for (const mod of modules) {
    describe(mod.name, () => {
      const f = freshApp();
      let ctx: MatrixCtx;
      let fx: unknown;
      beforeAll(async () => {
        const users = new Map<string, Promise<Client>>();
        const user = (u: string) => users.get(u) ?? users.set(u, f.login(u)).get(u)!;
        const roles = ['admin', 'officer', 'keeper', 'reporter', 'auditor'] as const;
        const signed = await Promise.all(roles.map((r) => user(r)));
        let n = 0;
        ctx = { f, as: Object.fromEntries(roles.map((r, i) => [r, signed[i]])) as Record<Role, Client>, user, seq: () => ++n };
        fx = await mod.setup(ctx);
      }, 120_000);
      afterAll(() => f.close());

      for (const row of mod.rows) {
        it(row.route, async () => {
          const [method] = row.route.split(' ');
          const wrong: string[] = [];
          const got: Partial<Record<Scope, Expect>> = {};
          for (const scope of ['in', 'out'] as const) {
            const want = scope === 'in' ? row.in : row.out;
            if (!want) continue;
            got[scope] = {} as Expect;
            for (const actor of ORDER) {
              const req = await row.request(fx, scope, actor);
              const token = actor === 'anon' ? null : req.token ?? ctx.as[actor].token;
              const body = method === 'GET' || method === 'DELETE' ? undefined : req.body;
              const res = await f.call(method, req.path, token, body, req.headers);
              got[scope]![actor] = res.status;
              if (res.status !== want[actor]) wrong.push(`${scope}side ${actor}: expected ${want[actor]}, got ${res.status} — ${method} ${req.path} → ${JSON.stringify(res.body)?.slice(0, 300)}`);
              else if (res.status < 300) row.check?.(res, fx, scope, actor);
            }
          }
          if (DISCOVER) {
            const fmt = (e?: Expect) => e && `{ ${ACTORS.map((a) => `${a}: ${e[a]}`).join(', ')} }`;
            console.log(`@@ ${row.route.padEnd(48)} in: ${fmt(got.in)}${got.out ? ` out: ${fmt(got.out)}` : ''}`);
            return;
          }
          expect(wrong, `${row.route}:\n  ${wrong.join('\n  ')}`).toEqual([]);
        });
      }
    });
  }
});
