import { describe, expect, it } from 'vitest';
import { generateValidIdNumber } from '../../api/modules/recovery/id-number';
import {
  AllocationInput, HouseholdInput, RebuildAdvanceInput, RebuildCaseInput, RequisitionInput,
  WinterCampaignInput, WinterRosterRowInput, WinterSurveyInput,
} from '../../api/modules/recovery/schemas';

const ID = generateValidIdNumber('152502', '19800101', 11);
const household = { headName: '巴特尔', idNumber: ID, villageCode: '152502100201', size: 4 };
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('household registration input', () => {
  it('accepts a household and treats it as 一般户 when no type is ticked', () => {
    const h = HouseholdInput.parse({ ...household, bankCard: '6217 0000 1234 5678', phone: '13812345678' });
    expect(h).toMatchObject({ flags: ['general'], bankCard: '6217000012345678' });
  });

  it('refuses an ID number whose check digit is wrong', () => {
    const wrong = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(messages(HouseholdInput.safeParse({ ...household, idNumber: wrong }))[0]).toMatch(/身份证号码无效/);
  });

  it('upper-cases a typed lower-case x', () => {
    expect(HouseholdInput.parse({ ...household, idNumber: '11010519491231002x' }).idNumber).toBe('11010519491231002X');
  });

  it('refuses 一般户 ticked together with 低保, and a type ticked twice', () => {
    expect(HouseholdInput.safeParse({ ...household, flags: ['general', 'dibao'] }).success).toBe(false);
    expect(HouseholdInput.safeParse({ ...household, flags: ['dibao', 'dibao'] }).success).toBe(false);
    expect(HouseholdInput.safeParse({ ...household, flags: ['dibao', 'disabled'] }).success).toBe(true);
  });

  it('refuses a village code that is not 12 digits and more members than people', () => {
    expect(HouseholdInput.safeParse({ ...household, villageCode: '152502' }).success).toBe(false);
    const members = Array.from({ length: 3 }, () => ({ name: '成员', relation: '子女' }));
    expect(HouseholdInput.safeParse({ ...household, size: 2, members }).success).toBe(false);
  });
});

describe('rebuild inputs', () => {
  const entry = { householdId: 1, disasterAt: '2026-07-01T00:00:00Z', damageClass: 'collapsed', rooms: 3,
    soleHome: true, inspectedAt: '2026-07-05T08:00:00+08:00' };

  it('accepts a ledger entry for a sole home', () => {
    expect(RebuildCaseInput.safeParse(entry).success).toBe(true);
  });

  it('refuses a house that is not the family\'s only home, saying why', () => {
    expect(messages(RebuildCaseInput.safeParse({ ...entry, soleHome: false }))[0]).toMatch(/唯一住房/);
  });

  it('refuses an inspection dated before the disaster', () => {
    expect(RebuildCaseInput.safeParse({ ...entry, inspectedAt: '2026-06-30T00:00:00Z' }).success).toBe(false);
  });

  it('needs notice dates to post a notice and a reason to reject', () => {
    expect(RebuildAdvanceInput.safeParse({ action: 'post_notice' }).success).toBe(false);
    expect(RebuildAdvanceInput.safeParse({ action: 'reject' }).success).toBe(false);
    expect(RebuildAdvanceInput.safeParse({ action: 'post_notice', noticeStart: '2026-07-10T00:00:00Z', noticeEnd: '2026-07-09T00:00:00Z' }).success).toBe(false);
    expect(RebuildAdvanceInput.parse({ action: 'reject', reason: '非唯一住房' })).toMatchObject({ action: 'reject' });
  });
});

describe('winter-spring, requisition and allocation inputs', () => {
  it('accepts a season of two adjacent years only', () => {
    expect(WinterCampaignInput.safeParse({ countyCode: '152502', season: '2026-2027' }).success).toBe(true);
    expect(WinterCampaignInput.safeParse({ countyCode: '152502', season: '2026-2028' }).success).toBe(false);
  });

  it('takes one survey line per township', () => {
    const line = { townshipCode: '152502100', foodPeople: 10, clothingPeople: 5, heatingPeople: 8 };
    expect(WinterSurveyInput.safeParse({ lines: [line] }).success).toBe(true);
    expect(WinterSurveyInput.safeParse({ lines: [line, line] }).success).toBe(false);
  });

  it('refuses a roster row that pays neither money nor goods', () => {
    const row = { householdId: 1, peopleNeedingAid: 3, needs: ['food'], moneyFen: 0, paymentMethod: 'one_card' };
    expect(WinterRosterRowInput.safeParse(row).success).toBe(false);
    expect(WinterRosterRowInput.safeParse({ ...row, goods: [{ item: '棉被', quantity: 2, valueFen: 30_000 }] }).success).toBe(true);
  });

  it('refuses damage compensation for property returned intact, and a return before the requisition', () => {
    const r = { kind: 'vehicle', description: '皮卡', owner: { name: '张三' }, periodStart: '2026-07-01', periodEnd: '2026-07-03', dailyRateFen: 50_000 };
    expect(RequisitionInput.safeParse({ ...r, conditionOnReturn: 'intact', damageCompensationFen: 1 }).success).toBe(false);
    expect(RequisitionInput.safeParse({ ...r, conditionOnReturn: 'damaged', damageCompensationFen: 1 }).success).toBe(true);
    expect(RequisitionInput.safeParse({ ...r, periodEnd: '2026-06-30' }).success).toBe(false);
  });

  it('takes allocations in whole fen only', () => {
    const a = { category: 'rebuild', sourceLevel: 'central', countyCode: '152502', amountFen: 100, documentNo: '财建〔2026〕12号', receivedAt: '2026-08-01' };
    expect(AllocationInput.safeParse(a).success).toBe(true);
    expect(AllocationInput.safeParse({ ...a, amountFen: 100.5 }).success).toBe(false);
  });
});
