import { describe, expect, it } from 'vitest';
import {
  DepotInput, ItemInput, MovementInput, NeedStandard, ReceiveShipmentInput, ReserveStandard, StocktakeCountInput,
  WriteoffRequestInput, MoneyDonationInput, MAX_PHOTO_DATA_URL_CHARS,
} from '../../api/modules/stock/schemas';
import items from '../../db/seed/items.json';
import needs from '../../db/seed/need-standards.json';
import reserves from '../../db/seed/reserve-standards.json';

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('MovementInput', () => {
  const at = { depotId: 1, itemId: 2 };

  it('accepts each kind the contract names', () => {
    expect(ok(MovementInput, { ...at, kind: 'receipt', quantity: 100, batchNo: 'B-2025-01', expiresOn: '2026-06-30', source: 'donation', donorId: 3 })).toBe(true);
    expect(ok(MovementInput, { ...at, kind: 'issue', quantity: 5, toRegionCode: '152522101' })).toBe(true);
    expect(ok(MovementInput, { ...at, kind: 'writeoff', quantity: 5, batchNo: 'B1' })).toBe(true);
    expect(ok(MovementInput, { ...at, kind: 'adjustment', quantity: -3, note: '盘亏' })).toBe(true);
    expect(ok(MovementInput, { ...at, kind: 'transfer', quantity: 30, toDepotId: 9 })).toBe(true);
  });

  it('refuses zero, negative, fractional and unsafe quantities', () => {
    for (const quantity of [0, -1, 1.5, 2 ** 53]) expect(ok(MovementInput, { ...at, kind: 'issue', quantity })).toBe(false);
    expect(ok(MovementInput, { ...at, kind: 'adjustment', quantity: 0, note: 'x' })).toBe(false);
  });

  it('wants a note on an adjustment and another depot on a transfer', () => {
    expect(ok(MovementInput, { ...at, kind: 'adjustment', quantity: 2 })).toBe(false);
    expect(ok(MovementInput, { ...at, kind: 'transfer', quantity: 2, toDepotId: 1 })).toBe(false);
    expect(ok(MovementInput, { ...at, kind: 'transfer', quantity: 2 })).toBe(false);
  });

  it('refuses impossible dates and a batch that expires before it was made', () => {
    expect(ok(MovementInput, { ...at, kind: 'receipt', quantity: 1, expiresOn: '2025-02-30' })).toBe(false);
    expect(ok(MovementInput, { ...at, kind: 'receipt', quantity: 1, producedOn: '2025-05-01', expiresOn: '2025-04-30' })).toBe(false);
    expect(ok(MovementInput, { ...at, kind: 'receipt', quantity: 1, donorId: 3, source: 'purchase' })).toBe(false);
  });

  it('refuses an unknown kind', () => {
    expect(ok(MovementInput, { ...at, kind: 'gift', quantity: 1 })).toBe(false);
  });
});

describe('other inputs', () => {
  it('takes a receipt of nothing but bounds the photo', () => {
    expect(ok(ReceiveShipmentInput, { receivedQuantity: 0, damagedQuantity: 30, lossReason: '翻车' })).toBe(true);
    expect(ok(ReceiveShipmentInput, { receivedQuantity: 1, photo: 'data:image/jpeg;base64,/9j/4AAQ' })).toBe(true);
    expect(ok(ReceiveShipmentInput, { receivedQuantity: 1, photo: `data:image/jpeg;base64,${'A'.repeat(MAX_PHOTO_DATA_URL_CHARS)}` })).toBe(false);
    expect(ok(ReceiveShipmentInput, { receivedQuantity: 1, photo: 'https://example.com/x.jpg' })).toBe(false);
    expect(ok(ReceiveShipmentInput, { receivedQuantity: 1, lon: 116.4 })).toBe(false);
  });

  it('places depots in China, lon before lat', () => {
    const depot = { code: 'XLHT-01', name: '锡林浩特市救灾物资储备库', tier: 'county', regionCode: '152502', lon: 116.09, lat: 43.94 };
    expect(ok(DepotInput, depot)).toBe(true);
    expect(ok(DepotInput, { ...depot, lon: 43.94, lat: 116.09 })).toBe(false);
    expect(ok(DepotInput, { ...depot, tier: 'district' })).toBe(false);
  });

  it('defaults an item without a shelf life to one that never expires', () => {
    const parsed = ItemInput.parse({ code: 'X', name: '毛毯', unit: '条', category: 'bedding', weightKg: 1.5, volumeM3: 0.012 });
    expect(parsed.shelfLifeDays).toBeNull();
    expect(ok(ItemInput, { ...parsed, warnDays: 30 })).toBe(false);
  });

  it('counts each lot once in a stocktake and wants a reason for "other" write-offs', () => {
    expect(ok(StocktakeCountInput, { lines: [{ lotId: 1, countedQuantity: 0 }, { lotId: 1, countedQuantity: 2 }] })).toBe(false);
    expect(ok(WriteoffRequestInput, { depotId: 1, itemId: 1, quantity: 3, reason: 'other' })).toBe(false);
    expect(ok(WriteoffRequestInput, { depotId: 1, itemId: 1, quantity: 3, reason: 'expired' })).toBe(true);
    expect(ok(MoneyDonationInput, { donorId: 1, amountFen: 12.5, receivedOn: '2025-06-01' })).toBe(false);
  });
});

describe('seeded reference data', () => {
  it('has a valid item for every catalogue entry, each with a source and unique code', () => {
    for (const item of items.items) {
      expect(ItemInput.safeParse(item).error).toBeUndefined();
      expect(item.source.length).toBeGreaterThan(10);
    }
    expect(new Set(items.items.map((i) => i.code)).size).toBe(items.items.length);
    expect(items.items.filter((i) => i.catalogue === 'central')).toHaveLength(14);
    expect(items.items.find((i) => i.code === 'YURT')).toMatchObject({ name: '蒙古包', catalogue: 'province', regionCode: '150000' });
  });

  it('gives food and water short shelf lives and a warning before them', () => {
    const byCode = Object.fromEntries(items.items.map((i) => [i.code, i]));
    expect(byCode.FOOD).toMatchObject({ shelfLifeDays: 365, warnDays: 60 });
    expect(byCode.WATER).toMatchObject({ shelfLifeDays: 545, warnDays: 90 });
  });

  it('has valid need and reserve standards that name only catalogue items', () => {
    const codes = new Set(items.items.map((i) => i.code));
    for (const s of needs.standards) {
      expect(NeedStandard.safeParse(s).error).toBeUndefined();
      expect(codes.has(s.itemCode)).toBe(true);
    }
    for (const s of reserves.standards) {
      expect(ReserveStandard.safeParse(s).error).toBeUndefined();
      expect(codes.has(s.itemCode)).toBe(true);
    }
    const seen = reserves.standards.map((s) => `${'regionCode' in s ? s.regionCode : ''}/${s.itemCode}`);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
