import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { drawSample } from '../../api/modules/recovery/spot-check';
import { countyOfficer, household, ledgerEntry, newId, V } from './recovery-fixtures';

describe('spot checks (抽查)', () => {
  const f = freshApp();
  let reporter: Client, county: Client, league: Client, auditor: Client, abaga: Client;
  beforeAll(async () => {
    const admin = await f.login('admin');
    [reporter, county, league, auditor] = await Promise.all(['reporter', 'officer_xlht', 'officer', 'auditor'].map((u) => f.login(u)));
    abaga = await countyOfficer(admin, f.login, '152522', 'abg_officer_s');
    // 阿巴嘎旗 has no demo cases, so its ledger here is exactly these 23.
    for (let i = 0; i < 23; i++) {
      const h = await household(abaga, { villageCode: V.abaga, idNumber: newId('152522') });
      await ledgerEntry(abaga, h.id);
    }
  });
  afterAll(() => f.close());

  it('the league draws at least 10 % of a county’s rebuild ledger, and records the seed', async () => {
    const res = await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed: '2026年第1次抽查' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'rebuild', countyCode: '152522', seed: '2026年第1次抽查', fraction: 0.1, populationSize: 23, sampleSize: 3, reproducible: true });
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items.map((i: { subjectId: number }) => i.subjectId)).toEqual(drawSample(res.body.population, 0.1, '2026年第1次抽查'));
  });

  it('the same seed over the same ledger draws the same households; another seed usually not', async () => {
    const a = await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed: 'reproduce-me' });
    const b = await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed: 'reproduce-me' });
    const ids = (r: typeof a) => r.body.items.map((i: { subjectId: number }) => i.subjectId);
    expect(ids(b)).toEqual(ids(a));
    const seeds = await Promise.all(['s1', 's2', 's3', 's4'].map((seed) => league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed })));
    expect(new Set(seeds.map((s) => ids(s).join(','))).size).toBeGreaterThan(1);
  });

  it('draws a random seed when none is given, and still records it', async () => {
    const res = await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522' });
    expect(res.body.seed).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the county being checked cannot draw its own sample; township staff and auditors cannot either', async () => {
    expect((await abaga.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522' })).status).toBe(403);
    expect((await reporter.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152502' })).status).toBe(403);
    expect((await auditor.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522' })).status).toBe(403);
    expect((await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152523' })).body.error.code).toBe('CONFLICT');
    expect((await league.post('/api/spot-checks', { kind: 'winter_roster', countyCode: '152522' })).status).toBe(400);
  });

  it('records confirmed and discrepancy results; a discrepancy needs a note', async () => {
    const check = (await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed: 'results' })).body;
    const [first, second] = check.items;
    expect((await league.patch(`/api/spot-checks/${check.id}/items/${first.id}`, { result: 'discrepancy' })).status).toBe(400);
    const ok = await league.patch(`/api/spot-checks/${check.id}/items/${first.id}`, { result: 'confirmed' });
    expect(ok.status).toBe(200);
    const bad = await league.patch(`/api/spot-checks/${check.id}/items/${second.id}`, { result: 'discrepancy', note: '入户核查：实际倒塌 2 间，台账记 3 间' });
    expect(bad.body.summary).toEqual({ pending: 1, confirmed: 1, discrepancy: 1 });
    expect((await abaga.patch(`/api/spot-checks/${check.id}/items/${first.id}`, { result: 'confirmed' })).status).toBe(403);
    expect((await league.patch(`/api/spot-checks/${check.id}/items/999999`, { result: 'confirmed' })).status).toBe(404);
  });

  it('auditors read the sample with its seed and population and can redraw it', async () => {
    const check = (await league.post('/api/spot-checks', { kind: 'rebuild', countyCode: '152522', seed: 'for-audit' })).body;
    const seen = await auditor.get(`/api/spot-checks/${check.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ seed: 'for-audit', reproducible: true });
    expect(drawSample(seen.body.population, seen.body.fraction, seen.body.seed)).toEqual(seen.body.items.map((i: { subjectId: number }) => i.subjectId));
    expect((await auditor.get('/api/spot-checks?regionCode=1525')).body.spotChecks.some((s: { id: number }) => s.id === check.id)).toBe(true);
    expect((await reporter.get(`/api/spot-checks/${check.id}`)).status).toBe(403);
    const audit = f.db.$client.prepare("SELECT after FROM audit_log WHERE action = 'recovery.spot_check.draw' AND entity_id = ?").get(String(check.id)) as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ seed: 'for-audit', sample: check.items.map((i: { subjectId: number }) => i.subjectId) });
  });

  it('draws 30 % of a winter roster for home visits (入户抽查)', async () => {
    const campaign = (await abaga.post('/api/winter-relief/campaigns', { countyCode: '152522', season: '2027-2028' })).body;
    const households = (await abaga.get('/api/households?regionCode=152522&limit=1000')).body.households.slice(0, 10);
    for (const h of households) {
      const r = await abaga.post('/api/winter-relief/roster', { campaignId: campaign.id, householdId: h.id, peopleNeedingAid: 1, needs: ['food'], moneyFen: 12_000, paymentMethod: 'one_card' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const res = await league.post('/api/spot-checks', { kind: 'winter_roster', countyCode: '152522', campaignId: campaign.id, seed: 'winter' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fraction: 0.3, populationSize: 10, sampleSize: 3 });
    expect((await league.post('/api/spot-checks', { kind: 'winter_roster', countyCode: '152502', campaignId: campaign.id })).status).toBe(400);
    void county;
  });
});
