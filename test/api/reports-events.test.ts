import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accepted, newEvent, people, submitOk, summary, userAt, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const event = (body: Record<string, unknown> = {}) => ({ name: '暴雨洪涝', hazard: 'flood', startedAt: '2026-07-20T06:00:00+08:00', regionCode: '152502', ...body });

describe('disaster events', () => {
  it('an officer creates an event inside their area; a reporter cannot', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const res = await officer.post('/api/events', event());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), name: '暴雨洪涝', hazard: 'flood', status: 'active', regionCode: '152502', regionName: '锡林浩特市', startedAt: '2026-07-19T22:00:00.000Z', warnings: [] });
    expect((await (await f.login('reporter')).post('/api/events', event())).status).toBe(403);
    expect((await (await f.login('officer_xlht')).post('/api/events', event({ regionCode: '152522' }))).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await officer.post('/api/events', event({ hazard: 'volcano' }))).status).toBe(400);
  });

  it('warns of a possible duplicate: an open event of the same hazard covering the same area', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const first = (await officer.post('/api/events', event({ regionCode: '1525' }))).body.id;
    const dup = await (await f.login('officer_xlht')).post('/api/events', event({ name: '锡林浩特暴雨' }));
    expect(dup.status).toBe(201);
    expect(dup.body.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', eventId: first })]);
    // Another hazard, or another area, is not a duplicate.
    expect((await officer.post('/api/events', event({ hazard: 'hail' }))).body.warnings).toEqual([]);
    expect((await officer.post('/api/events', event({ regionCode: '152522' }))).body.warnings.map((w: { eventId: number }) => w.eventId)).toEqual([first]);
    const elsewhere = await (await f.login('officer_nm')).post('/api/events', event({ regionCode: '1501' }));
    expect(elsewhere.body.warnings).toEqual([]);
  });

  it('a closed event is not a duplicate candidate', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const first = (await officer.post('/api/events', event())).body.id;
    await officer.patch(`/api/events/${first}`, { status: 'closed' });
    expect((await officer.post('/api/events', event())).body.warnings).toEqual([]);
  });

  it('merging moves the duplicate\'s reports; the latest accepted per township still wins', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const keep = (await officer.post('/api/events', event())).body.id;
    const dup = (await officer.post('/api/events', event())).body.id;
    await accepted(reporter, officer, keep, XLHT_TOWN, 'initial', people(100));
    await accepted(reporter, officer, dup, XLHT_TOWN, 'initial', people(150));
    await accepted(await userAt(f, 'reporter', XLHT_TOWN_2), officer, dup, XLHT_TOWN_2, 'initial', people(30));
    const merged = await officer.post(`/api/events/${dup}/merge`, { intoId: keep });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ event: { id: dup, status: 'closed', mergedIntoId: keep }, into: { id: keep }, movedReports: 2 });
    const s = await summary(officer, keep);
    expect(s.townships).toBe(2);
    expect(s.figures.relocated).toBe(150 + 30); // the duplicate's 初报 was the newer one for 宝力根苏木
    expect((await summary(officer, dup)).townships).toBe(0);
    expect((await officer.get('/api/events')).body.events.map((e: { id: number }) => e.id)).not.toContain(dup);
    expect((await officer.get('/api/events?includeMerged=true')).body.events.map((e: { id: number }) => e.id)).toContain(dup);
  });

  it('refuses a merge into itself, twice, or by someone who is not an officer', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const a = (await officer.post('/api/events', event())).body.id;
    const b = (await officer.post('/api/events', event())).body.id;
    expect((await officer.post(`/api/events/${a}/merge`, { intoId: a })).status).toBe(400);
    expect((await (await f.login('reporter')).post(`/api/events/${b}/merge`, { intoId: a })).status).toBe(403);
    expect((await officer.post(`/api/events/${b}/merge`, { intoId: a })).status).toBe(200);
    expect((await officer.post(`/api/events/${b}/merge`, { intoId: a })).body.error.code).toBe('INVALID_TRANSITION');
    expect((await officer.post(`/api/events/${a}/merge`, { intoId: 999999 })).status).toBe(404);
  });

  it('refuses to merge away an event whose response is still active', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const a = (await officer.post('/api/events', event())).body.id;
    const b = (await officer.post('/api/events', event())).body.id;
    await officer.post(`/api/events/${b}/responses`, { regionCode: '152502', action: 'activate', level: 4, note: '启动' });
    const res = await officer.post(`/api/events/${b}/merge`, { intoId: a });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ regionCodes: ['152502'] });
  });

  it('moves through active → stabilised → closed, and a closed event stays closed', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const id = (await officer.post('/api/events', event())).body.id;
    const stabilised = await officer.patch(`/api/events/${id}`, { status: 'stabilised', stabilisedAt: '2026-07-22T12:00:00+08:00' });
    expect(stabilised.body).toMatchObject({ status: 'stabilised', stabilisedAt: '2026-07-22T04:00:00.000Z' });
    expect((await officer.patch(`/api/events/${id}`, { status: 'active' })).body).toMatchObject({ status: 'active', stabilisedAt: null });
    expect((await officer.patch(`/api/events/${id}`, { status: 'active' })).status).toBe(409);
    expect((await officer.patch(`/api/events/${id}`, { status: 'closed' })).body.status).toBe('closed');
    const reopen = await officer.patch(`/api/events/${id}`, { status: 'active' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('INVALID_TRANSITION');
    expect((await officer.patch(`/api/events/${id}`, { status: 'stabilised', stabilisedAt: '2020-01-01T00:00:00Z' })).status).toBe(409);
  });

  it('refuses a stabilisation time before the event started', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const id = (await officer.post('/api/events', event())).body.id;
    const res = await officer.patch(`/api/events/${id}`, { status: 'stabilised', stabilisedAt: '2026-07-01T00:00:00Z' });
    expect(res.status).toBe(400);
  });

  it('shows each user the events reaching their area', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const xl = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152502'] });
    const abaga = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152522'] });
    const ids = async (c: Awaited<ReturnType<typeof f.login>>) => (await c.get('/api/events')).body.events.map((e: { id: number }) => e.id);
    expect(await ids(await f.login('reporter'))).toContain(xl);
    expect(await ids(await f.login('reporter'))).not.toContain(abaga);
    expect(await ids(await f.login('officer_nm'))).toEqual(expect.arrayContaining([xl, abaga]));
    expect((await (await f.login('reporter')).get(`/api/events/${abaga}`)).status).toBe(403);
    expect((await (await f.login('reporter')).get(`/api/events/${xl}`)).body.affectedRegionCodes).toEqual(['152502']);
    await submitOk(await f.login('reporter'), xl, XLHT_TOWN, 'initial', people(1));
  });
});
