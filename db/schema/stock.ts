import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/sqlite-core';
import { depots } from './depots';

export const MOVEMENT_KINDS = ['receipt', 'issue', 'writeoff', 'adjustment', 'transfer', 'dispatch', 'transfer_in', 'reversal'] as const;
export const LOT_SOURCES = ['purchase', 'allocation', 'donation', 'transfer'] as const;
export const SHIPMENT_STATUSES = ['in_transit', 'received', 'cancelled'] as const;

// The catalogue (救灾物资储备目录): central items are reference data; provinces add their own.
export const items = sqliteTable('items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  unit: text('unit').notNull(),
  category: text('category').notNull(),
  catalogue: text('catalogue').notNull().default('local'),   // central | province | local
  regionCode: text('region_code'),                          // the province that added it
  weightKg: real('weight_kg').notNull(),
  volumeM3: real('volume_m3').notNull(),
  shelfLifeDays: integer('shelf_life_days'),
  warnDays: integer('warn_days'),
  spec: text('spec'),
  source: text('source'),
  createdAt: text('created_at').notNull(),
});

export const donors = sqliteTable('donors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  regionCode: text('region_code'),
  address: text('address'),
  anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: text('created_at').notNull(),
});

export const moneyDonations = sqliteTable('money_donations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  donorId: integer('donor_id').notNull().references(() => donors.id),
  amountFen: integer('amount_fen').notNull(),
  receivedOn: text('received_on').notNull(),
  eventId: integer('event_id'),
  purpose: text('purpose'),
  receiptNo: text('receipt_no'),
  note: text('note'),
  regionCode: text('region_code').notNull(),   // where it was received: the actor's region
  createdBy: integer('created_by'),
  createdAt: text('created_at').notNull(),
}, (t) => [check('money_donations_positive', sql`${t.amountFen} > 0`)]);

// A batch (批次) of one item in one depot. The label's facts live here; quantities live in the ledger.
export const lots = sqliteTable('lots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  depotId: integer('depot_id').notNull().references(() => depots.id),
  itemId: integer('item_id').notNull().references(() => items.id),
  batchNo: text('batch_no').notNull(),
  expiresOn: text('expires_on'),          // last usable day, YYYY-MM-DD; null: does not expire
  producedOn: text('produced_on'),
  origin: text('origin'),
  manufacturer: text('manufacturer'),
  qualityGrade: text('quality_grade'),
  source: text('source', { enum: LOT_SOURCES }).notNull(),
  donorId: integer('donor_id').references(() => donors.id),
  // The lot a transferred batch came from: how donated goods are followed from depot to depot.
  originLotId: integer('origin_lot_id'),
  receivedAt: text('received_at').notNull(),
}, (t) => [
  uniqueIndex('lots_depot_item_batch').on(t.depotId, t.itemId, t.batchNo),
  index('lots_item').on(t.itemId),
  index('lots_donor').on(t.donorId),
]);

// Immutable: triggers in a custom migration refuse UPDATE and DELETE.
export const stockMovements = sqliteTable('stock_movements', {
  id: integer('id').primaryKey({ autoIncrement: true }),          // ids are never reused
  // One request may move several lots (FEFO); they share a posting, and are reversed together.
  postingId: text('posting_id').notNull(),
  kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
  depotId: integer('depot_id').notNull().references(() => depots.id),
  itemId: integer('item_id').notNull().references(() => items.id),
  lotId: integer('lot_id').notNull().references(() => lots.id),
  quantity: integer('quantity').notNull(),                         // signed: + in, − out
  shipmentId: integer('shipment_id'),
  reversesId: integer('reverses_id'),
  writeoffRequestId: integer('writeoff_request_id'),
  stocktakeId: integer('stocktake_id'),
  toRegionCode: text('to_region_code'),
  note: text('note'),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  at: text('at').notNull(),
}, (t) => [
  // Reversed at most once: the index settles two concurrent reversals, a read-then-check cannot.
  uniqueIndex('one_reversal_per_movement').on(t.reversesId).where(sql`reverses_id IS NOT NULL`),
  index('movements_depot_item').on(t.depotId, t.itemId, t.id),
  index('movements_lot').on(t.lotId),
  index('movements_shipment').on(t.shipmentId),
  index('movements_posting').on(t.postingId),
  check('movements_nonzero', sql`${t.quantity} <> 0`),
]);

// The projection: kept in the same transaction as each movement.
export const stockBalances = sqliteTable('stock_balances', {
  lotId: integer('lot_id').primaryKey().references(() => lots.id),
  depotId: integer('depot_id').notNull(),
  itemId: integer('item_id').notNull(),
  quantity: integer('quantity').notNull(),
}, (t) => [
  index('balances_depot_item').on(t.depotId, t.itemId),
  index('balances_item').on(t.itemId),
  check('balance_quantity_non_negative', sql`${t.quantity} >= 0`),
]);

export interface ShipmentLot { lotId: number; batchNo: string; expiresOn: string | null; producedOn: string | null; quantity: number }

