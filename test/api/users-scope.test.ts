import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('users and scope', () => {
  it('an admin creates a county officer who can then sign in and act only inside the county', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const created = await admin.post('/api/users', { username: 'abg_officer', displayName: '阿巴嘎旗应急局', password: 'abaga-2026-x', role: 'officer', regionCode: '152522' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'abg_officer', role: 'officer', regionCode: '152522' });
    expect(created.body).not.toHaveProperty('passwordHash');

    const officer = await f.login('abg_officer', 'abaga-2026-x');
    const inside = (await f.call('GET', '/api/regions?parent=152522', officer.token)).body.regions[0].code;
    expect((await officer.patch(`/api/regions/${inside}`, { population: 12345 })).status).toBe(200);
    const outside = await officer.patch('/api/regions/152502200', { population: 1 });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await officer.get('/api/regions/152502200')).body.population).not.toBe(1);
  });

  it('a keeper must be given depots inside the keeper region', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const noDepot = await admin.post('/api/users', { username: 'k2', password: 'keeper-2026-x', role: 'keeper', regionCode: '152522' });
    expect(noDepot.status).toBe(400);
    const keeperUser = (await admin.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'keeper');
    const wrongPlace = await admin.post('/api/users', { username: 'k3', password: 'keeper-2026-x', role: 'keeper', regionCode: '152522', depotIds: keeperUser.depotIds });
    expect(wrongPlace.status).toBe(400);
  });

  it('only admins create users', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const res = await officer.post('/api/users', { username: 'x1', password: 'abcdef12345', role: 'reporter', regionCode: '152502200' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('a reporter of one township cannot change another township', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    await admin.post('/api/users', { username: 'township_officer', password: 'township-2026', role: 'officer', regionCode: '152502200' });
    const t = await f.login('township_officer', 'township-2026');
    expect((await t.patch('/api/regions/152502200', { population: 9000 })).status).toBe(200);
    expect((await t.patch('/api/regions/152502201', { population: 9000 })).status).toBe(403);
  });

  it('an officer corrects an approximate township point and it stops being approximate', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    expect((await officer.get('/api/regions/152502200')).body.approximate).toBe(true);
    const res = await officer.patch('/api/regions/152502200', { lon: 116.2, lat: 44.1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lon: 116.2, lat: 44.1, approximate: false });
  });

  it('regions can be browsed by parent and searched by name', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const kids = await officer.get('/api/regions?parent=1525');
    expect(kids.body.regions.map((r: { name: string }) => r.name)).toContain('锡林浩特市');
    const found = await officer.get(`/api/regions?q=${encodeURIComponent('宝力根')}`);
    expect(found.body.regions.some((r: { code: string }) => r.code === '152502200')).toBe(true);
    const geo = await officer.get('/api/regions/1525/geojson?level=county');
    expect(geo.body.features).toHaveLength(12);
  });
});
