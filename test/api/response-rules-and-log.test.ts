import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { accepted, newEvent, people, userAt, XLHT_TOWN } from '../support/reports';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

// A county plan in the style of domain.md §2 (one county's level II: 5–10 deaths; 1,200–2,000 relocated).
const COUNTY_TABLE = {
  name: '锡林浩特市自然灾害救助应急预案（测试）',
  source: '测试数据',
  thresholds: [
    { level: 1, indicator: 'deathsMissing', lower: 10, upper: null },
    { level: 2, indicator: 'deathsMissing', lower: 5, upper: 10 },
    { level: 3, indicator: 'deathsMissing', lower: 3, upper: 5 },
    { level: 4, indicator: 'deathsMissing', lower: 1, upper: 3 },
    { level: 2, indicator: 'relocatedNeedAid', lower: 1200, upper: 2000 },
  ],
};

describe('response-rule tables', () => {
  it('the national plan is reference data, with its source on each band', async () => {
    f = freshApp({ demo: false });
    const admin = await f.login('admin');
    const rules = await admin.get('/api/response-rules/1501');
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({ regionCode: '1501', definedAt: null, inherited: true, name: '国家自然灾害救助应急预案' });
    expect(rules.body.thresholds).toHaveLength(24);
    expect(rules.body.thresholds[0]).toMatchObject({ level: 1, indicator: 'deathsMissing', lower: 200, upper: null, unit: '人', source: expect.stringContaining('国办函〔2024〕11号') });
    const houses = rules.body.thresholds.find((t: { level: number; indicator: string }) => t.level === 2 && t.indicator === 'housesRooms');
    expect(houses.source).toContain('2016');
  });

  it('a county table overrides the national one for that county while its parent keeps its own', async () => {
    f = freshApp();
    const officer = await f.login('officer'); // 锡林郭勒盟: the demo league table governs it
    const put = await officer.put('/api/response-rules/152502', COUNTY_TABLE);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ regionCode: '152502', definedAt: '152502', inherited: false });
    const eventId = await newEvent(officer, { regionCode: '1525' });
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(10, 0, { deaths: 6 }));

    const county = (await officer.get(`/api/events/${eventId}/assessment?regionCode=152502`)).body;
    expect(county).toMatchObject({ level: 2, rules: { regionCode: '152502', name: COUNTY_TABLE.name } });
    expect(county.reasons).toEqual([expect.objectContaining({ indicator: 'deathsMissing', value: 6, level: 2, lower: 5, upper: 10 })]);
    const league = (await officer.get(`/api/events/${eventId}/assessment?regionCode=1525`)).body;
    expect(league).toMatchObject({ level: 3, rules: { regionCode: '1525' } }); // demo league table: 6 deaths is in 5–7, level III
    expect(league.level).not.toBe(county.level);
    const province = (await officer.get(`/api/events/${eventId}/assessment?regionCode=15`)).status;
    expect(province).toBe(403); // outside the league officer's area
    const nm = (await (await f.login('officer_nm')).get(`/api/events/${eventId}/assessment?regionCode=15`)).body;
    expect(nm).toMatchObject({ level: null, rules: { regionCode: null } }); // 6 deaths: nothing under the national plan
    // A sibling county without a table of its own inherits the league's.
    expect((await officer.get('/api/response-rules/152522')).body).toMatchObject({ definedAt: '1525', inherited: true });
  });

  it('is set by an officer above the region or an admin, never by the region itself or a reporter', async () => {
    f = freshApp();
    expect((await (await f.login('officer_xlht')).put('/api/response-rules/152502', COUNTY_TABLE)).status).toBe(403);
    expect((await (await f.login('reporter')).put('/api/response-rules/152502', COUNTY_TABLE)).status).toBe(403);
    expect((await (await f.login('officer')).put('/api/response-rules/1501', COUNTY_TABLE)).status).toBe(403);
    expect((await (await f.login('admin')).put('/api/response-rules/15', COUNTY_TABLE)).status).toBe(200);
  });

  it('refuses bands that overlap or do not climb with the level, and a second band for one level', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    const overlap = await officer.put('/api/response-rules/152502', { name: 'x', thresholds: [
      { level: 4, indicator: 'deathsMissing', lower: 1, upper: 6 }, { level: 3, indicator: 'deathsMissing', lower: 5, upper: null },
    ] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.details[0].path).toBe('thresholds.deathsMissing');
    const inverted = await officer.put('/api/response-rules/152502', { name: 'x', thresholds: [
      { level: 4, indicator: 'deathsMissing', lower: 10, upper: null }, { level: 3, indicator: 'deathsMissing', lower: 5, upper: 10 },
    ] });
    expect(inverted.status).toBe(400);
    const twice = await officer.put('/api/response-rules/152502', { name: 'x', thresholds: [
      { level: 4, indicator: 'deathsMissing', lower: 1, upper: 3 }, { level: 4, indicator: 'deathsMissing', lower: 3, upper: 5 },
    ] });
    expect(twice.status).toBe(400);
    expect((await officer.put('/api/response-rules/152502', { name: 'x', thresholds: [{ level: 4, indicator: 'deathsMissing', lower: 5, upper: 5 }] })).status).toBe(400);
  });

  it('removing a region\'s table makes it inherit again', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    await officer.put('/api/response-rules/152502', COUNTY_TABLE);
    const del = await f.call('DELETE', '/api/response-rules/152502', officer.token);
    expect(del.status).toBe(200);
    expect((await officer.get('/api/response-rules/152502')).body).toMatchObject({ definedAt: '1525', inherited: true });
  });
});

