import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../http/router';
import { assertRegionInScope } from '../../http/scope';
import { commitWrite } from '../../http/write';
import { RegionCode } from '../regions/schemas';
import { EventIdParam } from '../events/routes';
import { visibleEvent } from '../events/service';
import { regionForReader } from '../reports/summary';
import { ResponseActionInput, ResponseRulesInput } from '../reports/schemas';
import { effectiveRules, deleteRegionRules, listRuleSets, putRegionRules } from './rules';
import { assessEvent, listResponses, recordResponse } from './service';

const AssessmentQuery = z.object({ regionCode: RegionCode.optional(), asOf: z.iso.datetime({ offset: true }).optional() });
const RegionParam = z.object({ regionCode: RegionCode });
const OK = { 200: { description: 'OK' }, 400: { description: 'invalid input' }, 403: { description: 'outside your role or region' }, 404: { description: 'not found' } };

/** Assessment and the response log of one event, mounted under /api/events. */
export function eventResponseRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/{id}/assessment', tags: ['response'], summary: '响应等级研判 Which response level the figures call for, and why', request: { params: EventIdParam, query: AssessmentQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    const s = { actor: c.var.actor, tree };
    const event = visibleEvent(db, s, c.req.valid('param').id);
    const q = c.req.valid('query');
    return c.json(assessEvent(db, tree, event, regionForReader(s, event, q.regionCode), q.asOf), 200);
  });
  r.openapi(route({ method: 'post', path: '/{id}/responses', tags: ['response'], summary: '启动/提升/降低/终止响应 Record a response decision', roles: ['officer', 'admin'], request: { params: EventIdParam, ...jsonBody(ResponseActionInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => recordResponse(tx, w, id, input));
  });
  r.openapi(route({ method: 'get', path: '/{id}/responses', tags: ['response'], summary: 'The response log (timeline), oldest first', request: { params: EventIdParam, query: z.object({ regionCode: RegionCode.optional() }) } }), (c) => {
    const { db, tree } = c.var.deps;
    const s = { actor: c.var.actor, tree };
    visibleEvent(db, s, c.req.valid('param').id);
    return c.json({ responses: listResponses(db, s, c.req.valid('param').id, c.req.valid('query').regionCode) }, 200);
  });
  return r;
}

/** Response-rule tables, mounted under /api/response-rules. */
export function responseRuleRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['response'], summary: 'Every stored table: the national plan and regional ones' }), (c) => {
    return c.json({ ruleSets: listRuleSets(c.var.deps.db) }, 200);
  });
  r.openapi(route({ method: 'get', path: '/{regionCode}', tags: ['response'], summary: 'The table that governs a region (its own, else the nearest ancestor\'s, else national)', request: { params: RegionParam } }), (c) => {
    const { regionCode } = c.req.valid('param');
    const { db, tree } = c.var.deps;
    assertRegionInScope({ actor: c.var.actor, tree }, regionCode);
    const rules = effectiveRules(db, tree, regionCode);
    return c.json({ ...rules, regionCode, definedAt: rules.regionCode, inherited: rules.regionCode !== regionCode }, 200);
  });
  r.openapi(route({ method: 'put', path: '/{regionCode}', tags: ['response'], summary: 'Set a region\'s own table (officer of an ancestor region, or admin)', roles: ['officer', 'admin'], responses: OK, request: { params: RegionParam, ...jsonBody(ResponseRulesInput) } }), (c) => {
    const { regionCode } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => {
      const rules = putRegionRules(tx, w, regionCode, input);
      return { ...rules, regionCode, definedAt: rules.regionCode, inherited: false };
    });
  });
  r.openapi(route({ method: 'delete', path: '/{regionCode}', tags: ['response'], summary: 'Remove a region\'s own table: it inherits again', roles: ['officer', 'admin'], responses: OK, request: { params: RegionParam } }), (c) => {
    const { regionCode } = c.req.valid('param');
    return commitWrite(c, 200, (tx, w) => deleteRegionRules(tx, w, regionCode));
  });
  return r;
}
