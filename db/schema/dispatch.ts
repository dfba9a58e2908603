import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { depots } from './depots';
import { events } from './events';
import { items } from './stock';
import { regions } from './regions';

export const PLAN_STATUSES = ['draft', 'approved', 'superseded', 'cancelled'] as const;
export const SUPPLY_REQUEST_STATUSES = ['open', 'planned', 'cancelled'] as const;

/** What a plan was asked (kept so a draft can be recomputed and versions compared). */
export interface PlanInputs {
  demands: { regionCode: string; itemId: number; quantity: number; priority: number; requestId?: number }[];
  depotIds: number[];
  maxHours: number | null;
  closedArcs: { depotId: number; regionCode: string }[];
  closedRegions: string[];
  roadKm: { depotId: number; regionCode: string; km: number }[];
  roadFactor: number;
  speedKmh: number;
}
/** The usable stock the planner was given, per depot and item, and how much of it other drafts had promised. */
export interface PlanStockRow { depotId: number; itemId: number; usable: number; promised: number; planned: number }

// A dispatch plan (调拨方案). Recomputing a draft makes the next version and supersedes this one;
// approval turns its flows into shipments. familyId is the first version's id.
export const dispatchPlans = sqliteTable('dispatch_plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  familyId: integer('family_id'),
  version: integer('version').notNull(),
  previousId: integer('previous_id'),
  eventId: integer('event_id').references(() => events.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
  status: text('status', { enum: PLAN_STATUSES }).notNull(),
  name: text('name'),
  note: text('note'),
  inputs: text('inputs', { mode: 'json' }).$type<PlanInputs>().notNull(),
  stock: text('stock', { mode: 'json' }).$type<PlanStockRow[]>().notNull(),
  unmet: text('unmet', { mode: 'json' }).$type<{ regionCode: string; itemId: number; quantity: number }[]>().notNull(),
  metByPriority: text('met_by_priority', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  demanded: integer('demanded').notNull(),
  met: integer('met').notNull(),
  cost: real('cost').notNull(),
  computeMs: real('compute_ms').notNull(),
  createdBy: integer('created_by'),
  createdByName: text('created_by_name').notNull(),
  createdAt: text('created_at').notNull(),
  approvedBy: integer('approved_by'),
  approvedByName: text('approved_by_name'),
  approvedAt: text('approved_at'),
  closedAt: text('closed_at'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  index('dispatch_plans_event').on(t.eventId, t.status),
  index('dispatch_plans_family').on(t.familyId),
  // A version is recomputed at most once: two officers recomputing the same draft cannot fork it.
  uniqueIndex('one_next_version').on(t.previousId).where(sql`previous_id IS NOT NULL`),
]);

// One row per (depot, region, item) of a plan; shipmentId is set when the plan is approved.
export const dispatchFlows = sqliteTable('dispatch_flows', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  planId: integer('plan_id').notNull().references(() => dispatchPlans.id),
  depotId: integer('depot_id').notNull().references(() => depots.id),
  regionCode: text('region_code').notNull(),
  itemId: integer('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
  km: real('km').notNull(),
  hours: real('hours').notNull(),
  shipmentId: integer('shipment_id'),
}, (t) => [
  index('dispatch_flows_plan').on(t.planId),
  uniqueIndex('dispatch_flows_shipment').on(t.shipmentId).where(sql`shipment_id IS NOT NULL`),
  check('dispatch_flows_positive', sql`${t.quantity} > 0`),
]);

// An explicit request for goods (物资请领) from a county or township; a demand until a plan that
// carries it is approved. (Not the recovery module's requisitions: 征用 of vehicles and buildings.)
export const supplyRequests = sqliteTable('supply_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id').references(() => events.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
  itemId: integer('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
  priority: integer('priority').notNull(),
  note: text('note'),
  status: text('status', { enum: SUPPLY_REQUEST_STATUSES }).notNull(),
  planId: integer('plan_id'),
  requestedBy: integer('requested_by'),
  requestedByName: text('requested_by_name').notNull(),
  requestedAt: text('requested_at').notNull(),
  closedAt: text('closed_at'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  index('supply_requests_event').on(t.eventId, t.status),
  index('supply_requests_region').on(t.regionCode),
  check('supply_requests_positive', sql`${t.quantity} > 0`),
  check('supply_requests_priority', sql`${t.priority} BETWEEN 1 AND 5`),
]);

export type DispatchPlan = typeof dispatchPlans.$inferSelect;
export type DispatchFlow = typeof dispatchFlows.$inferSelect;
export type SupplyRequest = typeof supplyRequests.$inferSelect;
