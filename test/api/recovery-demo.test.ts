import { afterAll, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

describe('the Xilin Gol recovery demo', () => {
  const f = freshApp();
  afterAll(() => f.close());

  it('shows houses at every stage of the rebuild, with overdue steps, on the league board', async () => {
    const league = await f.login('officer');
    const board = (await league.get('/api/rebuild-cases/board?regionCode=1525')).body;
    const xl = board.counties.find((c: { countyCode: string }) => c.countyCode === '152502');
    expect(xl).toMatchObject({ movedIn: 1, completed: 1, started: 1, notStarted: 1, rejected: 1 });
    expect(xl.inReview).toBeGreaterThanOrEqual(5);
    expect(xl.overdue).toMatchObject({ ledger: 1, township_review: 1, county_review: 1 });
    expect(board.counties.find((c: { countyCode: string }) => c.countyCode === '152525')).toMatchObject({ movedIn: 1, started: 1 });
  });

  it('has a winter-spring roster with payments and one ID number on two banners’ rosters', async () => {
    const auditor = await f.login('auditor');
    const campaigns = (await auditor.get('/api/winter-relief/campaigns?regionCode=1525')).body.campaigns;
    expect(campaigns.map((c: { countyCode: string }) => c.countyCode).sort()).toEqual(['152502', '152522']);
    const abaga = campaigns.find((c: { countyCode: string }) => c.countyCode === '152522');
    const roster = (await auditor.get(`/api/winter-relief/roster?campaignId=${abaga.id}`)).body;
    expect(roster.rows[0]).toMatchObject({ duplicateStatus: 'flagged' });
    expect(roster.warnings.map((w: { kind: string }) => w.kind)).toContain('several_counties_same_season');
    const xl = campaigns.find((c: { countyCode: string }) => c.countyCode === '152502');
    expect(xl.roster.householdsPaid).toBe(2);
    const summary = (await auditor.get('/api/funds/summary?regionCode=1525')).body;
    expect(summary.rows.find((r: { countyCode: string; category: string }) => r.countyCode === '152502' && r.category === 'rebuild').disbursedFen).toBeGreaterThan(0);
  });

  it('lets the demo township staff see their households, masked', async () => {
    const reporter = await f.login('reporter');
    const list = (await reporter.get('/api/households')).body;
    expect(list.total).toBeGreaterThanOrEqual(8);
    expect(list.households.every((h: { idNumber: string }) => h.idNumber.includes('********'))).toBe(true);
    expect(list.households[0].priority).toBe(0);
  });
});