describe('the response log', () => {
  async function scenario() {
    f = freshApp();
    const officer = await f.login('officer');
    const eventId = await newEvent(officer, { regionCode: '1525', affectedRegionCodes: ['152502'] });
    // Demo league table: relocated + need aid 5,000–10,000 is level III.
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'initial', people(3000, 3000));
    const act = (body: Record<string, unknown>) => officer.post(`/api/events/${eventId}/responses`, { regionCode: '1525', note: '研判决定', ...body });
    return { officer, eventId, act };
  }

  it('records who did what, when, with the assessment frozen at that moment', async () => {
    const { officer, eventId, act } = await scenario();
    const started = await act({ action: 'activate', level: 3, note: '启动盟级 III 级响应' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ action: 'activate', level: 3, activeLevel: 3, actor: 'officer', note: '启动盟级 III 级响应', regionCode: '1525' });
    expect(started.body.assessment).toMatchObject({ level: 3, values: { relocatedNeedAid: 6000 } });
    // Later figures change the live assessment, not the frozen copy.
    await accepted(await f.login('reporter'), officer, eventId, XLHT_TOWN, 'update', people(12000, 12000));
    const log = (await officer.get(`/api/events/${eventId}/responses`)).body.responses;
    expect(log).toHaveLength(1);
    expect(log[0].assessment.values.relocatedNeedAid).toBe(6000);
    const live = (await officer.get(`/api/events/${eventId}/assessment?regionCode=1525`)).body;
    expect(live).toMatchObject({ level: 1, activeLevel: 3, suggestion: { action: 'raise', level: 1 } });
    expect(live.suggestion.text.zh).toMatch(/^应提升至 I 级响应/);
  });

  it('raises only above, lowers only below, terminates only when active; anything else is 409', async () => {
    const { act } = await scenario();
    const expect409 = async (body: Record<string, unknown>, reason: string) => {
      const res = await act(body);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason } });
    };
    await expect409({ action: 'raise', level: 2 }, 'NOT_ACTIVE');
    await expect409({ action: 'terminate' }, 'NOT_ACTIVE');
    expect((await act({ action: 'activate', level: 3 })).status).toBe(201);
    await expect409({ action: 'activate', level: 2 }, 'ALREADY_ACTIVE');
    await expect409({ action: 'raise', level: 3 }, 'NOT_HIGHER');
    await expect409({ action: 'raise', level: 4 }, 'NOT_HIGHER');
    await expect409({ action: 'lower', level: 3 }, 'NOT_LOWER');
    await expect409({ action: 'lower', level: 2 }, 'NOT_LOWER');
    expect((await act({ action: 'raise', level: 2 })).body.activeLevel).toBe(2);
    expect((await act({ action: 'lower', level: 4 })).body.activeLevel).toBe(4);
    expect((await act({ action: 'terminate' })).body.activeLevel).toBeNull();
    expect((await act({ action: 'activate', level: 4 })).status).toBe(201);
  });

  it('needs a level to activate and a note always', async () => {
    const { act } = await scenario();
    expect((await act({ action: 'activate' })).status).toBe(400);
    expect((await act({ action: 'activate', level: 5 })).status).toBe(400);
    expect((await act({ action: 'activate', level: 3, note: '' })).status).toBe(400);
  });

  it('keeps each region\'s response separate and refuses regions off the event\'s line', async () => {
    const { officer, eventId, act } = await scenario();
    await act({ action: 'activate', level: 3 });
    const county = await officer.post(`/api/events/${eventId}/responses`, { regionCode: '152502', action: 'activate', level: 4, note: '市级' });
    expect(county.status).toBe(201);
    const off = await officer.post(`/api/events/${eventId}/responses`, { regionCode: '152522', action: 'activate', level: 4, note: '阿巴嘎旗' });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('OUTSIDE_EVENT_AREA');
    expect((await (await f.login('officer_xlht')).post(`/api/events/${eventId}/responses`, { regionCode: '1525', action: 'terminate', note: 'x' })).status).toBe(403);
    expect((await (await f.login('reporter')).post(`/api/events/${eventId}/responses`, { regionCode: '152502', action: 'terminate', note: 'x' })).status).toBe(403);
    const timeline = (await (await f.login('officer_xlht')).get(`/api/events/${eventId}/responses`)).body.responses;
    expect(timeline.map((r: { regionCode: string }) => r.regionCode)).toEqual(['1525', '152502']);
  });

  it('is append-only in the database', async () => {
    const { act } = await scenario();
    await act({ action: 'activate', level: 3 });
    expect(() => f.db.$client.prepare('UPDATE responses SET level = 1').run()).toThrow(/append-only/);
    expect(() => f.db.$client.prepare('DELETE FROM responses').run()).toThrow(/append-only/);
  });

  it('a response POST with the same Idempotency-Key is recorded once', async () => {
    const { officer, eventId } = await scenario();
    const body = { regionCode: '1525', action: 'activate', level: 3, note: '启动' };
    const a = await officer.post(`/api/events/${eventId}/responses`, body, { 'Idempotency-Key': 'resp-1' });
    const b = await officer.post(`/api/events/${eventId}/responses`, body, { 'Idempotency-Key': 'resp-1' });
    expect(b.body).toEqual(a.body);
    expect((await officer.get(`/api/events/${eventId}/responses`)).body.responses).toHaveLength(1);
  });

  it('a county officer reads the assessment of their own county by default; an officer off the event\'s area reads nothing', async () => {
    const { eventId } = await scenario();
    const county = await f.login('officer_xlht');
    expect((await county.get(`/api/events/${eventId}/assessment`)).body.regionCode).toBe('152502');
    const other = await userAt(f, 'officer', '152522');
    expect((await other.get(`/api/events/${eventId}/assessment`)).status).toBe(403);
  });
});
