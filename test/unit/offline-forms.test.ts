// The pure parts of the recovery forms built with the offline work: which household fields a
// correction sends (masked numbers are never sent back), and the standards editor's figures.
import { describe, expect, it } from 'vitest';
import type { HouseholdView } from '../../api/modules/recovery/views';
import { fieldsOf, householdChanges } from '../../web/pages/recovery/household-patch';
import { draftToPut, initialDraft, isProblem } from '../../web/pages/recovery/standards-draft';
import rebuildSeed from '../../db/seed/rebuild-standards.json';

const household = (over: Partial<HouseholdView> = {}): HouseholdView => ({
  id: 1, headName: '乌日娜', idNumber: '152502********1234', idNumberMasked: true, phone: '138****5566', villageCode: '152502200205',
  villageName: '额尔敦塔拉嘎查', townshipCode: '152502200', townshipName: '宝力根苏木', countyCode: '152502', size: 3, members: [],
  flags: ['dibao'], priority: 1, bankCard: '6217********1567', address: null, duplicateStatus: 'none', demo: false,
  createdAt: '2026-07-01T00:00:00.000Z', updatedAt: '2026-07-01T00:00:00.000Z', ...over,
});

describe('household correction', () => {
  it('sends nothing when nothing changed, and never sends a masked number back', () => {
    const h = household();
    const f = fieldsOf(h);
    expect(f).toMatchObject({ idNumber: '', phone: '', bankCard: '' });
    expect(householdChanges(h, f, h.flags)).toBeNull();
  });

  it('sends only the changed fields; a retyped number replaces the masked one', () => {
    const h = household();
    const out = householdChanges(h, { ...fieldsOf(h), size: '4', address: ' 3 组 ', idNumber: '152502198503177774' }, ['dibao', 'disabled']);
    expect(out).toEqual({ size: 4, address: '3 组', idNumber: '152502198503177774', flags: ['dibao', 'disabled'] });
  });

  it('a county officer sees the numbers, so clearing one is a change (null), and flag order does not matter', () => {
    const h = household({ idNumber: '152502198503177774', idNumberMasked: false, phone: '13904795566', bankCard: '6217000088881234567', flags: ['dibao', 'disabled'] });
    const f = fieldsOf(h);
    expect(f).toMatchObject({ idNumber: '152502198503177774', phone: '13904795566', bankCard: '6217000088881234567' });
    expect(householdChanges(h, { ...f, phone: '' }, ['disabled', 'dibao'])).toEqual({ phone: null });
    expect(householdChanges(h, { ...f, bankCard: '6217 0000 8888 1234 567' }, h.flags)).toBeNull();
  });
});

describe('standards editor', () => {
  const rebuild = { kind: 'rebuild' as const, value: { perRoomFen: rebuildSeed.perRoomFen, householdCapFen: rebuildSeed.householdCapFen, topUps: rebuildSeed.topUps as never }, from: 'national', source: rebuildSeed.source };

  it('shows fen as yuan and turns the edited yuan back into fen, top-ups included', () => {
    const d = initialDraft(rebuild);
    expect(d['perRoom.collapsed']).toBe('5000');
    const out = draftToPut('rebuild', { ...d, 'perRoom.collapsed': '5500.5' },
      [{ label: '低保户加发', flags: ['dibao'], kind: 'fixed', amount: '6000' }, { label: '残疾', flags: ['disabled'], kind: 'percent', amount: '12.5' }], '锡政办发〔2026〕12号');
    expect(out).toEqual({ kind: 'rebuild', source: '锡政办发〔2026〕12号', value: {
      perRoomFen: { collapsed: 550_050, severe: 500_000, general: 200_000 },
      householdCapFen: { collapsed: 2_000_000, severe: 2_000_000, general: 600_000 },
      topUps: [{ label: '低保户加发', flags: ['dibao'], kind: 'fixed', fen: 600_000 }, { label: '残疾', flags: ['disabled'], kind: 'percent', percent: 12.5 }],
    } });
  });

  it('names what is wrong instead of saving it', () => {
    const d = initialDraft(rebuild);
    expect(draftToPut('rebuild', d, [], ' ')).toEqual({ problem: 'sourceNeeded' });
    expect(draftToPut('rebuild', { ...d, 'cap.severe': '2万' }, [], 'x')).toEqual({ problem: 'invalid', field: 'cap' });
    expect(draftToPut('rebuild', d, [{ label: '加发', flags: [], kind: 'fixed', amount: '1' }], 'x')).toEqual({ problem: 'topUpIncomplete' });
    expect(draftToPut('rebuild', d, [{ label: '加发', flags: ['tekun'], kind: 'percent', amount: '120' }], 'x')).toEqual({ problem: 'invalid', field: 'topUp' });
    expect(draftToPut('winter_spring', { min: '90', default: '160', max: '150' }, [], 'x')).toEqual({ problem: 'bandOrder' });
    expect(draftToPut('transitional', { perPersonPerDay: '20', maxDays: '0', grainKg: '0.5', grainLevels: 'I' }, [], 'x')).toEqual({ problem: 'invalid', field: 'maxDays' });
    expect(draftToPut('transitional', { perPersonPerDay: '20', maxDays: '90', grainKg: '0.5', grainLevels: 'I、V' }, [], 'x')).toEqual({ problem: 'invalid', field: 'grainLevels' });
  });

  it('transitional, winter-spring and condolence figures round-trip', () => {
    const put = draftToPut('transitional', { perPersonPerDay: '25', maxDays: '60', grainKg: '0.5', grainLevels: 'I、II' }, [], '内政办〔2026〕3号');
    expect(isProblem(put)).toBe(false);
    expect(put).toMatchObject({ value: { perPersonPerDayFen: 2500, maxDays: 60, grainKgPerPersonPerDay: 0.5, grainAtNationalLevels: ['I', 'II'] } });
    expect(draftToPut('winter_spring', { min: '90', default: '120', max: '150' }, [], 'x')).toMatchObject({ value: { minPerPersonFen: 9000, defaultPerPersonFen: 12_000, maxPerPersonFen: 15_000 } });
    expect(draftToPut('condolence', { perDeceased: '20000' }, [], 'x')).toMatchObject({ value: { perDeceasedFen: 2_000_000 } });
  });
});
