// The household correction form's pure part: what the form starts with and which fields a PATCH
// carries. Numbers the user may only see masked start empty and are sent only when retyped.
import type { HouseholdFlag, HouseholdPatch } from '../../../api/modules/recovery/schemas';
import type { HouseholdView } from '../../api/recovery';

export const masked = (s: string | null) => !!s && s.includes('*');

/** What the form holds, from the household (numbers the user may not see start empty). */
export function fieldsOf(h: HouseholdView) {
  return {
    headName: h.headName, idNumber: h.idNumberMasked ? '' : h.idNumber, phone: masked(h.phone) ? '' : h.phone ?? '',
    size: String(h.size), bankCard: masked(h.bankCard) ? '' : h.bankCard ?? '', address: h.address ?? '',
  };
}

/** The PATCH body: only fields that differ from the household; empty masked numbers stay as they are. */
export function householdChanges(h: HouseholdView, f: ReturnType<typeof fieldsOf>, flags: HouseholdFlag[]): HouseholdPatch | null {
  const was = fieldsOf(h);
  const p: Record<string, unknown> = {};
  if (f.headName.trim() !== h.headName) p.headName = f.headName.trim();
  if (f.idNumber.trim() && f.idNumber.trim() !== was.idNumber) p.idNumber = f.idNumber.trim();
  if (f.phone.trim() !== was.phone && (f.phone.trim() || !masked(h.phone))) p.phone = f.phone.trim() || null;
  if (Number(f.size) !== h.size) p.size = Number(f.size);
  if (f.bankCard.replace(/\s/g, '') !== was.bankCard && (f.bankCard.trim() || !masked(h.bankCard))) p.bankCard = f.bankCard.trim() || null;
  if (f.address.trim() !== (h.address ?? '')) p.address = f.address.trim() || null;
  if ([...flags].sort().join() !== [...h.flags].sort().join()) p.flags = flags;
  return Object.keys(p).length ? (p as HouseholdPatch) : null;
}

export type HouseholdFields = ReturnType<typeof fieldsOf>;
