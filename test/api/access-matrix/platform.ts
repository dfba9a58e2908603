// Sign-in, users, regions, the audit trail, settings and the public endpoints.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD } from '../../support/fresh-app';
import { allow, defineModule, everyone, ok, open, PLACE, type Actor } from '../access-matrix-kit';

const PASSWORD: Record<Actor, string> = {
  admin: ADMIN_PASSWORD, officer: 'officer-demo-2026', keeper: 'keeper-demo-2026', reporter: 'reporter-demo-2026', auditor: 'auditor-demo-2026', anon: 'officer-demo-2026',
};
const username = (a: Actor) => (a === 'anon' ? 'officer' : a);

export default defineModule({
  name: 'platform: sign-in, users, regions, audit, settings, public',
  async setup(ctx) {
    const { admin } = ctx.as;
    const make = async (regionCode: string) => ok(await admin.post('/api/users', {
      username: `mx_user_${regionCode}_${ctx.seq()}`, password: 'matrix-user-2026', role: 'reporter', regionCode,
    }), 201, 'user').body.id as number;
    // A basemap archive to serve (the bytes are not read as tiles by the route).
    const tiles = mkdtempSync(join(tmpdir(), 'relief-matrix-tiles-'));
    writeFileSync(join(tiles, 'matrix.pmtiles'), Buffer.alloc(1024, 7));
    ctx.f.config.tilesDir = tiles;
    ok(await admin.post('/api/regions', { code: '620102001901', name: '矩阵测试村', level: 'village', parentCode: PLACE.gansuTownship, lon: 103.83, lat: 36.08 }), 201, 'gansu village');
    return {
      inUser: await make(PLACE.township), outUser: await make(PLACE.gansuTownship),
      /** A throw-away session, so signing out does not sign the shared users out. */
      session: async (a: Actor) => (await ctx.f.login(username(a))).token,
    };
  },
  rows: [
    {
      route: 'POST /api/auth/login', why: 'signing in has no place; it needs no token',
      request: (_fx, _s, a) => ({ path: '/api/auth/login', body: { username: username(a), password: PASSWORD[a] } }),
      in: open(200),
    },
    {
      route: 'POST /api/auth/logout', why: 'ends the caller\'s own session, wherever they work',
      request: async (fx, _s, a) => (a === 'anon' ? { path: '/api/auth/logout' } : { path: '/api/auth/logout', token: await fx.session(a) }),
      in: everyone(200),
    },
    { route: 'GET /api/auth/me', why: 'the caller\'s own account', request: () => ({ path: '/api/auth/me' }), in: everyone(200) },

    {
      route: 'POST /api/users',
      request: (_fx, s) => ({ path: '/api/users', body: { username: `mx_new_${s}_${Math.random().toString(36).slice(2, 9)}`, password: 'matrix-user-2026', role: 'reporter', regionCode: s === 'in' ? PLACE.township : PLACE.gansuTownship } }),
      in: allow(201, 'admin'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/users', why: 'admin only, the whole system', request: () => ({ path: '/api/users' }), in: allow(200, 'admin') },
    {
      route: 'PATCH /api/users/{id}',
      request: (fx, s) => ({ path: `/api/users/${s === 'in' ? fx.inUser : fx.outUser}`, body: { displayName: '改名' } }),
      in: allow(200, 'admin'), out: allow(200, 'admin'),
    },

    // The division tree is national reference data (GB/T 2260): every signed-in user may read all of it.
    { route: 'GET /api/regions', request: (_fx, s) => ({ path: `/api/regions?parent=${s === 'in' ? PLACE.county : PLACE.gansuCounty}` }), in: everyone(200), out: everyone(200) },
    {
      route: 'POST /api/regions',
      request: (_fx, s) => {
        const n = 950 + Math.floor(Math.random() * 49);
        return s === 'in'
          ? { path: '/api/regions', body: { code: `${PLACE.township}${n}`, name: '新嘎查', level: 'village', parentCode: PLACE.township } }
          : { path: '/api/regions', body: { code: `${PLACE.gansuTownship}${n}`, name: '新村', level: 'village', parentCode: PLACE.gansuTownship } };
      },
      in: allow(201, 'admin'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/regions/{code}', request: (_fx, s) => ({ path: `/api/regions/${s === 'in' ? PLACE.township : PLACE.gansuTownship}` }), in: everyone(200), out: everyone(200) },
    {
      route: 'PATCH /api/regions/{code}',
      request: (_fx, s) => ({ path: `/api/regions/${s === 'in' ? PLACE.township : PLACE.gansuTownship}`, body: { population: 12345 } }),
      in: allow(200, 'admin', 'officer'), out: { ...allow(200, 'admin', 'officer'), officer: 403 },
    },
    { route: 'GET /api/regions/{code}/geojson', request: (_fx, s) => ({ path: `/api/regions/${s === 'in' ? PLACE.county : PLACE.gansuCounty}/geojson` }), in: everyone(200), out: everyone(200) },
    { route: 'GET /api/regions/{code}/townships', request: (_fx, s) => ({ path: `/api/regions/${s === 'in' ? PLACE.county : PLACE.gansuCounty}/townships` }), in: everyone(200), out: everyone(200) },
    { route: 'GET /api/geo/provinces', why: 'the national outline map', request: () => ({ path: '/api/geo/provinces' }), in: everyone(200) },

    // The audit trail: admin everything; auditors the rows of their own subtree (checked below).
    {
      route: 'GET /api/audit',
      request: (_fx, s) => ({ path: s === 'in' ? '/api/audit?entity=region' : '/api/audit?entity=user' }),
      in: allow(200, 'admin', 'auditor'), out: allow(200, 'admin', 'auditor'),
      check: (res, _fx, s, a) => {
        if (a !== 'auditor' || s !== 'out') return;
        const outside = (res.body.entries as { regionCode: string | null }[]).filter((e) => !e.regionCode?.startsWith(PLACE.league));
        if (outside.length) throw new Error(`auditor of 1525 sees audit rows of ${outside.map((e) => e.regionCode).join(', ')}`);
      },
    },
    {
      route: 'GET /api/audit/export',
      request: (_fx, s) => ({ path: s === 'in' ? '/api/audit/export?entity=region' : '/api/audit/export?entity=user' }),
      in: allow(200, 'admin', 'auditor'), out: allow(200, 'admin', 'auditor'),
      check: (res, _fx, s, a) => {
        if (a === 'auditor' && s === 'out' && String(res.body).includes(PLACE.gansuTownship)) throw new Error('auditor of 1525 exports audit rows of Gansu');
      },
    },
    { route: 'GET /api/audit/verify', why: 'verifies the whole chain; reveals no row', request: () => ({ path: '/api/audit/verify' }), in: allow(200, 'admin', 'auditor') },
    { route: 'GET /api/tiles/{name}', why: 'the offline basemap, the same for everyone signed in', request: () => ({ path: '/api/tiles/matrix.pmtiles' }), in: everyone(200) },
    { route: 'GET /api/settings/map', why: 'basemap configuration', request: () => ({ path: '/api/settings/map' }), in: everyone(200) },

    // Public: health probe, API description and reference, published donations.
    { route: 'GET /api/health', why: 'public', request: () => ({ path: '/api/health' }), in: open(200) },
    { route: 'GET /api/openapi.json', why: 'public', request: () => ({ path: '/api/openapi.json' }), in: open(200) },
    { route: 'GET /api/docs', why: 'public', request: () => ({ path: '/api/docs' }), in: open(200) },
    { route: 'GET /api/docs/scalar.js', why: 'public', request: () => ({ path: '/api/docs/scalar.js' }), in: open(200) },
  ],
});
