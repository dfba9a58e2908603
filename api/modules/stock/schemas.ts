// Stock, catalogue, depot and donation inputs, shared by routes, services and the web client.
// zod only, so web/ can import this file as it is.
import { z } from 'zod';

const Id = z.number().int().positive();
// zod 4's int() is already bounded to safe integers; the cap keeps sums of many movements (balances,
// totals over regions) far below 2^53 as well. No relief depot moves a billion units in one entry.
export const MAX_MOVEMENT_QUANTITY = 1_000_000_000;
const Qty = z.number().int().positive().max(MAX_MOVEMENT_QUANTITY);
const Count = z.number().int().nonnegative().max(MAX_MOVEMENT_QUANTITY);
const Day = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
const Note = Text(500);
const BatchNo = Text(64);
const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'a 2-, 4-, 6-, 9- or 12-digit division code');
// China's extent, as regions/schemas.ts uses: it catches lon and lat typed the wrong way round.
const Lon = z.number().min(73).max(136);
const Lat = z.number().min(3).max(54);
const Phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '手机号 11 位，或区号-座机号');

export const RECEIPT_SOURCES = ['purchase', 'allocation', 'donation', 'transfer'] as const;
export const DEPOT_TIERS = ['central', 'province', 'prefecture', 'county', 'township'] as const;
export const WRITEOFF_REASONS = ['expired', 'damaged', 'quality', 'lost', 'other'] as const;
// The catalogue's classes: 帐篷类 shelter, 被服类 bedding (quilts and clothes), 装具类 equipment, plus
// food and water. Only suggested: provinces add their own items and classes (domain.md §5).
export const ITEM_CATEGORIES = ['shelter', 'bedding', 'equipment', 'food', 'water'] as const;

const at = { depotId: Id, itemId: Id };
const outbound = { ...at, quantity: Qty, batchNo: BatchNo.optional(), note: Note.optional(), toRegionCode: RegionCode.optional() };

export const ReceiptInput = z.object({
  ...at,
  kind: z.literal('receipt'),
  quantity: Qty,
  batchNo: BatchNo.optional(),
  expiresOn: Day.optional(),
  producedOn: Day.optional(),
  origin: Text(100).optional(),
  manufacturer: Text(100).optional(),
  qualityGrade: Text(32).optional(),
  source: z.enum(RECEIPT_SOURCES).optional(),
  donorId: Id.optional(),
  note: Note.optional(),
})
  // ISO dates compare correctly as strings.
  .refine((r) => !r.producedOn || !r.expiresOn || r.producedOn <= r.expiresOn,
    { message: 'a batch cannot expire before it was produced', path: ['expiresOn'] })
  .refine((r) => r.donorId === undefined || r.source === 'donation',
    { message: 'a donor is named only for a donation', path: ['donorId'] });

export const IssueInput = z.object({ ...outbound, kind: z.literal('issue') });
// Same shape as an issue; the service accepts it only when posting an approved write-off request.
export const WriteoffInput = z.object({ ...outbound, kind: z.literal('writeoff') });

export const AdjustmentInput = z.object({
  ...at,
  kind: z.literal('adjustment'),
  quantity: z.number().int().min(-MAX_MOVEMENT_QUANTITY).max(MAX_MOVEMENT_QUANTITY).refine((q) => q !== 0, 'a stocktake difference is never zero'),
  note: Note,
  batchNo: BatchNo.optional(),
});

export const TransferInput = z.object({
  ...at,
  kind: z.literal('transfer'),
  quantity: Qty,
  toDepotId: Id,
  batchNo: BatchNo.optional(),
  note: Note.optional(),
}).refine((t) => t.toDepotId !== t.depotId, { message: 'a transfer goes to another depot', path: ['toDepotId'] });

export const MovementInput = z.discriminatedUnion('kind', [ReceiptInput, IssueInput, WriteoffInput, AdjustmentInput, TransferInput]);
export type MovementInput = z.infer<typeof MovementInput>;
export type MovementKindInput = MovementInput['kind'];

