import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickLotsFefo, type LotOnHand } from '../../api/modules/stock/fefo';

// Days in a short window around "today", so expired, expiring-today and later lots all turn up.
const DAYS = ['2025-06-10', '2025-06-14', '2025-06-15', '2025-06-16', '2025-06-20', '2025-07-01'];
const day = fc.constantFrom(...DAYS);
const lotsArb = fc.uniqueArray(
  fc.record({
    lotId: fc.integer({ min: 1, max: 1_000 }),
    batchNo: fc.constantFrom('A', 'B', 'C', null),
    expiresOn: fc.option(day, { nil: null }),
    quantity: fc.integer({ min: 0, max: 40 }),
  }),
  { selector: (l) => l.lotId, maxLength: 12 },
);
const optsArb = fc.record({ batchNo: fc.constantFrom('A', 'B', 'C'), usableAfter: day }, { requiredKeys: [] });

// The specification written out the slow, obvious way.
function usableLots(lots: LotOnHand[], today: string, opts: { batchNo?: string; usableAfter?: string }) {
  const lastNeeded = [today, opts.usableAfter ?? today].sort()[1];
  return lots.filter((l) => l.quantity > 0
    && (opts.batchNo === undefined || l.batchNo === opts.batchNo)
    && (l.expiresOn === null || l.expiresOn >= lastNeeded));
}
const expiryRank = (l: LotOnHand) => l.expiresOn ?? '9999-12-31';

describe('pickLotsFefo, for any lots and quantity', () => {
  it('takes exactly the quantity from usable lots, or takes nothing and says how much is short', () => {
    fc.assert(fc.property(lotsArb, fc.integer({ min: 1, max: 300 }), day, optsArb, (lots, quantity, today, opts) => {
      const usable = usableLots(lots, today, opts);
      const available = usable.reduce((s, l) => s + l.quantity, 0);
      const pick = pickLotsFefo(lots, quantity, today, opts);
      if ('shortBy' in pick) {
        expect(available).toBeLessThan(quantity);
        expect(pick).toEqual({ shortBy: quantity - available, available });
        return;
      }
      expect(available).toBeGreaterThanOrEqual(quantity);
      expect(pick.takes.reduce((s, t) => s + t.quantity, 0)).toBe(quantity);
      expect(new Set(pick.takes.map((t) => t.lotId)).size).toBe(pick.takes.length);
      const byId = new Map(usable.map((l) => [l.lotId, l]));
      for (const t of pick.takes) {
        const l = byId.get(t.lotId);
        expect(l, `lot ${t.lotId} is usable`).toBeDefined();     // never expired, never another batch
        expect(t.quantity).toBeGreaterThan(0);
        expect(t.quantity).toBeLessThanOrEqual(l!.quantity);
      }
    }), { numRuns: 2_000 });
  });

  it('takes in expiry order and empties every earlier-expiring lot before touching a later one', () => {
    fc.assert(fc.property(lotsArb, fc.integer({ min: 1, max: 300 }), day, optsArb, (lots, quantity, today, opts) => {
      const pick = pickLotsFefo(lots, quantity, today, opts);
      if (!('takes' in pick)) return;
      const byId = new Map(lots.map((l) => [l.lotId, l]));
      const taken = pick.takes.map((t) => byId.get(t.lotId)!);
      for (let i = 1; i < taken.length; i++) {
        const [a, b] = [taken[i - 1], taken[i]];
        expect(expiryRank(a) < expiryRank(b) || (expiryRank(a) === expiryRank(b) && a.lotId < b.lotId)).toBe(true);
      }
      // All takes but the last empty their lot; no untouched usable lot comes before the last one taken.
      pick.takes.slice(0, -1).forEach((t) => expect(t.quantity).toBe(byId.get(t.lotId)!.quantity));
      const last = taken[taken.length - 1];
      const takenIds = new Set(taken.map((l) => l.lotId));
      for (const l of usableLots(lots, today, opts)) {
        if (takenIds.has(l.lotId)) continue;
        expect(expiryRank(l) > expiryRank(last) || (expiryRank(l) === expiryRank(last) && l.lotId > last.lotId)).toBe(true);
      }
    }), { numRuns: 2_000 });
  });

  it('does not depend on the order the lots are listed in', () => {
    fc.assert(fc.property(lotsArb, fc.integer({ min: 1, max: 300 }), day, optsArb, fc.infiniteStream(fc.integer()), (lots, quantity, today, opts, keys) => {
      const shuffled = lots.map((l) => ({ l, k: keys.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.l);
      expect(pickLotsFefo(shuffled, quantity, today, opts)).toEqual(pickLotsFefo(lots, quantity, today, opts));
    }), { numRuns: 500 });
  });
});
