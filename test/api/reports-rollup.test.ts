import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accept, accepted, newEvent, people, submitOk, summary, userAt, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rolling township reports up the tree', () => {
  it('counts the latest accepted report of a township, never 初报 plus 续报', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await accepted(reporter, officer, eventId, XLHT_TOWN, 'initial', people(100, 50, { deaths: 1 }));
    await accepted(reporter, officer, eventId, XLHT_TOWN, 'update', people(250, 80, { deaths: 1 }));
    const s = await summary(officer, eventId, 'regionCode=152502');
    expect(s).toMatchObject({ regionCode: '152502', townships: 1 });
    expect(s.figures).toMatchObject({ relocated: 250, needEmergencyAid: 80, deaths: 1, affected: 250 });
    expect(Object.keys(s.figures)).toHaveLength(22);
  });

  it('adds different townships and answers the same sum at every level above them', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer);
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(100));
    await accepted(await userAt(f, 'reporter', XLHT_TOWN_2), officer, eventId, XLHT_TOWN_2, 'initial', people(40));
    for (const code of ['152502', '1525', '15']) {
      const s = await summary(await f.login('officer_nm'), eventId, `regionCode=${code}`);
      expect(s.figures.relocated).toBe(140);
      expect(s.townships).toBe(2);
    }
    expect((await summary(officer, eventId, `regionCode=${XLHT_TOWN_2}`)).figures.relocated).toBe(40);
  });

  it('never counts a returned or a pending report', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await accepted(reporter, officer, eventId, XLHT_TOWN, 'initial', people(100));
    const wrong = await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(9999));
    const returned = await officer.post(`/api/reports/${wrong}/review`, { decision: 'return', note: '多写了两位' });
    expect(returned.body).toMatchObject({ status: 'returned', reviewNote: '多写了两位', counted: false });
    await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(8888)); // pending
    const s = await summary(officer, eventId);
    expect(s.figures.relocated).toBe(100);
    const list = (await officer.get(`/api/events/${eventId}/reports?regionCode=${XLHT_TOWN}`)).body.reports;
    expect(list.map((r: { status: string }) => r.status)).toEqual(['submitted', 'returned', 'accepted']);
  });

  it('marks the replaced accepted report superseded; a returned one stays returned', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    const first = await accepted(reporter, officer, eventId, XLHT_TOWN, 'initial', people(10));
    const bad = await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(20));
    await officer.post(`/api/reports/${bad}/review`, { decision: 'return', note: '请核实' });
    const second = await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(30));
    const review = await accept(officer, second);
    expect(review).toMatchObject({ status: 'accepted', counted: true });
    const status = async (id: number) => (await officer.get(`/api/reports/${id}`)).body.status;
    expect(await status(first)).toBe('superseded');
    expect(await status(bad)).toBe('returned');
    expect(await status(second)).toBe('accepted');
  });

  it('lets the newer submission count even when the older one is accepted after it', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    const older = await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(100));
    await sleep(5);
    const newer = await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(300));
    await accept(officer, newer);
    const late = await accept(officer, older); // the county works through a backlog out of order
    expect(late).toMatchObject({ status: 'superseded', counted: false });
    expect((await summary(officer, eventId)).figures.relocated).toBe(300);
  });

  it('shows the picture as it stood at an earlier time (asOf)', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await accepted(reporter, officer, eventId, XLHT_TOWN, 'initial', people(100));
    await sleep(10);
    const between = new Date().toISOString();
    await sleep(10);
    await accepted(reporter, officer, eventId, XLHT_TOWN, 'update', people(250));
    await sleep(5);
    const before = await summary(officer, eventId, `asOf=${encodeURIComponent(between)}`);
    expect(before).toMatchObject({ townships: 1, asOf: between });
    expect(before.figures.relocated).toBe(100);
    expect((await summary(officer, eventId, `asOf=${encodeURIComponent(new Date().toISOString())}`)).figures.relocated).toBe(250);
    expect((await summary(officer, eventId, 'asOf=2000-01-01T00:00:00Z')).townships).toBe(0);
  });

  it('breaks the sum down by county and by township, listing units that reported nothing as zeros', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152502', '152522'] });
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(100));
    await accepted(await userAt(f, 'reporter', '152522200'), officer, eventId, '152522200', 'initial', people(60));
    const byCounty = await summary(officer, eventId, 'regionCode=1525&by=county');
    const row = (code: string) => byCounty.breakdown.find((b: { regionCode: string }) => b.regionCode === code);
    expect(byCounty.figures.relocated).toBe(160);
    expect(row('152502')).toMatchObject({ name: '锡林浩特市', townships: 1, figures: { relocated: 100 } });
    expect(row('152522')).toMatchObject({ townships: 1, figures: { relocated: 60 } });
    expect(row('152530')).toMatchObject({ townships: 0, figures: { relocated: 0 } });
    const byTown = await summary(officer, eventId, 'regionCode=152502&by=township');
    expect(byTown.breakdown.find((b: { regionCode: string }) => b.regionCode === XLHT_TOWN).figures.relocated).toBe(100);
    const asOf = await summary(officer, eventId, `regionCode=1525&by=county&asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(asOf.breakdown).toEqual(byCounty.breakdown);
  });

  it('keeps each reader to their own area', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152502', '152522'] });
    await accepted(await userAt(f, 'reporter', '152522200'), officer, eventId, '152522200', 'initial', people(60));
    const county = await f.login('officer_xlht');
    // By default a county officer sees their own county's part of a league event.
    expect(await summary(county, eventId)).toMatchObject({ regionCode: '152502', townships: 0 });
    expect((await county.get(`/api/events/${eventId}/summary?regionCode=1525`)).status).toBe(403);
    expect((await county.get(`/api/events/${eventId}/summary?regionCode=152522`)).status).toBe(403);
  });
});

describe('reviewing a report', () => {
  it('is for an officer of a region above the township', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525' });
    const id = await submitOk(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', people(5));
    const abaga = await userAt(f, 'officer', '152522');
    const outside = await abaga.post(`/api/reports/${id}/review`, { decision: 'accept' });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('OUT_OF_SCOPE');
    const sameLevel = await userAt(f, 'officer', XLHT_TOWN);
    expect((await sameLevel.post(`/api/reports/${id}/review`, { decision: 'accept' })).status).toBe(403);
    expect((await (await f.login('reporter')).post(`/api/reports/${id}/review`, { decision: 'accept' })).body.error.code).toBe('FORBIDDEN_ROLE');
    expect((await (await f.login('officer_xlht')).post(`/api/reports/${id}/review`, { decision: 'accept' })).status).toBe(200);
  });

  it('reviews once; a return needs a note saying what to correct', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer);
    const id = await submitOk(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', people(5));
    expect((await officer.post(`/api/reports/${id}/review`, { decision: 'return' })).status).toBe(400);
    await accept(officer, id);
    const again = await officer.post(`/api/reports/${id}/review`, { decision: 'return', note: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'accepted' } });
    expect((await officer.post('/api/reports/999999/review', { decision: 'accept' })).status).toBe(404);
  });
});
