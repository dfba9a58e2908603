import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { listMovements, lotDetail, stockOnHand } from './queries';
import { recordMovement, reverseMovement } from './service';
import { ItemIdParam, MovementInput, MovementQuery, ReverseInput, StockQuery } from './schemas';

const scope = (c: Context<AppEnv>) => ({ actor: c.var.actor, tree: c.var.deps.tree });

export function stockRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['stock'], summary: '库存 Stock on hand per depot and item, with lots (expired flagged)', request: { query: StockQuery } }), (c) =>
    c.json({ balances: stockOnHand(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));

  r.openapi(route({ method: 'post', path: '/movements', tags: ['stock'], summary: '记账 Record a receipt, issue, write-off (officer), adjustment or transfer', roles: ['keeper', 'officer', 'admin'], request: jsonBody(MovementInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => recordMovement(tx, w, input));
  });

  r.openapi(route({ method: 'get', path: '/movements', tags: ['stock'], summary: '台账 Movements, newest first', request: { query: MovementQuery } }), (c) =>
    c.json({ movements: listMovements(c.var.deps.db, scope(c), c.req.valid('query')) }, 200));

  r.openapi(route({ method: 'post', path: '/movements/{id}/reverse', tags: ['stock'], summary: '冲正 Reverse a movement (its whole posting) by a reversing movement', roles: ['keeper', 'officer', 'admin'], request: { params: ItemIdParam, ...jsonBody(ReverseInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => reverseMovement(tx, w, id, note));
  });
  r.openapi(route({ method: 'get', path: '/lots/{id}', tags: ['stock'], summary: '批次 One batch with its label facts', request: { params: ItemIdParam } }), (c) =>
    c.json(lotDetail(c.var.deps.db, scope(c), c.req.valid('param').id), 200));
  return r;
}
