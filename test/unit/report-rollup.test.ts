import { describe, expect, it } from 'vitest';
import {
  ancestorAtLevel, rollUpByLevel, rollUpLatestAccepted, type TownshipReport,
} from '../../api/modules/reports/rollup';

// Townships of 锡林浩特市 (152502) and 阿巴嘎旗 (152522) in one snowstorm.
const T1 = '152502100', T2 = '152502101', T3 = '152522100';
const at = (hhmm: string, day = '2026-01-13') => new Date(`${day}T${hhmm}:00+08:00`);
let nextId = 1;
function report(townshipCode: string, stage: TownshipReport['stage'], status: TownshipReport['status'],
  submitted: string, reviewed: string | null, affected: number, deaths = 0): TownshipReport {
  return {
    id: nextId++, townshipCode, stage, status, submittedAt: at(submitted),
    reviewedAt: reviewed ? at(reviewed) : null, figures: { affected, deaths },
  };
}

describe('rolling up township reports', () => {
  it('counts only the latest accepted report of a township, never 初报 plus 续报', () => {
    const reports = [
      report(T1, 'initial', 'accepted', '08:00', '08:30', 100, 1),
      report(T1, 'update', 'accepted', '20:00', '20:30', 250, 2),
    ];
    const sum = rollUpLatestAccepted(reports);
    expect(sum.figures.affected).toBe(250);
    expect(sum.figures.deaths).toBe(2);
    expect(sum.townships).toBe(1);
    expect(sum.updatedAt).toEqual(at('20:30'));
  });

  it('adds different townships', () => {
    const sum = rollUpLatestAccepted([
      report(T1, 'initial', 'accepted', '08:00', '08:30', 100),
      report(T2, 'initial', 'accepted', '09:00', '09:10', 40),
    ]);
    expect(sum.figures.affected).toBe(140);
    expect(sum.townships).toBe(2);
  });

  it('never counts a returned or an unreviewed report', () => {
    const sum = rollUpLatestAccepted([
      report(T1, 'initial', 'accepted', '08:00', '08:30', 100),
      report(T1, 'update', 'returned', '12:00', '12:30', 9999),
      report(T1, 'update', 'submitted', '13:00', null, 8888),
      report(T2, 'initial', 'returned', '08:00', '08:20', 7777),
    ]);
    expect(sum.figures.affected).toBe(100);
    expect(sum.townships).toBe(1);
  });

  it('lets the newer submission win even when the county accepted it before an older one', () => {
    const sum = rollUpLatestAccepted([
      report(T1, 'update', 'accepted', '20:00', '20:10', 300),
      report(T1, 'initial', 'accepted', '08:00', '21:00', 100), // backlog reviewed late
    ]);
    expect(sum.figures.affected).toBe(300);
  });

  it('shows the picture as it stood at asOf', () => {
    const reports = [
      report(T1, 'initial', 'superseded', '08:00', '08:30', 100),
      report(T1, 'update', 'accepted', '20:00', '21:00', 300),
      report(T2, 'initial', 'accepted', '09:00', '22:00', 50),
    ];
    expect(rollUpLatestAccepted(reports, { asOf: at('08:00') })).toMatchObject({ townships: 0, updatedAt: null });
    expect(rollUpLatestAccepted(reports, { asOf: at('12:00') }).figures.affected).toBe(100);
    expect(rollUpLatestAccepted(reports, { asOf: at('21:00') }).figures.affected).toBe(300);
    expect(rollUpLatestAccepted(reports, { asOf: at('23:00') }).figures.affected).toBe(350);
    expect(rollUpLatestAccepted(reports).figures.affected).toBe(350);
  });

  it('sums only the townships inside the asked region', () => {
    const reports = [
      report(T1, 'initial', 'accepted', '08:00', '08:30', 100),
      report(T3, 'initial', 'accepted', '08:00', '08:30', 60),
    ];
    const sum = rollUpLatestAccepted(reports, { within: (code) => code.startsWith('152522') });
    expect(sum).toMatchObject({ townships: 1, figures: { affected: 60 } });
  });

  it('sums per county, per league and per township', () => {
    const reports = [
      report(T1, 'initial', 'accepted', '08:00', '08:30', 100),
      report(T1, 'final', 'accepted', '23:00', '23:30', 120),
      report(T2, 'initial', 'accepted', '09:00', '09:10', 40),
      report(T3, 'initial', 'accepted', '10:00', '10:10', 60),
    ];
    const byCounty = rollUpByLevel(reports, ancestorAtLevel('county'));
    expect(Object.keys(byCounty)).toEqual(['152502', '152522']);
    expect(byCounty['152502']).toMatchObject({ townships: 2, figures: { affected: 160 }, updatedAt: at('23:30') });
    expect(byCounty['152522']).toMatchObject({ townships: 1, figures: { affected: 60 } });
    expect(rollUpByLevel(reports, ancestorAtLevel('prefecture'))['1525'].figures.affected).toBe(220);
    expect(rollUpByLevel(reports, ancestorAtLevel('township'))[T1].figures.affected).toBe(120);
  });

  it('leaves out townships the mapping does not place', () => {
    const reports = [report(T1, 'initial', 'accepted', '08:00', '08:30', 100), report(T3, 'initial', 'accepted', '08:00', '08:30', 60)];
    const only = rollUpByLevel(reports, (code) => (code.startsWith('152502') ? '锡林浩特' : null));
    expect(only).toEqual({ 锡林浩特: expect.objectContaining({ townships: 1 }) });
  });
});
