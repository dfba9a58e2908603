// The standards editor's pure part: the form's text fields (yuan, days, percent) from a standard,
// and back into the PUT body in fen — or which figure is missing or wrong.
import { DAMAGE_CLASSES, type HouseholdFlag, type StandardsPut } from '../../../api/modules/recovery/schemas';
import type { EffectiveStandard, StandardsByKind, StandardsKind } from '../../api/recovery';
import { fenToYuan, yuanToFen } from './money';

export type TopUpDraft = { label: string; flags: HouseholdFlag[]; kind: 'fixed' | 'percent'; amount: string };
export type DraftProblem = { problem: 'sourceNeeded' | 'topUpIncomplete' | 'bandOrder' } | { problem: 'invalid'; field: string };
export const isProblem = (x: StandardsPut | DraftProblem): x is DraftProblem => 'problem' in x;

/** The edited figures as the PUT body, or which figure is missing or wrong. */
export function draftToPut(kind: StandardsKind, d: Record<string, string>, topUps: TopUpDraft[], source: string): StandardsPut | DraftProblem {
  const fen = (k: string) => yuanToFen(d[k] ?? '');
  const bad = (field: string): DraftProblem => ({ problem: 'invalid', field });
  if (!source.trim()) return { problem: 'sourceNeeded' };
  if (kind === 'rebuild') {
    const perRoomFen = {} as Record<(typeof DAMAGE_CLASSES)[number], number>, householdCapFen = { ...perRoomFen };
    for (const c of DAMAGE_CLASSES) {
      const r = fen(`perRoom.${c}`), cap = fen(`cap.${c}`);
      if (r === null) return bad('perRoom');
      if (cap === null) return bad('cap');
      perRoomFen[c] = r;
      householdCapFen[c] = cap;
    }
    const ups = [];
    for (const u of topUps) {
      if (!u.label.trim() || u.flags.length === 0) return { problem: 'topUpIncomplete' };
      if (u.kind === 'fixed') {
        const f = yuanToFen(u.amount);
        if (f === null) return bad('topUp');
        ups.push({ label: u.label.trim(), flags: u.flags, kind: 'fixed' as const, fen: f });
      } else {
        const p = Number(u.amount);
        if (!(u.amount.trim() !== '' && p >= 0 && p <= 100)) return bad('topUp');
        ups.push({ label: u.label.trim(), flags: u.flags, kind: 'percent' as const, percent: p });
      }
    }
    return { kind, source: source.trim(), value: { perRoomFen, householdCapFen, topUps: ups } };
  }
  if (kind === 'transitional') {
    const rate = fen('perPersonPerDay'), days = Number(d.maxDays), grain = Number(d.grainKg);
    if (rate === null) return bad('perPersonPerDay');
    if (!Number.isInteger(days) || days < 1 || days > 366) return bad('maxDays');
    if (!(d.grainKg?.trim() !== '' && grain >= 0 && grain <= 10)) return bad('grainKg');
    const levels = (d.grainLevels ?? '').split(/[,，、\s]+/).filter(Boolean);
    if (levels.some((l) => !['I', 'II', 'III', 'IV'].includes(l))) return bad('grainLevels');
    return { kind, source: source.trim(), value: { perPersonPerDayFen: rate, maxDays: days, grainKgPerPersonPerDay: grain, grainAtNationalLevels: levels as ('I' | 'II')[] } };
  }
  if (kind === 'winter_spring') {
    const min = fen('min'), max = fen('max'), def = fen('default');
    if (min === null) return bad('min');
    if (max === null) return bad('max');
    if (def === null) return bad('default');
    if (!(min <= def && def <= max)) return { problem: 'bandOrder' };
    return { kind, source: source.trim(), value: { minPerPersonFen: min, maxPerPersonFen: max, defaultPerPersonFen: def } };
  }
  const per = fen('perDeceased');
  if (per === null) return bad('perDeceased');
  return { kind: 'condolence', source: source.trim(), value: { perDeceasedFen: per } };
}

export function initialDraft(s: EffectiveStandard): Record<string, string> {
  const y = (fen: number) => fenToYuan(fen);
  switch (s.kind) {
    case 'rebuild': {
      const v = s.value as StandardsByKind['rebuild'];
      return Object.fromEntries(DAMAGE_CLASSES.flatMap((c) => [[`perRoom.${c}`, y(v.perRoomFen[c])], [`cap.${c}`, y(v.householdCapFen[c])]]));
    }
    case 'transitional': {
      const v = s.value as StandardsByKind['transitional'];
      return { perPersonPerDay: y(v.perPersonPerDayFen), maxDays: String(v.maxDays), grainKg: String(v.grainKgPerPersonPerDay), grainLevels: v.grainAtNationalLevels.join('、') };
    }
    case 'winter_spring': {
      const v = s.value as StandardsByKind['winter_spring'];
      return { min: y(v.minPerPersonFen), max: y(v.maxPerPersonFen), default: y(v.defaultPerPersonFen) };
    }
    case 'condolence': return { perDeceased: y((s.value as StandardsByKind['condolence']).perDeceasedFen) };
  }
  return {};
}

