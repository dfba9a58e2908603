// First-expired-first-out: which lots an issue, write-off, transfer or dispatch takes from.
// Pure: the service reads the lots, this decides, the service writes the movements.
//
// The expiry rule, used everywhere in the system: `expiresOn` is the LAST DAY the goods may be used,
// as printed on Chinese labels (有效期至 / 保质期至 2025-06-30 means usable on 30 June). So a lot is
// expired only when expiresOn < the day in question, and a lot that expires today can still be
// issued today. Whether it is still good when it arrives is what `usableAfter` is for.

export interface LotOnHand {
  lotId: number;
  batchNo: string | null;
  expiresOn: string | null;   // YYYY-MM-DD; null: the goods do not expire (tents, generators)
  quantity: number;
}
export interface Take { lotId: number; quantity: number }
export type FefoPick = { takes: Take[] } | { shortBy: number; available: number };
export interface FefoOptions {
  /** Take only from this batch (a keeper naming the batch on the shelf). */
  batchNo?: string;
  /** The goods must still be usable on this day, e.g. the expected arrival of a dispatch. */
  usableAfter?: string;
}
export type ExpiryClass = 'expired' | 'expiring' | 'ok';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
// China keeps one time zone and no daylight saving, so "today" for a depot is UTC+8.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function assertDay(day: string, what: string) {
  // A full timestamp would compare wrongly as a string ('2025-06-30T…' > '2025-06-30'): refuse it.
  if (!ISO_DAY.test(day)) throw new RangeError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(day)}`);
}

export function isUsableOn(lot: Pick<LotOnHand, 'expiresOn'>, day: string): boolean {
  return lot.expiresOn === null || lot.expiresOn >= day;   // ISO dates order as strings
}

// Earliest expiry first; lots that never expire last; equal expiry: lower lotId (received earlier) first.
function byExpiryThenAge(a: LotOnHand, b: LotOnHand): number {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1;
    if (b.expiresOn === null) return -1;
    return a.expiresOn < b.expiresOn ? -1 : 1;
  }
  return a.lotId - b.lotId;
}

/**
 * Takes `quantity` from the usable lots, earliest expiry first. Expired lots are never taken, even
 * when nothing else is left: that is a write-off, not an issue. When the usable stock is short,
 * says by how much and takes nothing, so the caller refuses the whole request.
 */
export function pickLotsFefo(lots: readonly LotOnHand[], quantity: number, today: string, opts: FefoOptions = {}): FefoPick {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  assertDay(today, 'today');
  if (opts.usableAfter !== undefined) assertDay(opts.usableAfter, 'usableAfter');
  for (const lot of lots) if (lot.expiresOn !== null) assertDay(lot.expiresOn, `lot ${lot.lotId} expiresOn`);

  const mustLastUntil = opts.usableAfter !== undefined && opts.usableAfter > today ? opts.usableAfter : today;
  const usable = lots
    .filter((l) => l.quantity > 0 && (opts.batchNo === undefined || l.batchNo === opts.batchNo) && isUsableOn(l, mustLastUntil))
    .sort(byExpiryThenAge);
  const available = usable.reduce((sum, l) => sum + l.quantity, 0);
  if (available < quantity) return { shortBy: quantity - available, available };

  const takes: Take[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const q = Math.min(left, lot.quantity);
    takes.push({ lotId: lot.lotId, quantity: q });
    left -= q;
  }
  return { takes };
}

/** Total in lots that could still be issued on `day` (what dispatch may plan with). */
export function usableQuantity(lots: readonly LotOnHand[], day: string): number {
  assertDay(day, 'day');
  return lots.reduce((sum, l) => (l.quantity > 0 && isUsableOn(l, day) ? sum + l.quantity : sum), 0);
}

/**
 * 'expired' after its last usable day; 'expiring' from `warnDays` days before it through the day
 * itself (so a lot on its last day is always flagged, even for an item without warnDays); else 'ok'.
 */
export function classifyExpiry(lot: Pick<LotOnHand, 'expiresOn'>, today: string, warnDays?: number | null): ExpiryClass {
  assertDay(today, 'today');
  if (lot.expiresOn === null) return 'ok';
  assertDay(lot.expiresOn, 'expiresOn');
  const left = daysBetween(today, lot.expiresOn);
  if (left < 0) return 'expired';
  return left <= (warnDays ?? 0) ? 'expiring' : 'ok';
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

export function addDays(day: string, days: number): string {
  assertDay(day, 'day');
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar day at an instant in Beijing time: the day keepers and labels go by. */
export function dayInShanghai(at: Date = new Date()): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Takes `quantity` from any lot holding stock, expired ones included, earliest expiry first (so expired
 * goods go first): what a write-off or a stocktake shortfall takes when the keeper names no batch.
 */
export function pickLotsForDisposal(lots: readonly LotOnHand[], quantity: number, opts: { batchNo?: string } = {}): FefoPick {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  const candidates = lots
    .filter((l) => l.quantity > 0 && (opts.batchNo === undefined || l.batchNo === opts.batchNo))
    .sort(byExpiryThenAge);
  const available = candidates.reduce((sum, l) => sum + l.quantity, 0);
  if (available < quantity) return { shortBy: quantity - available, available };
  const takes: Take[] = [];
  let left = quantity;
  for (const lot of candidates) {
    if (left === 0) break;
    const q = Math.min(left, lot.quantity);
    takes.push({ lotId: lot.lotId, quantity: q });
    left -= q;
  }
  return { takes };
}
