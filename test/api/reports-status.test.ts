import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accept, newEvent, people, submitOk, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const DAY = 86_400_000;
type Town = { regionCode: string; overdue: Record<string, boolean>; reviewState: string; stage: string | null; closed: boolean; counting: unknown };

describe('reporting status and overdue townships', () => {
  it('lists every township of the event with its latest report, review state and overdue flags', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer, { startedAt: new Date(Date.now() - 3 * DAY).toISOString() });
    const first = await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(10));
    await accept(officer, first);
    const res = await officer.get(`/api/events/${eventId}/reporting-status`);
    expect(res.status).toBe(200);
    const towns: Town[] = res.body.townships;
    expect(towns.length).toBe(16); // every township of 锡林浩特市
    const mine = towns.find((t) => t.regionCode === XLHT_TOWN)!;
    expect(mine).toMatchObject({ stage: 'initial', reviewState: 'accepted', closed: false, counting: { id: first, stage: 'initial' } });
    // Filed just now: inside the window of the last daily 09:00 due time, and the 初报 is in.
    expect(mine.overdue).toEqual({ initialOverdue: false, updateOverdue: false, finalOverdue: false });
    const silent = towns.find((t) => t.regionCode === XLHT_TOWN_2)!;
    expect(silent).toMatchObject({ reviewState: 'none', stage: null, overdue: { initialOverdue: true, updateOverdue: true } });
    expect(res.body.overdue.map((t: Town) => t.regionCode)).not.toContain(XLHT_TOWN);
    expect(res.body.overdue).toHaveLength(15);
    expect(res.body.counts).toMatchObject({ townships: 16, reported: 1, accepted: 1, overdue: 15 });
    expect(res.body.deadlines.initialDue).toBe(new Date(Date.parse(res.body.deadlines.initialDue)).toISOString());
    const list = await officer.get(`/api/events/${eventId}/overdue`);
    expect(list.body.overdue).toHaveLength(15);
  });

  it('a pending report shows as pending and still meets the deadline', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { startedAt: new Date(Date.now() - DAY).toISOString() });
    await submitOk(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', people(10));
    const mine = (await officer.get(`/api/events/${eventId}/reporting-status`)).body.townships.find((t: Town) => t.regionCode === XLHT_TOWN);
    expect(mine).toMatchObject({ reviewState: 'pending', counting: null });
    expect(mine.overdue.initialOverdue).toBe(false);
  });

  it('after stabilisation, a township without its 核报 is overdue once the working days run out; a 核报 closes it', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer, { startedAt: new Date(Date.now() - 30 * DAY).toISOString() });
    await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(10));
    await officer.patch(`/api/events/${eventId}`, { status: 'stabilised', stabilisedAt: new Date(Date.now() - 20 * DAY).toISOString() });
    let towns: Town[] = (await officer.get(`/api/events/${eventId}/reporting-status`)).body.townships;
    expect(towns.find((t) => t.regionCode === XLHT_TOWN)!.overdue).toEqual({ initialOverdue: false, updateOverdue: false, finalOverdue: true });
    await submitOk(reporter, eventId, XLHT_TOWN, 'final', people(10));
    towns = (await officer.get(`/api/events/${eventId}/reporting-status`)).body.townships;
    expect(towns.find((t) => t.regionCode === XLHT_TOWN)).toMatchObject({ closed: true, stage: 'final', overdue: { finalOverdue: false } });
  });

  it('a closed event owes nothing', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { startedAt: new Date(Date.now() - 3 * DAY).toISOString() });
    await officer.patch(`/api/events/${eventId}`, { status: 'closed' });
    const body = (await officer.get(`/api/events/${eventId}/reporting-status`)).body;
    expect(body).toMatchObject({ deadlines: null, overdue: [] });
  });

  it('a reporter sees their own township only', async () => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const body = (await (await f.login('reporter')).get(`/api/events/${eventId}/reporting-status`)).body;
    expect(body.regionCode).toBe(XLHT_TOWN);
    expect(body.townships.map((t: Town) => t.regionCode)).toEqual([XLHT_TOWN]);
  });
});
