import { z } from 'zod';
import { newRouter, route, jsonBody } from '../../http/router';
import { assertRegionInScope } from '../../http/scope';
import { commitWrite } from '../../http/write';
import { GeoJsonQuery, RegionCode, RegionInput, RegionListQuery, RegionPatch } from './schemas';
import { createRegion, getRegion, getRegionsByCodes, listChildRegions, patchRegion, townshipPoints } from './service';
import { boundariesWithin, provinceOutlines } from './geo';

const CodeParam = z.object({ code: RegionCode });

export function regionRoutes() {
  const r = newRouter();

  r.openapi(route({ method: 'get', path: '/', tags: ['regions'], summary: '下级区划 Children of a region, or search by name (q)', request: { query: RegionListQuery } }), (c) => {
    const { parent, q, level, limit } = c.req.valid('query');
    const { db, tree } = c.var.deps;
    if (q) {
      const hits = tree.search(q, null, 2000).filter((n) => !level || n.level === level).slice(0, limit);
      return c.json({ regions: getRegionsByCodes(db, hits.map((h) => h.code)) }, 200);
    }
    return c.json({ regions: listChildRegions(db, parent ?? null) }, 200);
  });

  r.openapi(route({ method: 'get', path: '/{code}', tags: ['regions'], summary: 'One region with its path', request: { params: CodeParam } }), (c) => {
    const { code } = c.req.valid('param');
    const region = getRegion(c.var.deps.db, code);
    const path = c.var.deps.tree.ancestry(code).reverse().map((n) => ({ code: n.code, name: n.name, level: n.level }));
    return c.json({ ...region, path }, 200);
  });

  r.openapi(route({ method: 'get', path: '/{code}/geojson', tags: ['regions'], summary: 'Boundaries inside a region (offline, WGS-84)', request: { params: CodeParam, query: GeoJsonQuery } }), (c) => {
    const { code } = c.req.valid('param');
    getRegion(c.var.deps.db, code);
    c.header('Cache-Control', 'private, max-age=3600');
    return c.json(boundariesWithin(c.var.deps.tree, code, c.req.valid('query').level), 200);
  });

  r.openapi(route({ method: 'get', path: '/{code}/townships', tags: ['regions'], summary: 'Every township point inside a region, in one answer (for maps)', request: { params: CodeParam } }), (c) => {
    const { code } = c.req.valid('param');
    getRegion(c.var.deps.db, code);
    c.header('Cache-Control', 'private, max-age=300');
    return c.json({ townships: townshipPoints(c.var.deps.db, c.var.deps.tree, code) }, 200);
  });

  r.openapi(route({ method: 'post', path: '/', tags: ['regions'], summary: 'Add a region (admin)', roles: ['admin'], request: jsonBody(RegionInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createRegion(tx, w, c.var.deps.tree, input));
  });

  r.openapi(route({ method: 'patch', path: '/{code}', tags: ['regions'], summary: 'Correct population or the point of a region (admin, officer)', roles: ['admin', 'officer'], request: { params: CodeParam, ...jsonBody(RegionPatch) } }), (c) => {
    const { code } = c.req.valid('param');
    assertRegionInScope({ actor: c.var.actor, tree: c.var.deps.tree }, code);
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchRegion(tx, w, c.var.deps.tree, code, patch));
  });
  return r;
}

export function geoRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/provinces', tags: ['regions'], summary: 'All provinces outlines (offline basemap)' }), (c) => {
    c.header('Cache-Control', 'private, max-age=86400');
    return c.json(provinceOutlines(), 200);
  });
  return r;
}
