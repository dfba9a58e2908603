import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { getShipment, listShipments, receiveShipment } from './shipments';
import { ItemIdParam, ReceiveShipmentInput, ShipmentQuery } from './schemas';

export function shipmentRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['shipments'], summary: '在途 Shipments (transfers and dispatches)', request: { query: ShipmentQuery } }), (c) =>
    c.json({ shipments: listShipments(c.var.deps.db, { actor: c.var.actor, tree: c.var.deps.tree }, c.req.valid('query')) }, 200));
  r.openapi(route({ method: 'get', path: '/{id}', tags: ['shipments'], summary: 'One shipment with its lots, losses and delivery photo', request: { params: ItemIdParam } }), (c) =>
    c.json(getShipment(c.var.deps.db, { actor: c.var.actor, tree: c.var.deps.tree }, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'post', path: '/{id}/receive', tags: ['shipments'], summary: '签收 Book a delivery: good quantity into stock, damaged and missing as transit losses', roles: ['keeper', 'reporter', 'officer', 'admin'], request: { params: ItemIdParam, ...jsonBody(ReceiveShipmentInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => receiveShipment(tx, w, id, input));
  });
  return r;
}
