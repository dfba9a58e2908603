// The dispatch module's typed client. Bodies are the server's zod types; answers the shapes its
// services return (type-only imports: nothing of the server is bundled).
import type { PlanInput, RecomputeInput, SupplyRequestInput } from '../../api/modules/dispatch/schemas';
import type { PlanOut, PlanSummary } from '../../api/modules/dispatch/plan-views';
import type { comparePlans } from '../../api/modules/dispatch/plan-views';
import type { dispatchDepots, eventNeeds } from '../../api/modules/dispatch/needs-service';
import type { eventReliefSpeed, waybill } from '../../api/modules/dispatch/tracking-service';
import type { SupplyRequest } from '../../db/schema/dispatch';
import type { ShipmentOut } from '../../api/modules/stock/shipments';
import { get, post } from './client';

export type { PlanOut, PlanSummary, PlanInput, RecomputeInput, SupplyRequest };
export type Needs = ReturnType<typeof eventNeeds>;
export type NeedRow = Needs['demands'][number];
export type DispatchDepot = ReturnType<typeof dispatchDepots>[number];
export type Comparison = ReturnType<typeof comparePlans>;
export type ReliefSpeed = ReturnType<typeof eventReliefSpeed>;
export type Waybill = ReturnType<typeof waybill>;
export type FlowOut = PlanOut['flows'][number];

const qs = (q: Record<string, string | number | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return s ? `?${s}` : '';
};
// A fresh key per user action: a double click or a retried request approves once.
const once = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export const dispatchApi = {
  needs: (eventId: number, regionCode?: string) => get<Needs>(`/api/events/${eventId}/needs${qs({ regionCode })}`),
  speed: (eventId: number) => get<ReliefSpeed>(`/api/events/${eventId}/relief-speed`),
  depots: (planId?: number) => get<{ depots: DispatchDepot[] }>(`/api/dispatch/depots${qs({ planId })}`),
  plans: (q: { eventId?: number; status?: string } = {}) => get<{ plans: PlanSummary[] }>(`/api/dispatch/plans${qs(q)}`),
  plan: (id: number) => get<PlanOut>(`/api/dispatch/plans/${id}`),
  create: (p: PlanInput) => post<PlanOut>('/api/dispatch/plans', p, once()),
  recompute: (id: number, p: RecomputeInput) => post<PlanOut>(`/api/dispatch/plans/${id}/recompute`, p, once()),
  compare: (id: number) => get<Comparison>(`/api/dispatch/plans/${id}/compare`),
  approve: (id: number) => post<{ id: number; status: 'approved'; shipments: ShipmentOut[] }>(`/api/dispatch/plans/${id}/approve`, {}, once()),
  cancel: (id: number) => post<PlanOut>(`/api/dispatch/plans/${id}/cancel`, {}, once()),
  waybill: (shipmentId: number) => get<Waybill>(`/api/dispatch/waybills/${shipmentId}`),
  requests: (q: { eventId?: number; status?: string } = {}) => get<{ requests: SupplyRequest[] }>(`/api/dispatch/requests${qs(q)}`),
  request: (r: SupplyRequestInput) => post<SupplyRequest>('/api/dispatch/requests', r, once()),
  withdraw: (id: number) => post<SupplyRequest>(`/api/dispatch/requests/${id}/cancel`, {}, once()),
};
