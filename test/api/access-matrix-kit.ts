// The vocabulary of the access matrix (access-matrix.test.ts). A module's rows live in
// test/api/access-matrix/<module>.ts and export `default defineModule({...})`; the test picks up
// every file in that folder, so a new module adds its file and nothing else.
//
// A row names one route exactly as the app lists it ('POST /api/stock/movements/{id}/reverse'),
// builds the request for the inside-scope and the outside-scope case, and gives the status every
// actor must get in each. Actors are the demo users: admin; officer (盟 1525); keeper (depot XL-01);
// reporter (宝力根苏木 152502200); auditor (1525); and anon (no token). "Inside" means inside the
// acting user's area (the township, depot, county or league the demo data puts them in); "outside"
// means in 甘肃 (Gansu, 62), which no demo user but admin covers: admin acts everywhere.
import type { Client, freshApp, Res } from '../support/fresh-app';

export const ACTORS = ['admin', 'officer', 'keeper', 'reporter', 'auditor', 'anon'] as const;
export type Actor = (typeof ACTORS)[number];
export type Role = Exclude<Actor, 'anon'>;
export type Scope = 'in' | 'out';
export type Expect = Record<Actor, number>;
export type Fresh = ReturnType<typeof freshApp>;

export interface Req {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this token instead of the actor's own (e.g. a throw-away session for signing out). */
  token?: string;
}

export interface MatrixCtx {
  f: Fresh;
  /** Signed-in demo users, one per role (admin, officer 1525, keeper XL-01, reporter 152502200, auditor 1525). */
  as: Record<Role, Client>;
  /** Other demo users by name (officer_xlht, keeper_abg, officer_nm), signed in on first use. */
  user(username: string): Promise<Client>;
  /** A number unique in this run, for codes and names that must not repeat. */
  seq(): number;
}

export interface Row<F> {
  /** METHOD and path as the app lists it (OpenAPI `{param}` syntax). */
  route: string;
  /** The request for one case; called once per (scope, actor), so it may build a fresh fixture each time. */
  request: (fx: F, scope: Scope, actor: Actor) => Req | Promise<Req>;
  in: Expect;
  /** Omitted only when the route has no notion of place (e.g. the item catalogue); say why in `why`. */
  out?: Expect;
  why?: string;
  /** More to assert on a 2xx answer, e.g. that an outside-scope list shows nothing from outside. */
  check?: (res: Res, fx: F, scope: Scope, actor: Actor) => void;
}

export interface MatrixModule<F = unknown> {
  name: string;
  setup: (ctx: MatrixCtx) => Promise<F>;
  rows: Row<F>[];
}

export function defineModule<F>(m: MatrixModule<F>): MatrixModule<F> {
  return m;
}

/** `status` for the listed roles, 403 for the other roles, 401 without a token. */
export function allow(status: number, ...roles: Role[]): Expect {
  const e = { anon: 401 } as Expect;
  for (const r of ['admin', 'officer', 'keeper', 'reporter', 'auditor'] as const) e[r] = roles.includes(r) ? status : 403;
  return e;
}

/** The same answer for every signed-in role, 401 without a token. */
export const everyone = (status: number): Expect => allow(status, 'admin', 'officer', 'keeper', 'reporter', 'auditor');

/** Nobody needs a token (public routes). */
export const open = (status: number): Expect => ({ admin: status, officer: status, keeper: status, reporter: status, auditor: status, anon: status });

/** The ids a response list holds, for leak checks on outside-scope reads. */
export const idsIn = (list: unknown): number[] => (Array.isArray(list) ? list.map((x: { id: number }) => x.id) : []);

/** Fails with the body when a setup call did not get the status it needed. */
export function ok(res: Res, status: number, what: string): Res {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Places the rows use. Inside: the demo users' own area. Outside: 甘肃 兰州 城关区. */
export const PLACE = {
  league: '1525', county: '152502', township: '152502200', village: '152502200200',
  gansuProvince: '62', gansuCounty: '620102', gansuTownship: '620102001',
} as const;
