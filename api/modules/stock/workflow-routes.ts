// Write-off requests, stocktakes, alerts and reserve adequacy.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { stockAlerts } from './alerts';
import { listTargets, reserveAdequacy, setReserveTarget } from './reserve-service';
import {
  ItemIdParam, RegionQuery, ReserveTargetInput, StocktakeCountInput, StocktakeOpenInput, StocktakeQuery, TargetQuery,
  WriteoffDecisionInput, WriteoffQuery, WriteoffRequestInput,
} from './schemas';
import { closeStocktake, countStocktake, getStocktake, listStocktakes, openStocktake } from './stocktakes';
import { decideWriteoff, getWriteoff, listWriteoffs, requestWriteoff } from './writeoffs';

const scope = (c: Context<AppEnv>) => ({ actor: c.var.actor, tree: c.var.deps.tree });

/** Mounted under /api/stock next to the ledger routes. */
export function stockWorkflowRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'post', path: '/writeoff-requests', tags: ['stock'], summary: '报废申请 Request a write-off (keeper)', roles: ['keeper', 'officer', 'admin'], request: jsonBody(WriteoffRequestInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => requestWriteoff(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/writeoff-requests', tags: ['stock'], summary: 'Write-off requests in scope', request: { query: WriteoffQuery } }), (c) =>
    c.json({ requests: listWriteoffs(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'get', path: '/writeoff-requests/{id}', tags: ['stock'], summary: 'One write-off request with its photo', request: { params: ItemIdParam } }), (c) =>
    c.json(getWriteoff(c.var.deps.db, scope(c), c.req.valid('param').id), 200));
  r.openapi(route({ method: 'post', path: '/writeoff-requests/{id}/decision', tags: ['stock'], summary: '审批 Approve (posts the write-off) or reject; officer of an ancestor region', roles: ['officer', 'admin'], request: { params: ItemIdParam, ...jsonBody(WriteoffDecisionInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => decideWriteoff(tx, w, id, input));
  });

  r.openapi(route({ method: 'post', path: '/stocktakes', tags: ['stock'], summary: '盘点 Open a stocktake: snapshot of the book per lot', roles: ['keeper', 'officer', 'admin'], request: jsonBody(StocktakeOpenInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => openStocktake(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/stocktakes', tags: ['stock'], summary: 'Stocktakes in scope', request: { query: StocktakeQuery } }), (c) =>
    c.json({ stocktakes: listStocktakes(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'get', path: '/stocktakes/{id}', tags: ['stock'], summary: 'One stocktake with its lines', request: { params: ItemIdParam } }), (c) =>
    c.json(getStocktake(c.var.deps.db, scope(c), c.req.valid('param').id), 200));
  r.openapi(route({ method: 'post', path: '/stocktakes/{id}/counts', tags: ['stock'], summary: 'Enter counted quantities', roles: ['keeper', 'officer', 'admin'], request: { params: ItemIdParam, ...jsonBody(StocktakeCountInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => countStocktake(tx, w, id, input));
  });
  r.openapi(route({ method: 'post', path: '/stocktakes/{id}/close', tags: ['stock'], summary: 'Close: adjustments for the differences and the 账实相符 result', roles: ['keeper', 'officer', 'admin'], request: { params: ItemIdParam } }), (c) => {
    const { id } = c.req.valid('param');
    return commitWrite(c, 200, (tx, w) => closeStocktake(tx, w, id));
  });

  r.openapi(route({ method: 'get', path: '/alerts', tags: ['stock'], summary: '预警 Lots expiring soon, expired lots, items below reserve target', request: { query: RegionQuery } }), (c) =>
    c.json(stockAlerts(c.var.deps.db, scope(c), c.req.valid('query')), 200));
  return r;
}

export function reserveRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/adequacy', tags: ['reserve'], summary: '储备缺口 Target, on hand, in transit and gap per depot × item, rolled up per region', request: { query: TargetQuery } }), (c) =>
    c.json(reserveAdequacy(c.var.deps.db, scope(c), c.req.valid('query')), 200));
  r.openapi(route({ method: 'get', path: '/targets', tags: ['reserve'], summary: '储备定额 Targets per depot × item (set, or from relocation capacity × standards)', request: { query: TargetQuery } }), (c) =>
    c.json({ targets: listTargets(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'put', path: '/targets', tags: ['reserve'], summary: 'Set a depot\'s target for an item (officer in area, admin)', roles: ['officer', 'admin'], request: jsonBody(ReserveTargetInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => setReserveTarget(tx, w, input));
  });
  return r;
}
