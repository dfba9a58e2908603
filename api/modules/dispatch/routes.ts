import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { jsonBody, newRouter, route } from '../../http/router';
import { commitWrite } from '../../http/write';
import { EventIdParam } from '../events/routes';
import { approvePlan } from './approve-service';
import { cancelSupplyRequest, createSupplyRequest, dispatchDepots, eventNeeds, listSupplyRequests } from './needs-service';
import { cancelPlan, createPlan, recomputePlan } from './plan-service';
import { comparePlans, getPlan, listPlans } from './plan-views';
import { DISPATCH_POLICY, NEED_RULES, TRUCK_TYPES } from './policy';
import { eventReliefSpeed, waybill } from './tracking-service';
import {
  CancelPlanInput, CompareQuery, DepotStockQuery, IdParam, PlanInput, PlanQuery, RecomputeInput, RegionQuery, SupplyRequestInput, SupplyRequestQuery,
} from './schemas';

const scope = (c: Context<AppEnv>) => ({ actor: c.var.actor, tree: c.var.deps.tree });
const PLANNERS = ['officer', 'admin'] as const;
const READERS = ['officer', 'admin', 'auditor'] as const;
const OK = { 200: { description: 'OK' }, 400: { description: 'invalid input' }, 403: { description: 'outside your role or region' }, 404: { description: 'not found' }, 409: { description: 'a rule refused it (STALE_PLAN, INVALID_TRANSITION)' } };

export function dispatchRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'post', path: '/plans', tags: ['dispatch'], summary: '调拨方案 Plan: most demand met by priority, then least Σ quantity × km (draft)', roles: [...PLANNERS], request: jsonBody(PlanInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createPlan(tx, w, c.var.deps.config, input));
  });
  r.openapi(route({ method: 'get', path: '/plans', tags: ['dispatch'], summary: 'Plans in your area, newest first', roles: [...READERS], request: { query: PlanQuery } }), (c) =>
    c.json({ plans: listPlans(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'get', path: '/plans/{id}', tags: ['dispatch'], summary: 'One plan: flows with loading and tracking, unmet, cost', roles: [...READERS], request: { params: IdParam } }), (c) =>
    c.json(getPlan(c.var.deps.db, scope(c), c.req.valid('param').id), 200));
  r.openapi(route({ method: 'get', path: '/plans/{id}/compare', tags: ['dispatch'], summary: '方案对比 Compare with the previous version (or ?with=)', roles: [...READERS], request: { params: IdParam, query: CompareQuery } }), (c) =>
    c.json(comparePlans(c.var.deps.db, scope(c), c.req.valid('param').id, c.req.valid('query').with), 200));
  r.openapi(route({ method: 'post', path: '/plans/{id}/recompute', tags: ['dispatch'], summary: '重新计算 A draft\'s next version with changed inputs and today\'s stock', roles: [...PLANNERS], responses: { 201: { description: 'the new version' }, ...OK }, request: { params: IdParam, ...jsonBody(RecomputeInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => recomputePlan(tx, w, c.var.deps.config, id, input));
  });
  r.openapi(route({ method: 'post', path: '/plans/{id}/approve', tags: ['dispatch'], summary: '批准 Approve: stock leaves the depots (FEFO) and shipments go in transit, all or nothing', roles: [...PLANNERS], responses: OK, request: { params: IdParam } }), (c) => {
    const { id } = c.req.valid('param');
    return commitWrite(c, 200, (tx, w) => approvePlan(tx, w, id));
  });
  r.openapi(route({ method: 'post', path: '/plans/{id}/cancel', tags: ['dispatch'], summary: '作废 Drop a draft (its promise on the stock ends)', roles: [...PLANNERS], responses: OK, request: { params: IdParam, ...jsonBody(CancelPlanInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => cancelPlan(tx, w, id, input));
  });

  r.openapi(route({ method: 'get', path: '/depots', tags: ['dispatch'], summary: 'Depots in your area with usable stock per item and what drafts have promised', roles: [...READERS], request: { query: DepotStockQuery } }), (c) =>
    c.json({ depots: dispatchDepots(c.var.deps.db, scope(c), c.req.valid('query').planId) }, 200));
  r.openapi(route({ method: 'get', path: '/standards', tags: ['dispatch'], summary: '需求标准 Need standards, truck types and the 10-hour target, each with its source' }), (c) =>
    c.json({ needStandards: NEED_RULES, truckTypes: TRUCK_TYPES, policy: DISPATCH_POLICY }, 200));

  r.openapi(route({ method: 'post', path: '/requests', tags: ['dispatch'], summary: '物资请领 A county or township asks for goods (priority 1–5)', roles: ['reporter', 'officer', 'admin'], request: jsonBody(SupplyRequestInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createSupplyRequest(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/requests', tags: ['dispatch'], summary: 'Supply requests in your area', roles: ['reporter', 'officer', 'admin', 'auditor'], request: { query: SupplyRequestQuery } }), (c) =>
    c.json({ requests: listSupplyRequests(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'post', path: '/requests/{id}/cancel', tags: ['dispatch'], summary: 'Withdraw an open supply request', roles: ['reporter', 'officer', 'admin'], responses: OK, request: { params: IdParam } }), (c) => {
    const { id } = c.req.valid('param');
    return commitWrite(c, 200, (tx, w) => cancelSupplyRequest(tx, w, id));
  });

  r.openapi(route({ method: 'get', path: '/waybills/{id}', tags: ['dispatch'], summary: '调拨单 Waybill of a shipment: from, to, goods, batches, weight, trucks', request: { params: IdParam } }), (c) =>
    c.json(waybill(c.var.deps.db, scope(c), c.req.valid('param').id), 200));
  return r;
}

/** Mounted under /api/events. */
export function eventDispatchRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/{id}/needs', tags: ['dispatch'], summary: '需求测算 Suggested demands per township: accepted figures × standards − shipped, plus open requests', roles: [...READERS], request: { params: EventIdParam, query: RegionQuery } }), (c) =>
    c.json(eventNeeds(c.var.deps.db, scope(c), c.req.valid('param').id, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/{id}/relief-speed', tags: ['dispatch'], summary: '10 小时救助到位 Hours from the event\'s start to each township\'s first delivery; share within the target', roles: [...READERS], request: { params: EventIdParam, query: RegionQuery } }), (c) =>
    c.json(eventReliefSpeed(c.var.deps.db, scope(c), c.req.valid('param').id, c.req.valid('query').regionCode), 200));
  return r;
}

export function mountDispatch(app: OpenAPIHono<AppEnv>) {
  app.route('/api/dispatch', dispatchRoutes());
  app.route('/api/events', eventDispatchRoutes());
}
