import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import {
  V, allocation, daysAgo, household, ledgerEntry, newId, step, toCountyApproved, toVillageApproved,
} from './recovery-fixtures';

describe('housing rebuild cases', () => {
  const f = freshApp();
  let reporter: Client, county: Client, league: Client, auditor: Client;
  beforeAll(async () => {
    [reporter, county, league, auditor] = await Promise.all(['reporter', 'officer_xlht', 'officer', 'auditor'].map((u) => f.login(u)));
  });
  afterAll(() => f.close());

  it('goes from the inspection ledger to 入住, each step recorded with its date', async () => {
    const h = await household(reporter);
    const c = await ledgerEntry(reporter, h.id);
    expect(c.status).toBe('inspected');
    expect((await step(reporter, c.id, { action: 'apply', at: daysAgo(30) })).status).toBe('applied');
    const notice = await step(reporter, c.id, { action: 'post_notice', at: daysAgo(29), noticeStart: daysAgo(29), noticeEnd: daysAgo(22) });
    expect(notice).toMatchObject({ status: 'notice', noticeStart: expect.any(String), noticeEnd: expect.any(String) });
    expect((await step(reporter, c.id, { action: 'village_approve', at: daysAgo(21) })).status).toBe('village_approved');
    expect((await step(reporter, c.id, { action: 'township_approve', at: daysAgo(15) })).status).toBe('township_reviewed');
    const approved = await step(county, c.id, { action: 'county_approve', at: daysAgo(10) });
    expect(approved).toMatchObject({ status: 'county_approved', progress: 'not_started', subsidyFen: 1_500_000 });
    expect((await step(reporter, c.id, { action: 'start_construction', at: daysAgo(8) })).progress).toBe('started');
    expect((await step(reporter, c.id, { action: 'complete_construction', at: daysAgo(2) })).progress).toBe('completed');
    expect((await step(reporter, c.id, { action: 'move_in' })).progress).toBe('moved_in');
    const detail = await county.get(`/api/rebuild-cases/${c.id}`);
    expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual([
      'inspect', 'apply', 'post_notice', 'village_approve', 'township_approve', 'county_approve', 'start_construction', 'complete_construction', 'move_in']);
    expect(detail.body.nextActions).toEqual([]);
    expect(detail.body.overdue).toEqual([]);
  });

  it('refuses a step out of order with 409 INVALID_TRANSITION', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    const res = await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'township_approve' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'inspected', action: 'township_approve' } });
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'move_in' })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses a notice shorter than 7 full days when it is posted', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    await step(reporter, c.id, { action: 'apply', at: daysAgo(20) });
    const start = daysAgo(19);
    const sixDays23h = new Date(Date.parse(start) + (7 * 24 - 1) * 3600_000).toISOString();
    const res = await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'post_notice', noticeStart: start, noticeEnd: sixDays23h });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOTICE_TOO_SHORT');
  });

  it('refuses the village approval before the notice has run its 7 days', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    await step(reporter, c.id, { action: 'apply', at: daysAgo(3) });
    await step(reporter, c.id, { action: 'post_notice', noticeStart: daysAgo(2), noticeEnd: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const res = await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'village_approve' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NOTICE_TOO_SHORT', message: '公示尚未结束' });
    expect(res.body.error.details.minDays).toBe(7);
  });

  it('keeps the case on notice until every objection is resolved', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    await step(reporter, c.id, { action: 'apply', at: daysAgo(12) });
    await step(reporter, c.id, { action: 'post_notice', noticeStart: daysAgo(11), noticeEnd: daysAgo(2) });
    const objected = await step(reporter, c.id, { action: 'record_objection', objection: '村民反映该户另有一处住房' });
    expect(objected).toMatchObject({ status: 'notice', openObjections: 1, nextActions: expect.arrayContaining(['resolve_objection']) });
    const refused = await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'village_approve' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OBJECTIONS_OPEN', details: { open: 1 } });
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'resolve_objection', objectionIndex: 3, resolution: 'x' })).body.error.code).toBe('INVALID_TRANSITION');
    await step(reporter, c.id, { action: 'resolve_objection', objectionIndex: 0, resolution: '经核实另一处为棚圈，不属住房' });
    expect((await step(reporter, c.id, { action: 'village_approve' })).status).toBe('village_approved');
    const detail = await county.get(`/api/rebuild-cases/${c.id}`);
    expect(detail.body.objections[0]).toMatchObject({ text: '村民反映该户另有一处住房', resolution: '经核实另一处为棚圈，不属住房' });
  });

  it('lets the township reject, and then refuses every further step', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    await toVillageApproved(reporter, c.id);
    const rejected = await step(reporter, c.id, { action: 'reject', reason: '乡镇核查：非唯一住房' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectedAtStep: 'township', rejectionReason: '乡镇核查：非唯一住房' });
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'township_approve' })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('county approval and a county-level rejection are for officers of the county or above', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    await toVillageApproved(reporter, c.id);
    await step(reporter, c.id, { action: 'township_approve' });
    const byTownship = await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'county_approve' });
    expect(byTownship.status).toBe(403);
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'reject', reason: 'x' })).status).toBe(403);
    const caseView = await reporter.get(`/api/rebuild-cases/${c.id}`);
    expect(caseView.body.nextActions).toEqual([]);
    expect((await county.get(`/api/rebuild-cases/${c.id}`)).body.nextActions).toEqual(['county_approve', 'reject']);
    expect((await step(county, c.id, { action: 'reject', reason: '县审批：超出补助范围' })).rejectedAtStep).toBe('county');
  });

  it('auditors read cases and may take no step', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    expect((await auditor.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'apply' })).status).toBe(403);
    const seen = await auditor.get(`/api/rebuild-cases/${c.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.nextActions).toEqual([]);
  });

  it('refuses a step dated in the future, or before the step before it', async () => {
    const c = await ledgerEntry(reporter, (await household(reporter)).id);
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'apply', at: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(400);
    expect((await reporter.post(`/api/rebuild-cases/${c.id}/advance`, { action: 'apply', at: daysAgo(39) })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('files only the family sole home, once per disaster', async () => {
    const h = await household(reporter);
    const notSole = await reporter.post('/api/rebuild-cases', { householdId: h.id, disasterAt: daysAgo(10), inspectedAt: daysAgo(9), damageClass: 'severe', rooms: 2, soleHome: false });
    expect(notSole.status).toBe(400);
    await ledgerEntry(reporter, h.id);
    const again = await reporter.post('/api/rebuild-cases', { householdId: h.id, disasterAt: daysAgo(40), inspectedAt: daysAgo(30), damageClass: 'severe', rooms: 2, soleHome: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE');
    expect((await reporter.post('/api/rebuild-cases', { householdId: 999999, disasterAt: daysAgo(10), inspectedAt: daysAgo(9), damageClass: 'severe', rooms: 2, soleHome: true })).status).toBe(404);
  });

  describe('subsidy at county approval, from the county standards', () => {
    const approve = async (flags: string[], damageClass: string, rooms: number) => {
      const h = await household(reporter, { flags });
      const c = await ledgerEntry(reporter, h.id, { damageClass, rooms });
      return toCountyApproved(reporter, county, c.id);
    };
    it('pays per room for the damage class', async () => {
      expect((await approve(['general'], 'collapsed', 3)).subsidyFen).toBe(1_500_000);
      expect((await approve(['general'], 'general', 2)).subsidyFen).toBe(400_000);
    });
    it('caps the base per household, and adds top-ups for priority groups on top of the cap', async () => {
      const capped = await approve(['general'], 'collapsed', 6);
      expect(capped.subsidyFen).toBe(2_000_000);
      expect(capped.subsidyBreakdown.map((l: { item: string }) => l.item)).toEqual(['per_room', 'household_cap']);
      expect((await approve(['dibao'], 'collapsed', 6)).subsidyFen).toBe(2_500_000);
      expect((await approve(['disabled'], 'severe', 2)).subsidyFen).toBe(1_100_000);
      expect((await approve(['tekun', 'disabled'], 'collapsed', 2)).subsidyFen).toBe(1_000_000 + 500_000 + 100_000);
    });
    it('uses the county own rates once the county sets them', async () => {
      const put = await county.put('/api/recovery-standards/152502', { kind: 'rebuild', source: '锡林浩特市倒损住房恢复重建补助标准（演示）',
        value: { perRoomFen: { collapsed: 600000, severe: 550000, general: 250000 }, householdCapFen: { collapsed: 2400000, severe: 2200000, general: 800000 }, topUps: [] } });
      expect(put.status).toBe(200);
      expect(put.body.from).toBe('152502');
      expect((await approve(['dibao'], 'collapsed', 3)).subsidyFen).toBe(1_800_000);
      expect((await reporter.put('/api/recovery-standards/152502', { kind: 'condolence', source: 'x', value: { perDeceasedFen: 1 } })).status).toBe(403);
      const standards = await reporter.get('/api/recovery-standards/152502200');
      expect(standards.body.standards.find((s: { kind: string }) => s.kind === 'rebuild').from).toBe('152502');
      // Put the national rates back for the other tests in this file.
      await county.put('/api/recovery-standards/152502', { kind: 'rebuild', source: '同全国默认',
        value: { perRoomFen: { collapsed: 500000, severe: 500000, general: 200000 }, householdCapFen: { collapsed: 2000000, severe: 2000000, general: 600000 },
          topUps: [{ label: '低保/特困/散居特困户加发', flags: ['dibao', 'tekun', 'sanju_tekun'], kind: 'fixed', fen: 500000 }, { label: '残疾人家庭加发', flags: ['disabled'], kind: 'percent', percent: 10 }] } });
    });
  });

  describe('staged payments', () => {
    it('pays start, progress and completion as the work goes, once each, never above the subsidy', async () => {
      const alloc = await allocation(county);
      const c = await ledgerEntry(reporter, (await household(reporter)).id);
      const pay = (stage: string, amountFen: number) => county.post(`/api/rebuild-cases/${c.id}/payments`, { stage, amountFen, allocationId: alloc.id, paidAt: daysAgo(0) });
      expect((await pay('start', 500_000)).body.error.code).toBe('INVALID_TRANSITION');
      await toCountyApproved(reporter, county, c.id);
      const start = await pay('start', 500_000);
      expect(start.status).toBe(201);
      expect(start.body.case.paidFen).toBe(500_000);
      const twice = await pay('start', 100_000);
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('DUPLICATE_PAYMENT');
      expect((await pay('progress', 500_000)).body.error.code).toBe('INVALID_TRANSITION');
      await step(reporter, c.id, { action: 'start_construction' });
      expect((await pay('progress', 500_000)).status).toBe(201);
      await step(reporter, c.id, { action: 'complete_construction' });
      const over = await pay('completion', 600_000);
      expect(over.status).toBe(409);
      expect(over.body.error).toMatchObject({ code: 'EXCEEDS_APPROVED', details: { subsidyFen: 1_500_000, paidFen: 1_000_000 } });
      expect((await pay('completion', 500_000)).status).toBe(201);
      const detail = await county.get(`/api/rebuild-cases/${c.id}`);
      expect(detail.body.payments.map((p: { stage: string }) => p.stage).sort()).toEqual(['completion', 'progress', 'start']);
      expect(detail.body.paidFen).toBe(1_500_000);
    });

    it('a reversed instalment may be paid again', async () => {
      const alloc = await allocation(county);
      const c = await ledgerEntry(reporter, (await household(reporter)).id);
      await toCountyApproved(reporter, county, c.id);
      const first = await county.post(`/api/rebuild-cases/${c.id}/payments`, { stage: 'start', amountFen: 300_000, allocationId: alloc.id, paidAt: daysAgo(0) });
      const rev = await county.post(`/api/funds/payments/${first.body.payment.id}/reverse`, { reason: '一卡通账号错误，资金退回' });
      expect(rev.status).toBe(200);
      expect((await county.post(`/api/funds/payments/${first.body.payment.id}/reverse`, { reason: '再次' })).body.error.code).toBe('ALREADY_REVERSED');
      expect((await county.post(`/api/rebuild-cases/${c.id}/payments`, { stage: 'start', amountFen: 300_000, allocationId: alloc.id, paidAt: daysAgo(0) })).status).toBe(201);
    });

    it('draws only on a rebuild allocation of the same county, within its balance; township staff cannot pay', async () => {
      const winterMoney = await allocation(county, { category: 'winter_spring' });
      const small = await allocation(county, { amountFen: 100_000 });
      const c = await ledgerEntry(reporter, (await household(reporter)).id);
      await toCountyApproved(reporter, county, c.id);
      const body = (allocationId: number) => ({ stage: 'start', amountFen: 500_000, allocationId, paidAt: daysAgo(0) });
      expect((await county.post(`/api/rebuild-cases/${c.id}/payments`, body(winterMoney.id))).body.error.code).toBe('ALLOCATION_MISMATCH');
      const short = await county.post(`/api/rebuild-cases/${c.id}/payments`, body(small.id));
      expect(short.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { availableFen: 100_000 } });
      expect((await county.post(`/api/rebuild-cases/${c.id}/payments`, body(424242))).status).toBe(404);
      expect((await reporter.post(`/api/rebuild-cases/${c.id}/payments`, body(small.id))).status).toBe(403);
    });
  });

  describe('deadlines, lists and the board', () => {
    it('flags a ledger filed more than 15 working days after the disaster, and a township review past 10 days', async () => {
      const late = await ledgerEntry(reporter, (await household(reporter)).id, { disasterAt: daysAgo(60), inspectedAt: daysAgo(5) });
      const detail = await county.get(`/api/rebuild-cases/${late.id}`);
      expect(detail.body.overdue.map((o: { step: string }) => o.step)).toEqual(['ledger']);
      const waiting = await ledgerEntry(reporter, (await household(reporter)).id);
      await step(reporter, waiting.id, { action: 'apply', at: daysAgo(34) });
      await step(reporter, waiting.id, { action: 'post_notice', at: daysAgo(33), noticeStart: daysAgo(33), noticeEnd: daysAgo(25) });
      await step(reporter, waiting.id, { action: 'village_approve', at: daysAgo(24) });
      const overdueList = await county.get('/api/rebuild-cases?overdue=true&limit=1000');
      const ids = overdueList.body.cases.map((c: { id: number }) => c.id);
      expect(ids).toContain(late.id);
      expect(ids).toContain(waiting.id);
      expect(overdueList.body.cases.find((c: { id: number }) => c.id === waiting.id).overdue[0].step).toBe('township_review');
    });

    it('lists priority groups first, with masked ID numbers for township staff', async () => {
      const id = newId();
      const general = await ledgerEntry(reporter, (await household(reporter, { flags: ['general'], villageCode: V.home2 })).id);
      const poor = await ledgerEntry(reporter, (await household(reporter, { flags: ['sanju_tekun'], villageCode: V.home2, idNumber: id })).id);
      const list = await reporter.get(`/api/rebuild-cases?regionCode=${V.home2}`);
      const ids = list.body.cases.map((c: { id: number }) => c.id);
      expect(ids.indexOf(poor.id)).toBeLessThan(ids.indexOf(general.id));
      expect(JSON.stringify(list.body)).not.toContain(id);
      expect(JSON.stringify((await county.get(`/api/rebuild-cases?regionCode=${V.home2}`)).body)).toContain(id);
    });

    it('the board counts 未开工, 开工, 竣工 and 入住 per county and the overdue steps', async () => {
      const before = (await league.get('/api/rebuild-cases/board?regionCode=1525')).body;
      const row0 = before.counties.find((r: { countyCode: string }) => r.countyCode === '152502');
      const c = await ledgerEntry(reporter, (await household(reporter)).id);
      await toCountyApproved(reporter, county, c.id);
      await step(reporter, c.id, { action: 'start_construction' });
      const board = (await league.get('/api/rebuild-cases/board?regionCode=1525')).body;
      expect(board.counties).toHaveLength(12);
      const row = board.counties.find((r: { countyCode: string }) => r.countyCode === '152502');
      expect(row.started).toBe(row0.started + 1);
      expect(row.total).toBe(row0.total + 1);
      expect(row.name).toBe('锡林浩特市');
      expect(board.totals.total).toBeGreaterThanOrEqual(row.total);
      expect((await reporter.get('/api/rebuild-cases/board?regionCode=1525')).status).toBe(403);
    });
  });

  it('no audit row of a rebuild case holds an unmasked ID number', async () => {
    const id = newId();
    const c = await ledgerEntry(reporter, (await household(county, { idNumber: id })).id);
    await toCountyApproved(reporter, county, c.id);
    const all = f.db.$client.prepare('SELECT before, after FROM audit_log').all() as { before: string | null; after: string | null }[];
    expect(all.map((r) => `${r.before}${r.after}`).join('')).not.toContain(id);
  });
});
