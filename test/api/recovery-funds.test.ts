import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { maskIdNumber } from '../../api/modules/recovery/id-number';
import { V, allocation, daysAgo, household, ledgerEntry, newId, step, toCountyApproved } from './recovery-fixtures';

async function sheetsOf(f: ReturnType<typeof freshApp>, token: string, path: string) {
  const res = await f.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const text = wb.worksheets.map((ws) => ws.getSheetValues().map((r) => JSON.stringify(r)).join('\n')).join('\n');
  return { res, wb, text };
}

describe('funds supervision, other aid and public notices', () => {
  const f = freshApp();
  let reporter: Client, county: Client, league: Client, auditor: Client;
  beforeAll(async () => {
    [reporter, county, league, auditor] = await Promise.all(['reporter', 'officer_xlht', 'officer', 'auditor'].map((u) => f.login(u)));
  });
  afterAll(() => f.close());

  describe('allocations and the summary', () => {
    it('shows allocated against disbursed per county and category, by source level', async () => {
      const before = (await league.get('/api/funds/summary?regionCode=1525')).body;
      const row0 = before.rows.find((r: { countyCode: string; category: string }) => r.countyCode === '152502' && r.category === 'transitional')
        ?? { allocatedFen: 0, disbursedFen: 0, payments: 0 };
      const alloc = await allocation(county, { category: 'transitional', sourceLevel: 'province', amountFen: 5_000_000 });
      const h = await household(reporter, { size: 4 });
      const aid = await reporter.post('/api/transitional-aid', { householdId: h.id, people: 3, startOn: '2026-08-01', days: 100 });
      expect(aid.status).toBe(201);
      // 3 people × 90 days (capped from 100) × 20 元
      expect(aid.body).toMatchObject({ days: 90, daysRequested: 100, amountFen: 540_000 });
      const paid = await county.post(`/api/transitional-aid/${aid.body.id}/payments`, { allocationId: alloc.id, paidAt: daysAgo(1) });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      const summary = (await league.get('/api/funds/summary?regionCode=1525')).body;
      const row = summary.rows.find((r: { countyCode: string; category: string }) => r.countyCode === '152502' && r.category === 'transitional');
      expect(row).toMatchObject({ countyName: '锡林浩特市', allocatedFen: row0.allocatedFen + 5_000_000, disbursedFen: row0.disbursedFen + 540_000, payments: row0.payments + 1 });
      expect(row.balanceFen).toBe(row.allocatedFen - row.disbursedFen);
      expect(row.bySource.province).toBeGreaterThanOrEqual(5_000_000);
      expect((await auditor.get('/api/funds/summary?regionCode=1525')).status).toBe(200);
    });

    it('refuses a second allocation under the same document, and township staff recording funds', async () => {
      const doc = `财建〔2026〕${newId().slice(-6)}号`;
      await allocation(county, { documentNo: doc });
      expect((await county.post('/api/funds/allocations', { category: 'rebuild', sourceLevel: 'central', countyCode: '152502', amountFen: 1, documentNo: doc, receivedAt: '2026-08-02' })).body.error.code).toBe('ALREADY_EXISTS');
      expect((await reporter.post('/api/funds/allocations', { category: 'rebuild', sourceLevel: 'county', countyCode: '152502', amountFen: 1, documentNo: 'x', receivedAt: '2026-08-02' })).status).toBe(403);
      expect((await county.post('/api/funds/allocations', { category: 'rebuild', sourceLevel: 'county', countyCode: '152522', amountFen: 1, documentNo: 'x', receivedAt: '2026-08-02' })).status).toBe(403);
      expect((await auditor.post('/api/funds/allocations', { category: 'rebuild', sourceLevel: 'county', countyCode: '152502', amountFen: 1, documentNo: 'y', receivedAt: '2026-08-02' })).status).toBe(403);
    });

    it('auditors export the books as a spreadsheet with no ID number in it', async () => {
      const id = newId();
      const alloc = await allocation(county);
      const c = await ledgerEntry(reporter, (await household(county, { idNumber: id, headName: '审计户' })).id);
      await toCountyApproved(reporter, county, c.id);
      await county.post(`/api/rebuild-cases/${c.id}/payments`, { stage: 'start', amountFen: 500_000, allocationId: alloc.id, paidAt: daysAgo(0) });
      const { res, wb, text } = await sheetsOf(f, auditor.token, '/api/funds/export?regionCode=1525');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '资金下达', '发放明细']);
      expect(text).toContain('审计户');
      expect(text).not.toContain(id);
      expect((await reporter.get('/api/funds/export')).status).toBe(403);
    });
  });

  describe('double payments', () => {
    it('refuses paying the same household twice in one category and season', async () => {
      const alloc = await allocation(county, { category: 'transitional' });
      const h = await household(reporter, { size: 2 });
      const c = await ledgerEntry(reporter, h.id);
      const aid = await reporter.post('/api/transitional-aid', { householdId: h.id, rebuildCaseId: c.id, people: 2, startOn: '2026-10-15', days: 30 });
      expect(aid.body.amountFen).toBe(120_000);
      expect((await reporter.post('/api/transitional-aid', { householdId: h.id, rebuildCaseId: c.id, people: 1, startOn: '2026-10-15', days: 10 })).body.error.code).toBe('DUPLICATE');
      const pay = () => county.post(`/api/transitional-aid/${aid.body.id}/payments`, { allocationId: alloc.id, paidAt: daysAgo(0) });
      expect((await pay()).status).toBe(201);
      expect((await pay()).body.error.code).toBe('ALREADY_PAID');
      // A second record reaching the payment rule from another path is refused by the rule itself.
      const payments = (await county.get(`/api/funds/payments?category=transitional&limit=1000`)).body.payments;
      expect(payments.filter((p: { householdId: number }) => p.householdId === h.id)).toHaveLength(1);
    });
  });

  describe('condolence and requisitions', () => {
    it('computes a condolence payment from the standard, once per deceased person', async () => {
      const alloc = await allocation(county, { category: 'condolence' });
      const h = await household(reporter);
      const deceased = newId();
      const res = await reporter.post('/api/condolences', { householdId: h.id, deceasedName: '朝鲁', deceasedIdNumber: deceased, recipientName: '巴特尔', relation: '子' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ amountFen: 2_000_000, deceasedIdMasked: maskIdNumber(deceased) });
      expect(JSON.stringify(res.body)).not.toContain(deceased);
      expect(res.body.deceasedIdHash).toBeUndefined();
      const h2 = await household(reporter);
      expect((await reporter.post('/api/condolences', { householdId: h2.id, deceasedName: '朝鲁', deceasedIdNumber: deceased, recipientName: '其其格', relation: '女' })).body.error.code).toBe('DUPLICATE');
      expect((await county.post(`/api/condolences/${res.body.id}/payments`, { allocationId: alloc.id, paidAt: daysAgo(0) })).status).toBe(201);
      const stored = f.db.$client.prepare('SELECT * FROM condolences').all();
      expect(JSON.stringify(stored)).not.toContain(deceased);
    });

    it('compensates a requisition for every day held plus damage, and pays it once returned', async () => {
      const owner = newId();
      const res = await county.post('/api/requisitions', { countyCode: '152502', kind: 'vehicle', description: '东风牌货车 蒙H·12345 运送救灾物资',
        owner: { name: '锡林浩特市运输公司', idNumber: owner, phone: '13904791234' }, periodStart: '2026-08-01', periodEnd: '2026-08-05', dailyRateFen: 80_000 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'in_use', days: 5, compensationFen: 400_000, ownerIdMasked: maskIdNumber(owner) });
      expect((await county.post(`/api/requisitions/${res.body.id}/payment`, { paidAt: daysAgo(0), voucherNo: 'P-1' })).body.error.code).toBe('INVALID_TRANSITION');
      const back = await county.post(`/api/requisitions/${res.body.id}/return`, { periodEnd: '2026-08-10', conditionOnReturn: 'damaged', damageCompensationFen: 150_000 });
      expect(back.body).toMatchObject({ status: 'returned', days: 10, compensationFen: 950_000 });
      expect((await county.post(`/api/requisitions/${res.body.id}/payment`, { paidAt: daysAgo(0), voucherNo: 'P-2026-118' })).body.status).toBe('paid');
      expect((await county.post(`/api/requisitions/${res.body.id}/payment`, { paidAt: daysAgo(0), voucherNo: 'P-2026-118' })).body.error.code).toBe('ALREADY_PAID');
      expect((await reporter.post('/api/requisitions', { countyCode: '152502', kind: 'building', description: 'x', owner: { name: 'y' }, periodStart: '2026-08-01', periodEnd: '2026-08-02', dailyRateFen: 1 })).status).toBe(403);
    });
  });

  describe('public notices (公示)', () => {
    it('posts a village notice of rebuild applicants with masked IDs, amounts and reasons, and moves them onto notice', async () => {
      const id = newId();
      const h = await household(reporter, { idNumber: id, headName: '公示户', flags: ['dibao'], villageCode: V.home2 });
      const c = await ledgerEntry(reporter, h.id, { rooms: 2 });
      await step(reporter, c.id, { action: 'apply', at: daysAgo(20) });
      const res = await reporter.post('/api/public-notices', { kind: 'rebuild', villageCode: V.home2, noticeStart: daysAgo(19), noticeEnd: daysAgo(12) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ title: '哈那乌拉嘎查因灾倒损住房恢复重建补助公示', days: 7, villageName: '哈那乌拉嘎查' });
      expect(res.body.place).toBe('锡林郭勒盟锡林浩特市宝力根苏木哈那乌拉嘎查');
      const entry = res.body.entries.find((e: { subjectId: number }) => e.subjectId === c.id);
      expect(entry).toEqual({ subjectId: c.id, name: '公示户', idNumberMasked: maskIdNumber(id), amountFen: 1_500_000, reason: '房屋倒塌 2 间；低保户' });
      const caseNow = (await county.get(`/api/rebuild-cases/${c.id}`)).body;
      expect(caseNow).toMatchObject({ status: 'notice', noticeId: res.body.id });
      // Public: masked even for the county officer who may see full numbers elsewhere.
      const forCounty = await county.get(`/api/public-notices/${res.body.id}`);
      expect(JSON.stringify(forCounty.body)).not.toContain(id);
      const { res: x, text } = await sheetsOf(f, county.token, `/api/public-notices/${res.body.id}/xlsx`);
      expect(x.status).toBe(200);
      expect(text).toContain('公示户');
      expect(text).toContain(maskIdNumber(id));
      expect(text).not.toContain(id);
      expect((await reporter.post('/api/public-notices', { kind: 'rebuild', villageCode: V.home2, noticeStart: daysAgo(19), noticeEnd: daysAgo(12) })).body.error.code).toBe('CONFLICT');
      expect((await reporter.post('/api/public-notices', { kind: 'rebuild', villageCode: V.otherTownship, noticeStart: daysAgo(19), noticeEnd: daysAgo(12) })).status).toBe(403);
      expect((await reporter.get(`/api/public-notices?regionCode=${V.home2}`)).body.notices.some((n: { id: number }) => n.id === res.body.id)).toBe(true);
    });
  });

  it('no audit row holds an unmasked ID number after all of the above', () => {
    const rows = f.db.$client.prepare('SELECT before, after FROM audit_log').all() as { before: string | null; after: string | null }[];
    const text = rows.map((r) => `${r.before ?? ''}${r.after ?? ''}`).join('\n');
    const ids = (f.db.$client.prepare('SELECT id_number AS id FROM households UNION SELECT id_number FROM household_members WHERE id_number IS NOT NULL').all() as { id: string }[]).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
  });
});
