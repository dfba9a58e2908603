// Dispatch inputs, shared by routes, services and the web client. zod only, so web/ imports it too.
import { z } from 'zod';

const Id = z.number().int().positive();
// As the stock module caps one movement: sums over thousands of demands stay far below 2^53.
const Qty = z.number().int().positive().max(1_000_000_000);
const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'a 2-, 4-, 6-, 9- or 12-digit division code');
const Text = (max: number) => z.string().trim().min(1).max(max);
export const Priority = z.number().int().min(1).max(5);

export const DemandInput = z.object({
  regionCode: RegionCode,
  itemId: Id,
  quantity: Qty,
  /** 1–5, 5 first; default 3 (api.md). */
  priority: Priority.optional(),
  /** The supply request (物资请领) this demand carries: approving the plan marks it planned. */
  requestId: Id.optional(),
});
export type DemandInput = z.infer<typeof DemandInput>;

const Arc = z.object({ depotId: Id, regionCode: RegionCode });
// A province-wide plan: a few hundred depots, a few thousand townships.
const roadOptions = {
  depotIds: z.array(Id).min(1).max(2000).optional(),
  /** No flow may take longer than this (hours at the configured speed). */
  maxHours: z.number().positive().max(240).optional(),
  /** Roads known to be cut between a depot and a region. */
  closedArcs: z.array(Arc).max(20_000).optional(),
  /** Regions no road reaches at all. */
  closedRegions: z.array(RegionCode).max(5000).optional(),
  /** Real road km entered by an officer; replaces great-circle × road factor for that pair. */
  roadKm: z.array(Arc.extend({ km: z.number().nonnegative().max(10_000) })).max(20_000).optional(),
};

export const PlanInput = z.object({
  eventId: Id.optional(),
  demands: z.array(DemandInput).min(1).max(20_000),
  ...roadOptions,
  name: Text(100).optional(),
  note: Text(500).optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** A new version of a draft: what is given replaces the draft's own inputs; `maxHours: null` lifts the limit. */
export const RecomputeInput = z.object({
  demands: z.array(DemandInput).min(1).max(20_000).optional(),
  ...roadOptions,
  maxHours: z.number().positive().max(240).nullable().optional(),
  note: Text(500).optional(),
});
export type RecomputeInput = z.infer<typeof RecomputeInput>;

export const CancelPlanInput = z.object({ note: Text(500).optional() });
export type CancelPlanInput = z.infer<typeof CancelPlanInput>;

export const SupplyRequestInput = z.object({
  eventId: Id.optional(),
  regionCode: RegionCode,
  itemId: Id,
  quantity: Qty,
  priority: Priority.optional(),
  note: Text(500).optional(),
});
export type SupplyRequestInput = z.infer<typeof SupplyRequestInput>;

// ---- Query strings and path parameters ----
// Digits only: coercion would take ' 3' or '3.0' as 3.
const QId = z.string().regex(/^[1-9]\d{0,15}$/, 'a positive whole number').transform(Number);
export const IdParam = z.object({ id: QId });
export const PLAN_STATUSES = ['draft', 'approved', 'superseded', 'cancelled'] as const;
export const PlanQuery = z.object({ eventId: QId.optional(), status: z.enum(PLAN_STATUSES).optional() });
export const CompareQuery = z.object({ with: QId.optional() });
export const RegionQuery = z.object({ regionCode: RegionCode.optional() });
export const DepotStockQuery = z.object({ planId: QId.optional() });
export const SupplyRequestQuery = z.object({
  eventId: QId.optional(), status: z.enum(['open', 'planned', 'cancelled']).optional(), regionCode: RegionCode.optional(),
});