// Goods on the road: a transfer between depots, or a dispatch to an affected region.
export const shipments = sqliteTable('shipments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['transfer', 'dispatch'] }).notNull(),
  fromDepotId: integer('from_depot_id').notNull().references(() => depots.id),
  toDepotId: integer('to_depot_id').references(() => depots.id),
  toRegionCode: text('to_region_code'),
  itemId: integer('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
  status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
  planId: integer('plan_id'),
  lots: text('lots', { mode: 'json' }).$type<ShipmentLot[]>().notNull(),
  note: text('note'),
  sentBy: integer('sent_by'),
  sentAt: text('sent_at').notNull(),
  etaAt: text('eta_at'),
  receivedAt: text('received_at'),
  receivedQuantity: integer('received_quantity'),
  damagedQuantity: integer('damaged_quantity'),
  receiverName: text('receiver_name'),
  receivedBy: integer('received_by'),
  photo: text('photo'),
  lon: real('lon'),
  lat: real('lat'),
  receiveNote: text('receive_note'),
}, (t) => [
  index('shipments_status').on(t.status),
  index('shipments_plan').on(t.planId),
  index('shipments_from').on(t.fromDepotId),
  index('shipments_to').on(t.toDepotId),
  index('shipments_region').on(t.toRegionCode),
  check('shipments_destination', sql`(${t.toDepotId} IS NULL) <> (${t.toRegionCode} IS NULL)`),
  check('shipments_positive', sql`${t.quantity} > 0`),
]);

// Damaged goods and shortfall found at delivery: what the shipment sent and nobody received.
export const transitLosses = sqliteTable('transit_losses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  shipmentId: integer('shipment_id').notNull().references(() => shipments.id),
  itemId: integer('item_id').notNull(),
  lotId: integer('lot_id'),
  kind: text('kind', { enum: ['damaged', 'missing'] }).notNull(),
  quantity: integer('quantity').notNull(),
  reason: text('reason'),
  actorId: integer('actor_id'),
  at: text('at').notNull(),
}, (t) => [index('losses_shipment').on(t.shipmentId), check('losses_positive', sql`${t.quantity} > 0`)]);

export const writeoffRequests = sqliteTable('writeoff_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  depotId: integer('depot_id').notNull().references(() => depots.id),
  itemId: integer('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
  batchNo: text('batch_no'),
  reason: text('reason').notNull(),
  note: text('note'),
  photo: text('photo'),
  status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
  requestedBy: integer('requested_by'),
  requestedByName: text('requested_by_name'),
  requestedAt: text('requested_at').notNull(),
  decidedBy: integer('decided_by'),
  decidedByName: text('decided_by_name'),
  decidedAt: text('decided_at'),
  decisionNote: text('decision_note'),
  postingId: text('posting_id'),
}, (t) => [index('writeoffs_depot').on(t.depotId, t.status)]);

export const stocktakes = sqliteTable('stocktakes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  depotId: integer('depot_id').notNull().references(() => depots.id),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  note: text('note'),
  openedBy: integer('opened_by'),
  openedAt: text('opened_at').notNull(),
  closedBy: integer('closed_by'),
  closedAt: text('closed_at'),
  // 账实相符: every counted quantity equalled the book when the count was closed.
  matched: integer('matched', { mode: 'boolean' }),
}, (t) => [
  index('stocktakes_depot').on(t.depotId),
  uniqueIndex('one_open_stocktake_per_depot').on(t.depotId).where(sql`status = 'open'`),
]);

export const stocktakeLines = sqliteTable('stocktake_lines', {
  stocktakeId: integer('stocktake_id').notNull().references(() => stocktakes.id),
  lotId: integer('lot_id').notNull().references(() => lots.id),
  itemId: integer('item_id').notNull(),
  // The book when the line was snapshotted, and again when the count was entered.
  snapshotQuantity: integer('snapshot_quantity').notNull(),
  bookQuantity: integer('book_quantity').notNull(),
  countedQuantity: integer('counted_quantity'),
  note: text('note'),
  countedBy: integer('counted_by'),
  countedAt: text('counted_at'),
}, (t) => [primaryKey({ columns: [t.stocktakeId, t.lotId] })]);

// A depot's target per item set by an officer; otherwise the target follows from the standards.
export const reserveTargets = sqliteTable('reserve_targets', {
  depotId: integer('depot_id').notNull().references(() => depots.id),
  itemId: integer('item_id').notNull().references(() => items.id),
  targetQuantity: integer('target_quantity').notNull(),
  note: text('note'),
  setBy: integer('set_by'),
  setAt: text('set_at').notNull(),
}, (t) => [primaryKey({ columns: [t.depotId, t.itemId] })]);

// Per-person reserve standards (db/seed/reserve-standards.json): national rows, region overrides.
export const reserveStandards = sqliteTable('reserve_standards', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  itemCode: text('item_code').notNull(),
  regionCode: text('region_code'),
  quantity: real('quantity').notNull(),
  perPeople: real('per_people').notNull(),
  source: text('source').notNull(),
  note: text('note'),
});

export type Item = typeof items.$inferSelect;
export type Lot = typeof lots.$inferSelect;
export type StockMovement = typeof stockMovements.$inferSelect;
export type Shipment = typeof shipments.$inferSelect;
