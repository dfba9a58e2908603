import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../http/router';
import { commitWrite } from '../../http/write';
import { EventInput, EventListQuery, EventPatch, MergeInput } from './schemas';
import { createEvent, listEvents, mergeEvent, patchEvent, toEvent, visibleEvent } from './service';

export const EventIdParam = z.object({ id: z.coerce.number().int().positive() });
const OK = { 200: { description: 'OK' }, 400: { description: 'invalid input' }, 403: { description: 'outside your role or region' }, 404: { description: 'not found' }, 409: { description: 'a rule refused it' } };

export function eventRoutes() {
  const r = newRouter();

  r.openapi(route({ method: 'post', path: '/', tags: ['events'], summary: '新建灾害事件 Create a disaster event (warns of a possible duplicate)', roles: ['officer', 'admin'], request: jsonBody(EventInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createEvent(tx, w, input));
  });

  r.openapi(route({ method: 'get', path: '/', tags: ['events'], summary: 'Events reaching into your area, newest first', request: { query: EventListQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    return c.json({ events: listEvents(db, { actor: c.var.actor, tree }, c.req.valid('query')) }, 200);
  });

  r.openapi(route({ method: 'get', path: '/{id}', tags: ['events'], summary: 'One event', request: { params: EventIdParam } }), (c) => {
    const { db, tree } = c.var.deps;
    return c.json(toEvent(visibleEvent(db, { actor: c.var.actor, tree }, c.req.valid('param').id), tree), 200);
  });

  r.openapi(route({ method: 'patch', path: '/{id}', tags: ['events'], summary: '灾情稳定/结束 Stabilise, reactivate or close an event; rename; change its area', roles: ['officer', 'admin'], responses: OK, request: { params: EventIdParam, ...jsonBody(EventPatch) } }), (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchEvent(tx, w, id, patch));
  });

  r.openapi(route({ method: 'post', path: '/{id}/merge', tags: ['events'], summary: '合并重复事件 Merge this (duplicate) event into another', roles: ['officer', 'admin'], responses: OK, request: { params: EventIdParam, ...jsonBody(MergeInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const { intoId } = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => mergeEvent(tx, w, id, intoId));
  });
  return r;
}
