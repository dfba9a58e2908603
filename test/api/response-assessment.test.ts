import { afterEach, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { accepted, HOHHOT_COUNTY, HOHHOT_TOWN, newEvent, people, userAt, type Figures } from '../support/reports';
import national from '../../db/seed/response-rules-national.json';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

const band = (indicator: string, level: number) => national.thresholds.find((t) => t.indicator === indicator && t.level === level)!;

/** One event per case in 新城区 (national plan), one accepted report, then the county's assessment. */
async function assessCounty(officer: Client, reporter: Client, figures: Figures) {
  const eventId = await newEvent(officer, { regionCode: HOHHOT_COUNTY });
  await accepted(reporter, officer, eventId, HOHHOT_TOWN, 'initial', figures);
  const res = await officer.get(`/api/events/${eventId}/assessment?regionCode=${HOHHOT_COUNTY}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function setup() {
  f = freshApp();
  const officer = await userAt(f, 'officer', '1501');
  const reporter = await userAt(f, 'reporter', HOHHOT_TOWN);
  return { officer, reporter };
}

function expectLevel(a: { level: number | null; reasons: { indicator: string }[] }, indicator: string, level: number | null) {
  expect(a.level).toBe(level);
  const reason = a.reasons.find((r) => r.indicator === indicator);
  if (level === null) return expect(reason).toBeUndefined();
  const row = band(indicator, level);
  expect(reason).toMatchObject({ indicator, level, lower: row.lower, upper: row.upper, unit: row.unit });
}

describe('response level assessment through the API, national plan', () => {
  it('deaths + missing at every band edge: 19/20/49/50/99/100/199/200', async () => {
    const { officer, reporter } = await setup();
    for (const [n, level] of [[19, null], [20, 4], [49, 4], [50, 3], [99, 3], [100, 2], [199, 2], [200, 1]] as const) {
      const a = await assessCounty(officer, reporter, { deaths: n - 1, missing: 1 });
      expectLevel(a, 'deathsMissing', level);
      if (level) expect(a.reasons.find((r: { indicator: string }) => r.indicator === 'deathsMissing').value).toBe(n);
    }
  });

  it('relocated + needing emergency aid at 99,999/100,000 and 1,999,999/2,000,000', async () => {
    const { officer, reporter } = await setup();
    for (const [n, level] of [[99_999, null], [100_000, 4], [1_999_999, 2], [2_000_000, 1]] as const) {
      expectLevel(await assessCounty(officer, reporter, people(1_000, n - 1_000)), 'relocatedNeedAid', level);
    }
  });

  it('houses at 9,999/10,000 rooms, 2,999/3,000 households, 300,000 rooms and 100,000 households', async () => {
    const { officer, reporter } = await setup();
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 4_000, severeRooms: 5_999 }), 'housesRooms', null);
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 4_000, severeRooms: 6_000 }), 'housesRooms', 4);
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 3_000, collapsedHouseholds: 1_000, severeRooms: 3_000, severeHouseholds: 1_999 }), 'housesHouseholds', null);
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 3_000, collapsedHouseholds: 1_000, severeRooms: 3_000, severeHouseholds: 2_000 }), 'housesHouseholds', 4);
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 150_000, severeRooms: 150_000 }), 'housesRooms', 1);
    expectLevel(await assessCounty(officer, reporter, { collapsedRooms: 200_000, collapsedHouseholds: 50_000, severeRooms: 50_000, severeHouseholds: 50_000 }), 'housesHouseholds', 1);
  });

  it('drought by share of the agri-pastoral population (15/20/25/30 %) and by people (1,000,000/4,000,000)', async () => {
    const { officer, reporter } = await setup();
    const admin = await f.login('admin');
    expect((await admin.patch(`/api/regions/${HOHHOT_COUNTY}`, { agriPopulation: 1_000_000 })).status).toBe(200);
    const drought = (n: number) => ({ affected: n, droughtNeedAid: n });
    for (const [n, level] of [[149_999, null], [150_000, 4], [199_999, 4], [200_000, 3], [250_000, 2], [299_999, 2], [300_000, 1]] as const) {
      const a = await assessCounty(officer, reporter, drought(n));
      expectLevel(a, 'droughtPercent', level);
      expect(a.values.droughtPercent).toBe(n / 10_000);
    }
    await admin.patch(`/api/regions/${HOHHOT_COUNTY}`, { agriPopulation: 100_000_000 }); // keep the percentage below its bands
    expectLevel(await assessCounty(officer, reporter, drought(999_999)), 'droughtPeople', null);
    expectLevel(await assessCounty(officer, reporter, drought(1_000_000)), 'droughtPeople', 4);
    expectLevel(await assessCounty(officer, reporter, drought(4_000_000)), 'droughtPeople', 1);
  });

  it('any one indicator suffices and the highest level wins; every crossing indicator is explained', async () => {
    const { officer, reporter } = await setup();
    const a = await assessCounty(officer, reporter, people(100_000, 400_000, { deaths: 120, collapsedRooms: 10_000 }));
    expect(a.level).toBe(2);
    expect(a.reasons.map((r: { indicator: string; level: number }) => [r.indicator, r.level])).toEqual([
      ['deathsMissing', 2], ['relocatedNeedAid', 3], ['housesRooms', 4],
    ]);
    expect(a.reasons[0].text.zh).toBe('死亡和失踪 120 人 ≥ 100');
    expect(a.rules).toMatchObject({ regionCode: null, name: '国家自然灾害救助应急预案' });
    expect(a.suggestion).toMatchObject({ action: 'activate', level: 2, text: { zh: '应启动 II 级响应：死亡和失踪 120 人 ≥ 100' } });
  });

  it('answers level null, no reasons and no suggestion below every band', async () => {
    const { officer, reporter } = await setup();
    const a = await assessCounty(officer, reporter, people(10));
    expect(a).toMatchObject({ level: null, reasons: [], suggestion: null, activeLevel: null });
  });
});