// About 1.5 MB of image once decoded: enough for a phone photo of a delivery note, small enough
// that a field client on a bad network is not retrying megabytes.
export const MAX_PHOTO_DATA_URL_CHARS = 2_000_000;
const Photo = z.string().max(MAX_PHOTO_DATA_URL_CHARS, 'photo too large')
  .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/, 'a base64 JPEG, PNG or WebP data URL');

// Whether received + damaged ≤ sent and whether a loss reason is needed depend on the shipment, so
// the service decides them; this schema only checks what one request can know.
export const ReceiveShipmentInput = z.object({
  receivedQuantity: Count,
  damagedQuantity: Count.optional(),
  lossReason: Text(200).optional(),
  receiverName: Text(50).optional(),
  photo: Photo.optional(),
  lon: Lon.optional(),
  lat: Lat.optional(),
  note: Note.optional(),
}).refine((r) => (r.lon === undefined) === (r.lat === undefined), { message: 'lon and lat come together', path: ['lat'] });
export type ReceiveShipmentInput = z.infer<typeof ReceiveShipmentInput>;

export const ItemInput = z.object({
  code: Text(32),
  name: Text(64),
  nameEn: Text(100).optional(),
  unit: Text(8),
  category: Text(32),
  weightKg: z.number().positive().max(100_000),
  volumeM3: z.number().positive().max(1_000),
  shelfLifeDays: z.number().int().positive().nullable().default(null),   // null: does not expire
  warnDays: z.number().int().positive().nullable().optional(),           // warn this many days before expiry
  spec: Text(200).optional(),
}).refine((i) => i.warnDays == null || (i.shelfLifeDays !== null && i.warnDays < i.shelfLifeDays),
  { message: 'warnDays applies to an item that expires and is shorter than its shelf life', path: ['warnDays'] });
export type ItemInput = z.infer<typeof ItemInput>;

export const DepotInput = z.object({
  code: Text(32),
  name: Text(64),
  tier: z.enum(DEPOT_TIERS),
  regionCode: RegionCode,
  lon: Lon,
  lat: Lat,
  capacityM3: z.number().positive().optional(),
  address: Text(200).optional(),
  contactName: Text(50).optional(),
  contactPhone: Phone.optional(),
  relocateCapacityPeople: Count.optional(),
});
export type DepotInput = z.infer<typeof DepotInput>;

// Scrapping (报废) needs approval (domain.md §5): a keeper asks, an officer decides, and only then
// is a `writeoff` movement posted.
export const WriteoffRequestInput = z.object({
  ...at,
  quantity: Qty,
  batchNo: BatchNo.optional(),
  reason: z.enum(WRITEOFF_REASONS),
  note: Note.optional(),
  photo: Photo.optional(),
}).refine((w) => w.reason !== 'other' || w.note !== undefined, { message: 'say why when the reason is "other"', path: ['note'] });
export type WriteoffRequestInput = z.infer<typeof WriteoffRequestInput>;

export const WriteoffDecisionInput = z.object({ decision: z.enum(['approve', 'reject']), note: Note.optional() })
  .refine((d) => d.decision === 'approve' || d.note !== undefined, { message: 'a rejection says why', path: ['note'] });
export type WriteoffDecisionInput = z.infer<typeof WriteoffDecisionInput>;

export const StocktakeCountInput = z.object({
  lines: z.array(z.object({ lotId: Id, countedQuantity: Count, note: Note.optional() })).min(1).max(5_000)
    .refine((ls) => new Set(ls.map((l) => l.lotId)).size === ls.length, 'each lot is counted once'),
});
export type StocktakeCountInput = z.infer<typeof StocktakeCountInput>;

// A depot's target per item; overrides what its relocation capacity and the standards imply.
export const ReserveTargetInput = z.object({ ...at, targetQuantity: Count, note: Note.optional() });
export type ReserveTargetInput = z.infer<typeof ReserveTargetInput>;

// `quantity` units per `perPeople` people (one 12 ㎡ tent per 4 people): exact where a per-person
// fraction (0.25, 1/6) would not be. National rows have no regionCode; a region's row for the same
// item replaces the national one inside that region, a row for another item adds to them.
const perPeopleRule = {
  itemCode: Text(32),
  quantity: z.number().positive(),
  perPeople: z.number().positive(),
  regionCode: RegionCode.optional(),
  source: Text(500),
  note: Note.optional(),
};
export const ReserveStandard = z.object(perPeopleRule);
export type ReserveStandard = z.infer<typeof ReserveStandard>;

