import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { maskIdNumber } from '../../api/modules/recovery/id-number';
import { V, countyOfficer, household, newId } from './recovery-fixtures';

describe('households', () => {
  const f = freshApp();
  let reporter: Client, county: Client, league: Client, auditor: Client, admin: Client, keeper: Client;
  beforeAll(async () => {
    [reporter, county, league, auditor, admin, keeper] = await Promise.all(
      ['reporter', 'officer_xlht', 'officer', 'auditor', 'admin', 'keeper'].map((u) => f.login(u)));
  });
  afterAll(() => f.close());

  it('township staff register a household in their own village and see the ID number masked', async () => {
    const id = newId();
    const res = await reporter.post('/api/households', { headName: '其其格', idNumber: id, villageCode: V.home, size: 3, flags: ['dibao'], bankCard: '6217000012345678901' });
    expect(res.status).toBe(201);
    expect(res.body.household).toMatchObject({ headName: '其其格', idNumber: maskIdNumber(id), idNumberMasked: true,
      villageName: '伊利勒特嘎查', townshipCode: '152502200', countyCode: '152502', priority: 0, bankCard: '6217 **** **** 8901' });
    expect(JSON.stringify(res.body)).not.toContain(id);
  });

  it('refuses an ID number whose check digit is wrong, saying why', async () => {
    const id = newId();
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const res = await reporter.post('/api/households', { headName: '错号', idNumber: wrong, villageCode: V.home, size: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].path).toBe('idNumber');
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it('accepts a lower-case x check character and stores it upper-case', async () => {
    let id = newId();
    for (let i = 0; !id.endsWith('X') && i < 200; i++) id = newId();
    expect(id.endsWith('X')).toBe(true);
    const h = await household(reporter, { idNumber: id.toLowerCase() });
    const full = await county.get(`/api/households/${h.id}`);
    expect(full.body.idNumber).toBe(id);
  });

  it('township staff cannot register a household in a village of another township', async () => {
    const res = await reporter.post('/api/households', { headName: '越权', idNumber: newId(), villageCode: V.otherTownship, size: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUT_OF_SCOPE');
  });

  it('refuses a village code that is a township, and one that does not exist', async () => {
    expect((await county.post('/api/households', { headName: '甲', idNumber: newId(), villageCode: '152502200999', size: 1 })).status).toBe(404);
  });

  it('auditors and keepers cannot register households', async () => {
    const body = { headName: '审计', idNumber: newId(), villageCode: V.home, size: 1 };
    expect((await auditor.post('/api/households', body)).status).toBe(403);
    expect((await keeper.post('/api/households', body)).status).toBe(403);
    expect((await keeper.get('/api/households')).status).toBe(403);
  });

  it('the same ID number twice in one county is refused with a masked answer', async () => {
    const id = newId();
    await household(reporter, { idNumber: id });
    const res = await county.post('/api/households', { headName: '重复', idNumber: id, villageCode: V.otherTownship, size: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect(res.body.error.details.idNumber).toBe(maskIdNumber(id));
    expect(JSON.stringify(res.body)).not.toContain(id);
  });

  it('a head already listed as a member of another household in the county is refused too', async () => {
    const member = newId();
    await household(reporter, { size: 2, members: [{ name: '妻子', relation: '配偶', idNumber: member }] });
    const res = await reporter.post('/api/households', { headName: '另立户', idNumber: member, villageCode: V.home2, size: 1 });
    expect(res.status).toBe(409);
  });

  it('the same ID number in another county is registered but flagged for review on both households', async () => {
    const abagaOfficer = await countyOfficer(admin, f.login, '152522', 'abg_officer_h');
    const id = newId();
    const first = await household(reporter, { idNumber: id });
    const res = await abagaOfficer.post('/api/households', { headName: '巴特尔', idNumber: id, villageCode: V.abaga, size: 4 });
    expect(res.status).toBe(201);
    expect(res.body.household.duplicateStatus).toBe('flagged');
    expect(res.body.warnings).toEqual([expect.objectContaining({ kind: 'several_households', idNumberMasked: maskIdNumber(id), countyCodes: ['152502', '152522'] })]);
    expect((await county.get(`/api/households/${first.id}`)).body.duplicateStatus).toBe('flagged');
    // The county that holds the first household clears it after checking.
    const cleared = await county.patch(`/api/households/${first.id}`, { duplicateReview: { decision: 'cleared', note: '经核实为季节性转场，冬季在本旗' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.duplicateStatus).toBe('cleared');
    expect((await reporter.patch(`/api/households/${first.id}`, { duplicateReview: { decision: 'cleared', note: 'x' } })).status).toBe(403);
  });

  it('lists priority groups (低保, 特困, 残疾) first', async () => {
    await household(reporter, { villageCode: V.home2, flags: ['general'], headName: '一般户甲' });
    await household(reporter, { villageCode: V.home2, flags: ['disabled'], headName: '残疾户乙' });
    await household(reporter, { villageCode: V.home2, flags: ['youfu'], headName: '优抚户丙' });
    const res = await reporter.get(`/api/households?regionCode=${V.home2}`);
    expect(res.status).toBe(200);
    const names = res.body.households.map((h: { headName: string }) => h.headName);
    expect(names.indexOf('残疾户乙')).toBeLessThan(names.indexOf('一般户甲'));
    expect(res.body.households[0].priority).toBe(0);
  });

  it('township staff cannot read households of another township', async () => {
    const h = await household(county, { villageCode: V.otherTownship });
    expect((await reporter.get(`/api/households/${h.id}`)).status).toBe(403);
    expect((await reporter.get(`/api/households?regionCode=${V.otherTownship}`)).status).toBe(403);
  });

  it('corrects a household and recomputes its priority', async () => {
    const h = await household(reporter, { flags: ['general'] });
    const res = await reporter.patch(`/api/households/${h.id}`, { flags: ['tekun'], size: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ flags: ['tekun'], priority: 0, size: 5 });
    expect((await reporter.patch(`/api/households/${h.id}`, { size: 0 })).status).toBe(400);
  });

  describe('who sees full ID numbers and bank cards', () => {
    it('only a county officer sees them; the league officer, township staff, auditor and admin see masks', async () => {
      const id = newId(), member = newId(), card = '6228480402564890018';
      const h = await household(reporter, { idNumber: id, bankCard: card, size: 2, members: [{ name: '子女', relation: '子女', idNumber: member }] });
      const full = await county.get(`/api/households/${h.id}`);
      expect(full.body).toMatchObject({ idNumber: id, idNumberMasked: false, bankCard: card });
      expect(full.body.members[0].idNumber).toBe(member);
      for (const who of [reporter, league, auditor, admin]) {
        for (const path of [`/api/households/${h.id}`, `/api/households?regionCode=${V.home}&limit=1000`]) {
          const res = await who.get(path);
          expect(res.status).toBe(200);
          const text = JSON.stringify(res.body);
          expect(text, `${who.user.username} ${path}`).not.toContain(id);
          expect(text).not.toContain(member);
          expect(text).not.toContain(card);
        }
      }
    });

    it('a county officer searching by ID number finds the household', async () => {
      const id = newId();
      const h = await household(reporter, { idNumber: id });
      const res = await county.get(`/api/households?idNumber=${id}`);
      expect(res.body.households.map((x: { id: number }) => x.id)).toEqual([h.id]);
    });

    it('the answer to a registration stored for idempotent replay carries only masks, even for a county officer', async () => {
      const id = newId();
      const body = { headName: '重试', idNumber: id, villageCode: V.home, size: 1 };
      const first = await county.post('/api/households', body, { 'Idempotency-Key': 'reg-1' });
      const again = await county.post('/api/households', body, { 'Idempotency-Key': 'reg-1' });
      expect(first.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(JSON.stringify(first.body)).not.toContain(id);
      const stored = f.db.$client.prepare('SELECT body FROM idempotency_keys').all() as { body: string }[];
      expect(stored.some((s) => s.body.includes(id))).toBe(false);
    });

    it('audit rows never hold an unmasked ID number or bank card', async () => {
      const id = newId(), member = newId(), card = '6222020200112233445';
      const h = await household(county, { idNumber: id, bankCard: card, size: 2, members: [{ name: '配偶', relation: '配偶', idNumber: member }] });
      const newHead = newId();
      await county.patch(`/api/households/${h.id}`, { idNumber: newHead, bankCard: '6222020200999988887' });
      const rows = f.db.$client.prepare("SELECT before, after FROM audit_log WHERE entity = 'household'").all() as { before: string | null; after: string | null }[];
      expect(rows.length).toBeGreaterThan(0);
      const text = rows.map((r) => `${r.before} ${r.after}`).join('\n');
      for (const secret of [id, member, card, newHead, '6222020200999988887']) expect(text).not.toContain(secret);
      expect(text).toContain(maskIdNumber(id));
    });
  });
});
