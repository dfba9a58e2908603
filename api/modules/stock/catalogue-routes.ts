import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { createDepot, createItem, depotDetail, listDepots, listItems, patchDepot } from './catalogue';
import { DepotInput, DepotPatchInput, DepotQuery, ItemIdParam, ItemInput } from './schemas';

export function itemRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['items'], summary: '物资目录 The item catalogue' }), (c) =>
    c.json({ items: listItems(c.var.deps.db) }, 200));
  r.openapi(route({ method: 'post', path: '/', tags: ['items'], summary: 'Add a provincial item (admin)', roles: ['admin'], request: jsonBody(ItemInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createItem(tx, w, input));
  });
  return r;
}

export function depotRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['depots'], summary: '储备库 Depots, optionally inside a region', request: { query: DepotQuery } }), (c) =>
    c.json({ depots: listDepots(c.var.deps.db, c.var.deps.tree, c.req.valid('query').regionCode) }, 200));
  r.openapi(route({ method: 'get', path: '/{id}', tags: ['depots'], summary: 'One depot with its keepers', request: { params: ItemIdParam } }), (c) =>
    c.json(depotDetail(c.var.deps.db, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'post', path: '/', tags: ['depots'], summary: 'Register a depot (admin; officer in their area)', roles: ['admin', 'officer'], request: jsonBody(DepotInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createDepot(tx, w, input));
  });
  r.openapi(route({ method: 'patch', path: '/{id}', tags: ['depots'], summary: 'Change capacity, contacts or relocation capacity (admin; officer in their area)', roles: ['admin', 'officer'], request: { params: ItemIdParam, ...jsonBody(DepotPatchInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchDepot(tx, w, id, patch));
  });
  return r;
}