export const NEED_BASES = ['relocated', 'relocatedCentralized', 'needEmergencyAid', 'needTransitionalAid'] as const;
// Needs after a disaster (db/seed/need-standards.json): people = Σ of the `basis` report figures
// (relocated and needEmergencyAid are disjoint, as in the relocatedNeedAid indicator); `days` set
// means the rule is per day for that many days.
export const NeedStandard = z.object({
  ...perPeopleRule,
  basis: z.array(z.enum(NEED_BASES)).min(1).refine((b) => new Set(b).size === b.length, 'each figure once'),
  days: z.number().int().positive().nullable(),
  months: z.array(z.number().int().min(1).max(12)).min(1).max(12).nullable(),  // null: all year
});
export type NeedStandard = z.infer<typeof NeedStandard>;

export const DonorInput = z.object({
  name: Text(100),
  kind: z.enum(['person', 'organization', 'company']),
  contactName: Text(50).optional(),
  contactPhone: Phone.optional(),
  regionCode: RegionCode.optional(),
  address: Text(200).optional(),
  anonymous: z.boolean().optional(),   // thanked and listed without a name
  note: Note.optional(),
});
export type DonorInput = z.infer<typeof DonorInput>;

export const MoneyDonationInput = z.object({
  donorId: Id,
  amountFen: z.number().int().positive(),   // money is integer fen (分)
  receivedOn: Day,
  eventId: Id.optional(),
  purpose: Text(200).optional(),          // 定向捐赠: what the donor restricted it to
  receiptNo: Text(64).optional(),         // 捐赠票据号
  note: Note.optional(),
});
export type MoneyDonationInput = z.infer<typeof MoneyDonationInput>;

// ---- Query strings and small bodies of the stock routes ----
// Ids in paths and query strings: digits only (coercion would take ' 3' or '3.0' as 3).
const QId = z.string().regex(/^[1-9]\d{0,15}$/, 'a positive whole number').transform(Number);
const QLimit = z.string().regex(/^\d{1,4}$/, 'a whole number').transform(Number).pipe(z.number().int().min(1).max(1000));
export const ItemIdParam = z.object({ id: QId });
export const StockQuery = z.object({ depotId: QId.optional(), itemId: QId.optional(), regionCode: RegionCode.optional() });
export const MovementQuery = z.object({
  depotId: QId.optional(), itemId: QId.optional(), lotId: QId.optional(), shipmentId: QId.optional(),
  kind: z.enum(['receipt', 'issue', 'writeoff', 'adjustment', 'transfer', 'dispatch', 'transfer_in', 'reversal']).optional(),
  regionCode: RegionCode.optional(), beforeId: QId.optional(), limit: QLimit.optional(),
});
export const ShipmentQuery = z.object({
  status: z.enum(['in_transit', 'received', 'cancelled']).optional(), planId: QId.optional(), depotId: QId.optional(),
  itemId: QId.optional(), toRegionCode: RegionCode.optional(), limit: QLimit.optional(),
});
export const DepotQuery = z.object({ regionCode: RegionCode.optional() });
export const RegionQuery = z.object({ regionCode: RegionCode.optional() });
export const ReverseInput = z.object({ note: Note.optional() });
export type ReverseInput = z.infer<typeof ReverseInput>;
export const DepotPatchInput = DepotInput.omit({ code: true, regionCode: true }).partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .refine((p) => (p.lon === undefined) === (p.lat === undefined), { message: 'lon and lat come together', path: ['lat'] });
export type DepotPatchInput = z.infer<typeof DepotPatchInput>;
export const WriteoffQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), depotId: QId.optional() });
export const StocktakeOpenInput = z.object({ depotId: Id, note: Note.optional() });
export type StocktakeOpenInput = z.infer<typeof StocktakeOpenInput>;
export const StocktakeQuery = z.object({ depotId: QId.optional(), status: z.enum(['open', 'closed']).optional() });
export const TargetQuery = z.object({ depotId: QId.optional(), regionCode: RegionCode.optional() });
