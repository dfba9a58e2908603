import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { maskIdNumber } from '../../api/modules/recovery/id-number';
import { V, allocation, countyOfficer, daysAgo, household, newId } from './recovery-fixtures';

describe('winter-spring aid (冬春救助)', () => {
  const f = freshApp();
  let reporter: Client, county: Client, abaga: Client, keeper: Client, auditor: Client;
  let campaignId: number, abagaCampaignId: number;
  beforeAll(async () => {
    const admin = await f.login('admin');
    [reporter, county, keeper, auditor] = await Promise.all(['reporter', 'officer_xlht', 'keeper', 'auditor'].map((u) => f.login(u)));
    abaga = await countyOfficer(admin, f.login, '152522', 'abg_officer_w');
    // The demo data may already hold 2026-2027; these tests use their own season.
    const opened = await county.post('/api/winter-relief/campaigns', { countyCode: '152502', season: '2027-2028' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    campaignId = opened.body.id;
    abagaCampaignId = (await abaga.post('/api/winter-relief/campaigns', { countyCode: '152522', season: '2027-2028' })).body.id;
  });
  afterAll(() => f.close());

  const addRow = (who: Client, householdId: number, over: Record<string, unknown> = {}, campaign = campaignId) =>
    who.post('/api/winter-relief/roster', { campaignId: campaign, householdId, peopleNeedingAid: 3, needs: ['food', 'heating'], moneyFen: 36_000,
      goods: [{ item: '棉被', quantity: 2, valueFen: 30_000 }], paymentMethod: 'one_card', ...over });

  /** 户报 → notice that ended yesterday → 村评 → 乡审 → 县定. */
  async function decided(householdId: number, villageCode: string = V.home) {
    const row = await addRow(reporter, householdId);
    expect(row.status, JSON.stringify(row.body)).toBe(201);
    const notice = await reporter.post('/api/public-notices', { kind: 'winter_spring', villageCode, campaignId, noticeStart: daysAgo(9), noticeEnd: daysAgo(1) });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    for (const [who, s] of [[reporter, 'village_reviewed'], [reporter, 'township_checked'], [county, 'county_decided']] as const) {
      const res = await who.patch(`/api/winter-relief/roster/${row.body.row.id}`, { step: s });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return row.body.row.id as number;
  }

  it('opens one campaign per county and season, with the deadlines from the winter calendar', async () => {
    const c = (await county.get(`/api/winter-relief/campaigns/${campaignId}`)).body;
    expect(c).toMatchObject({ countyCode: '152502', season: '2027-2028', countyReportDue: '2027-10-15', prefectureReportDue: '2027-10-20',
      distributionFrom: '2027-12-01', distributionTo: '2028-05-31', perPersonFen: 12_000 });
    expect((await county.post('/api/winter-relief/campaigns', { countyCode: '152502', season: '2027-2028' })).body.error.code).toBe('ALREADY_EXISTS');
    expect((await reporter.post('/api/winter-relief/campaigns', { countyCode: '152502', season: '2028-2029' })).status).toBe(403);
    expect((await county.post('/api/winter-relief/campaigns', { countyCode: '152502', season: '2027-2029' })).status).toBe(400);
  });

  it('townships report their needs; the county reports them on time or late', async () => {
    const res = await reporter.post('/api/winter-relief/surveys', { campaignId, lines: [{ townshipCode: '152502200', foodPeople: 120, clothingPeople: 80, heatingPeople: 150 }] });
    expect(res.status).toBe(201);
    expect(res.body.totalNeeds).toEqual({ foodPeople: 120, clothingPeople: 80, heatingPeople: 150 });
    expect((await reporter.post('/api/winter-relief/surveys', { campaignId, lines: [{ townshipCode: '152502201', foodPeople: 1, clothingPeople: 1, heatingPeople: 1 }] })).status).toBe(403);
    expect((await county.post('/api/winter-relief/surveys', { campaignId, lines: [{ townshipCode: '152522100', foodPeople: 1, clothingPeople: 1, heatingPeople: 1 }] })).status).toBe(400);
    const reported = await county.post(`/api/winter-relief/campaigns/${campaignId}/report`, {});
    expect(reported.status).toBe(200);
    expect(reported.body.report).toMatchObject({ reportedAt: expect.any(String), late: false });
  });

  it('puts a household on the roster once, within its own county, never more people than it has', async () => {
    const h = await household(reporter, { size: 3 });
    const res = await addRow(reporter, h.id);
    expect(res.status).toBe(201);
    expect(res.body.row).toMatchObject({ step: 'reported', duplicateStatus: 'none', goodsValueFen: 30_000, household: { headName: '巴特尔' } });
    expect((await addRow(reporter, h.id)).body.error.code).toBe('ALREADY_EXISTS');
    expect((await addRow(reporter, (await household(reporter, { size: 2 })).id)).status).toBe(400);
    expect((await addRow(abaga, h.id, {}, abagaCampaignId)).status).toBe(403);
    const outside = await household(abaga, { villageCode: V.abaga, idNumber: newId('152522') });
    expect((await addRow(county, outside.id)).status).toBe(403);
    const league = await f.login('officer');
    expect((await addRow(league, outside.id)).body.error.code).toBe('CONFLICT');
  });

  it('goes 户报 → 村评 → 乡审 → 县定 one step at a time, 村评 only after the notice has run', async () => {
    const h = await household(reporter, { villageCode: V.home2 });
    const row = (await addRow(reporter, h.id)).body.row;
    const early = await reporter.patch(`/api/winter-relief/roster/${row.id}`, { step: 'village_reviewed' });
    expect(early.body.error.code).toBe('NOTICE_TOO_SHORT');
    expect((await reporter.patch(`/api/winter-relief/roster/${row.id}`, { step: 'township_checked' })).body.error.code).toBe('INVALID_TRANSITION');
    const notice = await reporter.post('/api/public-notices', { kind: 'winter_spring', villageCode: V.home2, campaignId, noticeStart: daysAgo(8), noticeEnd: daysAgo(1) });
    expect(notice.status).toBe(201);
    expect(notice.body.entries.find((e: { subjectId: number }) => e.subjectId === row.id)).toMatchObject({ idNumberMasked: h.idNumber, amountFen: 36_000 });
    expect((await reporter.patch(`/api/winter-relief/roster/${row.id}`, { step: 'village_reviewed' })).status).toBe(200);
    expect((await reporter.patch(`/api/winter-relief/roster/${row.id}`, { step: 'township_checked' })).status).toBe(200);
    expect((await reporter.patch(`/api/winter-relief/roster/${row.id}`, { step: 'county_decided' })).status).toBe(403);
    expect((await county.patch(`/api/winter-relief/roster/${row.id}`, { step: 'county_decided' })).body.step).toBe('county_decided');
    expect((await reporter.patch(`/api/winter-relief/roster/${row.id}`, { moneyFen: 1 })).body.error.code).toBe('INVALID_TRANSITION');
  });

  describe('duplicates across counties', () => {
    it('warns and flags when one ID number is on two counties’ rosters in a season, until the county clears it', async () => {
      const id = newId();
      const here = await household(reporter, { idNumber: id, villageCode: V.home });
      const there = (await abaga.post('/api/households', { headName: '巴特尔', idNumber: id, villageCode: V.abaga, size: 4 })).body.household;
      expect((await addRow(reporter, here.id)).body.warnings.filter((w: { kind: string }) => w.kind === 'several_counties_same_season')).toEqual([]);
      const second = await addRow(abaga, there.id, {}, abagaCampaignId);
      expect(second.status).toBe(201);
      expect(second.body.warnings).toContainEqual({ kind: 'several_counties_same_season', idNumberMasked: maskIdNumber(id),
        season: '2027-2028', countyCodes: ['152502', '152522'], householdIds: [here.id, there.id].sort((a, b) => a - b) });
      expect(JSON.stringify(second.body)).not.toContain(id);
      const roster = await county.get(`/api/winter-relief/roster?campaignId=${campaignId}`);
      const mine = roster.body.rows.find((r: { householdId: number }) => r.householdId === here.id);
      expect(mine.duplicateStatus).toBe('flagged');
      expect(mine.warnings.map((w: { kind: string }) => w.kind)).toContain('several_counties_same_season');
      // Flagged rows cannot be decided (or paid) until the county has looked.
      await reporter.post('/api/public-notices', { kind: 'winter_spring', villageCode: V.home, campaignId, noticeStart: daysAgo(9), noticeEnd: daysAgo(1) });
      await reporter.patch(`/api/winter-relief/roster/${mine.id}`, { step: 'village_reviewed' });
      await reporter.patch(`/api/winter-relief/roster/${mine.id}`, { step: 'township_checked' });
      expect((await county.patch(`/api/winter-relief/roster/${mine.id}`, { step: 'county_decided' })).body.error.code).toBe('DUPLICATE');
      expect((await reporter.patch(`/api/winter-relief/roster/${mine.id}`, { duplicateReview: { decision: 'cleared', note: 'x' } })).status).toBe(403);
      const cleared = await county.patch(`/api/winter-relief/roster/${mine.id}`, { duplicateReview: { decision: 'cleared', note: '已与阿巴嘎旗核实，冬季在本市，阿巴嘎旗移除' } });
      expect(cleared.body.duplicateStatus).toBe('cleared');
      const theirs = (await abaga.get(`/api/winter-relief/roster?campaignId=${abagaCampaignId}`)).body.rows.find((r: { householdId: number }) => r.householdId === there.id);
      expect((await abaga.patch(`/api/winter-relief/roster/${theirs.id}`, { duplicateReview: { decision: 'removed', note: '在锡林浩特市领取' } })).body.step).toBe('removed');
      expect((await county.patch(`/api/winter-relief/roster/${mine.id}`, { step: 'county_decided' })).status).toBe(200);
    });
  });

  describe('distributions', () => {
    it('pays the roster money once per household and season, only after 县定', async () => {
      const money = await allocation(county, { category: 'winter_spring' });
      const h = await household(reporter);
      const early = await addRow(reporter, h.id);
      expect((await reporter.post('/api/winter-relief/distributions', { kind: 'money', rosterRowId: early.body.row.id, allocationId: money.id, paidAt: daysAgo(0) })).body.error.code).toBe('INVALID_TRANSITION');
      const rowId = (await (async () => {
        const notice = await reporter.post('/api/public-notices', { kind: 'winter_spring', villageCode: V.home, campaignId, noticeStart: daysAgo(9), noticeEnd: daysAgo(1) });
        expect(notice.status).toBe(201);
        for (const [who, s] of [[reporter, 'village_reviewed'], [reporter, 'township_checked'], [county, 'county_decided']] as const) {
          expect((await who.patch(`/api/winter-relief/roster/${early.body.row.id}`, { step: s })).status).toBe(200);
        }
        return early.body.row.id as number;
      })());
      const paid = await reporter.post('/api/winter-relief/distributions', { kind: 'money', rosterRowId: rowId, allocationId: money.id, paidAt: daysAgo(0) });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      expect(paid.body.distribution).toMatchObject({ kind: 'money', amountFen: 36_000, paymentId: expect.any(Number) });
      const twice = await reporter.post('/api/winter-relief/distributions', { kind: 'money', rosterRowId: rowId, allocationId: money.id, paidAt: daysAgo(0) });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'DUPLICATE_PAYMENT', details: { householdId: h.id, category: 'winter_spring', season: '2027-2028' } });
      expect((await auditor.post('/api/winter-relief/distributions', { kind: 'money', rosterRowId: rowId, allocationId: money.id, paidAt: daysAgo(0) })).status).toBe(403);
    });

    it('goods leave the depot through the stock ledger, and nothing is recorded when stock is short', async () => {
      const rowId = await decided((await household(reporter)).id);
      const depot = (await keeper.get('/api/depots')).body.depots.find((d: { code: string }) => d.code === 'XL-01');
      const quilt = (await keeper.get('/api/items')).body.items.find((i: { code: string }) => i.code === 'QUILT');
      const balance = async () => (await keeper.get(`/api/stock?depotId=${depot.id}&itemId=${quilt.id}`)).body.balances[0]?.quantity ?? 0;
      const before = await balance();
      const body = { kind: 'goods', rosterRowId: rowId, depotId: depot.id, itemId: quilt.id, quantity: 2, valueFen: 30_000, distributedAt: daysAgo(0) };
      expect((await reporter.post('/api/winter-relief/distributions', body)).status).toBe(403);
      const given = await keeper.post('/api/winter-relief/distributions', body);
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      expect(given.body.distribution).toMatchObject({ kind: 'goods', quantity: 2, stockPostingId: expect.any(String) });
      expect(await balance()).toBe(before - 2);
      const movements = (await keeper.get(`/api/stock/movements?depotId=${depot.id}&itemId=${quilt.id}`)).body.movements;
      expect(movements[0]).toMatchObject({ kind: 'issue', quantity: -2, toRegionCode: V.home });
      const tooMany = await keeper.post('/api/winter-relief/distributions', { ...body, quantity: before + 1 });
      expect(tooMany.status).toBe(409);
      expect(tooMany.body.error.code).toBe('INSUFFICIENT_STOCK');
      expect(await balance()).toBe(before - 2);
      const row = (await county.get(`/api/winter-relief/roster?campaignId=${campaignId}`)).body.rows.find((r: { id: number }) => r.id === rowId);
      expect(row.distributions).toHaveLength(1);
    });
  });

  it('township staff see only their own township’s rows; auditors read the whole roster', async () => {
    const other = await household(county, { villageCode: V.otherTownship });
    expect((await addRow(county, other.id)).status).toBe(201);
    const mine = (await reporter.get(`/api/winter-relief/roster?campaignId=${campaignId}`)).body.rows;
    expect(mine.every((r: { townshipCode: string }) => r.townshipCode === '152502200')).toBe(true);
    const all = (await auditor.get(`/api/winter-relief/roster?campaignId=${campaignId}`)).body.rows;
    expect(all.some((r: { townshipCode: string }) => r.townshipCode === '152502201')).toBe(true);
  });
});
