import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accept, newEvent, people, submit, submitOk, userAt, XLHT_TOWN, XLHT_TOWN_2 } from '../support/reports';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('submitting a township damage report', () => {
  it('stores a consistent report as submitted, and the township sees it', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    const res = await submit(reporter, eventId, XLHT_TOWN, 'initial', people(40, 60, { affected: 300, livestockDeaths: 120 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), status: 'submitted' });
    const list = await reporter.get(`/api/events/${eventId}/reports`);
    expect(list.body.reports).toHaveLength(1);
    expect(list.body.reports[0]).toMatchObject({ regionCode: XLHT_TOWN, stage: 'initial', status: 'submitted', submittedBy: 'reporter' });
    expect(list.body.reports[0].figures).toMatchObject({ affected: 300, relocated: 40, livestockDeaths: 120, deaths: 0 });
  });

  it.each([
    ['CROP_FAILED_LE_DAMAGED', { cropAffectedHa: 100, cropDamagedHa: 50, cropFailedHa: 60 }],
    ['CROP_DAMAGED_LE_AFFECTED', { cropAffectedHa: 100, cropDamagedHa: 101 }],
    ['AFFECTED_GE_RELOCATED', { affected: 10, relocated: 11, relocatedCentralized: 11 }],
    ['AFFECTED_GE_NEED_AID', { affected: 10, needEmergencyAid: 11 }],
    ['RELOCATED_SPLIT', { affected: 100, relocated: 50, relocatedCentralized: 20, relocatedDispersed: 20 }],
    ['INJURED_GE_SERIOUS', { injured: 2, seriouslyInjured: 3 }],
    ['COLLAPSED_HOUSEHOLDS_LE_ROOMS', { collapsedRooms: 4, collapsedHouseholds: 5 }],
    ['SEVERE_HOUSEHOLDS_LE_ROOMS', { severeRooms: 1, severeHouseholds: 2 }],
    ['DAMAGED_HOUSEHOLDS_LE_ROOMS', { damagedRooms: 0, damagedHouseholds: 1 }],
  ])('refuses figures that break %s, naming the rule', async (rule, figures) => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const res = await submit(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', figures);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INCONSISTENT_FIGURES');
    expect(res.body.error.details.rules).toEqual([rule]);
    expect(res.body.error.message).toContain(rule);
    expect(res.body.error.details.violations[0].zh).toBeTruthy();
  });

  it('refuses negative, fractional and unknown figures as invalid input', async () => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const reporter = await f.login('reporter');
    for (const figures of [{ deaths: -1 }, { affected: 1.5 }, { afected: 3 }] as Record<string, number>[]) {
      const res = await submit(reporter, eventId, XLHT_TOWN, 'initial', figures);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('allows one 初报 per township; a second is refused, a returned one may be filed again', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    const first = await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(10));
    const second = await submit(reporter, eventId, XLHT_TOWN, 'initial', people(12));
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'STAGE_CONFLICT', details: { stage: 'initial', existingReportId: first } });
    await officer.post(`/api/reports/${first}/review`, { decision: 'return', note: '安置人数有误' });
    expect((await submit(reporter, eventId, XLHT_TOWN, 'initial', people(12))).status).toBe(201);
  });

  it('takes any number of 续报', async () => {
    f = freshApp();
    const reporter = await f.login('reporter');
    const eventId = await newEvent(await f.login('officer'));
    await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(10));
    for (const n of [12, 15, 20]) await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(n));
    expect((await reporter.get(`/api/events/${eventId}/reports`)).body.reports).toHaveLength(4);
  });

  it('a 核报 closes the township until an officer reopens it', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(10));
    await submitOk(reporter, eventId, XLHT_TOWN, 'final', people(10));
    const late = await submit(reporter, eventId, XLHT_TOWN, 'update', people(11));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'REPORTING_CLOSED', details: { reason: 'FINAL_FILED' } });
    // Other townships keep reporting.
    expect((await submit(await userAt(f, 'reporter', XLHT_TOWN_2), eventId, XLHT_TOWN_2, 'initial', people(3))).status).toBe(201);

    expect((await reporter.post(`/api/events/${eventId}/townships/${XLHT_TOWN}/reopen`, {})).status).toBe(403);
    const reopened = await officer.post(`/api/events/${eventId}/townships/${XLHT_TOWN}/reopen`, { reason: '核报数据需补充' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ closed: false });
    expect((await submit(reporter, eventId, XLHT_TOWN, 'update', people(11))).status).toBe(201);
    expect((await officer.post(`/api/events/${eventId}/townships/${XLHT_TOWN}/reopen`, {})).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('a returned 核报 reopens the township for the corrected one', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    const final = await submitOk(reporter, eventId, XLHT_TOWN, 'final', people(10));
    await officer.post(`/api/reports/${final}/review`, { decision: 'return', note: '请核实' });
    expect((await submit(reporter, eventId, XLHT_TOWN, 'final', people(9))).status).toBe(201);
  });

  it('asks for an explanation when deaths jump more than half or any figure falls since the last accepted report', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await accept(officer, await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(100, 0, { deaths: 2 })));
    const rise = await submit(reporter, eventId, XLHT_TOWN, 'update', people(100, 0, { deaths: 4 }));
    expect(rise.status).toBe(400);
    expect(rise.body.error.code).toBe('EXPLANATION_REQUIRED');
    expect(rise.body.error.details.jumps).toMatchObject([{ kind: 'rise', figure: 'deaths', previous: 2, next: 4 }]);
    const fall = await submit(reporter, eventId, XLHT_TOWN, 'update', people(80, 0, { deaths: 2 }));
    expect(fall.status).toBe(400);
    expect(fall.body.error.details.jumps.map((j: { figure: string }) => j.figure)).toEqual(['affected', 'relocated', 'relocatedCentralized']);
    // Exactly +50 % is not a sharp jump; with a written explanation the rest goes through.
    expect((await submit(reporter, eventId, XLHT_TOWN, 'update', people(100, 0, { deaths: 3 }))).status).toBe(201);
    expect((await submit(reporter, eventId, XLHT_TOWN, 'update', people(100, 0, { deaths: 4 }), { explanation: '搜救中又发现一名遇难者' })).status).toBe(201);
  });

  it('compares with the last accepted report, not a pending or returned one', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const eventId = await newEvent(officer);
    await accept(officer, await submitOk(reporter, eventId, XLHT_TOWN, 'initial', people(100)));
    const wrong = await submitOk(reporter, eventId, XLHT_TOWN, 'update', people(900, 0, { affected: 5000 }));
    await officer.post(`/api/reports/${wrong}/review`, { decision: 'return', note: '数字多写一个零' });
    // 90 < 100 accepted: a fall that needs a word, even though it is far below the returned 900.
    expect((await submit(reporter, eventId, XLHT_TOWN, 'update', people(90))).body.error.code).toBe('EXPLANATION_REQUIRED');
    expect((await submit(reporter, eventId, XLHT_TOWN, 'update', people(120))).status).toBe(201);
  });

  it('refuses a reporter outside the township, and keepers and auditors altogether', async () => {
    f = freshApp();
    const eventId = await newEvent(await f.login('officer'));
    const other = await submit(await f.login('reporter'), eventId, XLHT_TOWN_2, 'initial', people(1));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await submit(await f.login('keeper'), eventId, XLHT_TOWN, 'initial', people(1))).body.error.code).toBe('FORBIDDEN_ROLE');
    expect((await submit(await f.login('auditor'), eventId, XLHT_TOWN, 'initial', people(1))).status).toBe(403);
  });

  it('lets an officer above the township report for it, but only townships', async () => {
    f = freshApp();
    const officer = await f.login('officer_xlht');
    const eventId = await newEvent(officer);
    expect((await submit(officer, eventId, XLHT_TOWN_2, 'initial', people(5))).status).toBe(201);
    const county = await submit(officer, eventId, '152502', 'initial', people(5));
    expect(county.status).toBe(400);
    expect((await submit(officer, eventId, '152502999', 'initial', people(5))).status).toBe(404);
  });

  it('refuses a township outside the event\'s area until the officer adds it', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152522'] });
    const res = await submit(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', people(5));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OUTSIDE_EVENT_AREA');
    expect((await officer.patch(`/api/events/${eventId}`, { affectedRegionCodes: ['152522', '152502'] })).status).toBe(200);
    expect((await submit(await f.login('reporter'), eventId, XLHT_TOWN, 'initial', people(5))).status).toBe(201);
  });

  it('the same Idempotency-Key twice makes one report and answers identically', async () => {
    f = freshApp();
    const reporter = await f.login('reporter');
    const eventId = await newEvent(await f.login('officer'));
    const key = { 'Idempotency-Key': 'offline-queue-7f3a' };
    const a = await submit(reporter, eventId, XLHT_TOWN, 'initial', people(7), {}, key);
    const b = await submit(reporter, eventId, XLHT_TOWN, 'initial', people(7), {}, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect((await reporter.get(`/api/events/${eventId}/reports`)).body.reports).toHaveLength(1);
  });

  it('refuses reports to a closed event and to an event merged into another', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const reporter = await f.login('reporter');
    const closed = await newEvent(officer);
    await officer.patch(`/api/events/${closed}`, { status: 'closed' });
    expect((await submit(reporter, closed, XLHT_TOWN, 'initial', people(1))).body.error).toMatchObject({ code: 'REPORTING_CLOSED', details: { reason: 'EVENT_CLOSED' } });
    const a = await newEvent(officer, { hazard: 'flood' });
    const b = await newEvent(officer, { hazard: 'flood' });
    await officer.post(`/api/events/${b}/merge`, { intoId: a });
    expect((await submit(reporter, b, XLHT_TOWN, 'initial', people(1))).body.error).toMatchObject({ code: 'REPORTING_CLOSED', details: { reason: 'EVENT_MERGED', mergedIntoId: a } });
  });

  it('answers 404 for an unknown event', async () => {
    f = freshApp();
    const res = await submit(await f.login('reporter'), 999_999, XLHT_TOWN, 'initial', people(1));
    expect(res.status).toBe(404);
  });
});
