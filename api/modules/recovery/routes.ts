// Recovery HTTP routes, mounted under /api: households, housing-rebuild cases, spot checks, public
// notices, standards and the map. Winter-spring aid, other aid and funds are in routes-funds.ts.
import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../http/router';
import { commitWrite } from '../../http/write';
import { getHousehold, listHouseholds, patchHousehold, registerHousehold } from './household-service';
import { recoveryMap } from './map-service';
import { createNotice, getNotice, listNotices } from './notice-service';
import { attachment, noticeWorkbook, XLSX } from './exports';
import { addCasePayment, advanceCase, createCase, getCaseRow } from './rebuild-service';
import { caseDetail, listCases, rebuildBoard } from './rebuild-views';
import {
  HouseholdInput, HouseholdPatch, HouseholdQuery, NoticeInput, NoticeQuery, PaymentInput, RebuildAdvanceInput, RebuildCaseInput,
  RebuildCaseQuery, RegionQuery, SpotCheckInput, SpotCheckResultInput, StandardsPut,
} from './schemas';
import { drawSpotCheck, getSpotCheck, listSpotChecks, recordSpotCheckResult } from './spot-check-service';
import { allEffective, putStandard } from './standards-service';
import { addFundsRoutes } from './routes-funds';
import { readRegion } from './access';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ItemParam = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
const CodeParam = z.object({ regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/) });
const FIELD = ['reporter', 'officer', 'admin'] as const;
const READERS = ['reporter', 'officer', 'auditor', 'admin'] as const;
const OFFICERS = ['officer', 'admin'] as const;

export function recoveryRoutes() {
  const r = newRouter();

  // ——— Households ———
  r.openapi(route({ method: 'post', path: '/households', tags: ['recovery'], roles: [...FIELD], summary: '登记受灾户 Register a household (ID number checked by GB 11643; same ID in the county → 409)', request: jsonBody(HouseholdInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => registerHousehold(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/households', tags: ['recovery'], roles: [...READERS], summary: 'Households in a region, priority groups first (ID and bank card masked but for county officers)', request: { query: HouseholdQuery } }), (c) =>
    c.json(listHouseholds(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query')), 200));
  r.openapi(route({ method: 'get', path: '/households/{id}', tags: ['recovery'], roles: [...READERS], summary: 'One household', request: { params: IdParam } }), (c) =>
    c.json(getHousehold(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'patch', path: '/households/{id}', tags: ['recovery'], roles: [...FIELD], summary: 'Correct a household; a county officer clears a duplicate flag', request: { params: IdParam, ...jsonBody(HouseholdPatch) } }), (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchHousehold(tx, w, id, patch));
  });

  // ——— Housing rebuild (倒损住房恢复重建) ———
  r.openapi(route({ method: 'post', path: '/rebuild-cases', tags: ['recovery'], roles: [...FIELD], summary: '倒损住房台账 File a ledger entry after inspection (only the sole home)', request: jsonBody(RebuildCaseInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createCase(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/rebuild-cases', tags: ['recovery'], roles: [...READERS], summary: 'Cases with overdue flags, priority groups first', request: { query: RebuildCaseQuery } }), (c) =>
    c.json(listCases(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query')), 200));
  r.openapi(route({ method: 'get', path: '/rebuild-cases/board', tags: ['recovery'], roles: [...READERS], summary: '进度看板 未开工/开工/竣工/入住 and overdue steps per county', request: { query: RegionQuery } }), (c) =>
    c.json(rebuildBoard(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/rebuild-cases/{id}', tags: ['recovery'], roles: [...READERS], summary: 'One case with history, objections, payments and the next allowed actions', request: { params: IdParam } }), (c) => {
    const { db, tree } = c.var.deps;
    return c.json(caseDetail(db, tree, c.var.actor, getCaseRow(db, c.req.valid('param').id)), 200);
  });
  r.openapi(route({ method: 'post', path: '/rebuild-cases/{id}/advance', tags: ['recovery'], roles: [...FIELD], summary: 'Take the next step (apply, post_notice, objections, reviews, county approval with subsidy, construction); refusals 409 INVALID_TRANSITION / NOTICE_TOO_SHORT / OBJECTIONS_OPEN', request: { params: IdParam, ...jsonBody(RebuildAdvanceInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => advanceCase(tx, w, id, input));
  });
  r.openapi(route({ method: 'post', path: '/rebuild-cases/{id}/payments', tags: ['recovery'], roles: [...OFFICERS], summary: 'Pay an instalment (start / progress / completion) from an allocation', request: { params: IdParam, ...jsonBody(PaymentInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => addCasePayment(tx, w, id, input));
  });

  // ——— Spot checks (抽查) ———
  r.openapi(route({ method: 'post', path: '/spot-checks', tags: ['recovery'], roles: [...OFFICERS], summary: 'Draw a reproducible sample (prefecture officer; fraction from the rules; seed recorded)', request: jsonBody(SpotCheckInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => drawSpotCheck(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/spot-checks', tags: ['recovery'], roles: ['officer', 'auditor', 'admin'], summary: 'Spot checks in a region', request: { query: RegionQuery } }), (c) =>
    c.json(listSpotChecks(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/spot-checks/{id}', tags: ['recovery'], roles: ['officer', 'auditor', 'admin'], summary: 'One spot check: seed, population, sample and results', request: { params: IdParam } }), (c) =>
    c.json(getSpotCheck(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'patch', path: '/spot-checks/{id}/items/{itemId}', tags: ['recovery'], roles: [...OFFICERS], summary: 'Record a result: confirmed, or discrepancy with a note', request: { params: ItemParam, ...jsonBody(SpotCheckResultInput) } }), (c) => {
    const { id, itemId } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => recordSpotCheckResult(tx, w, id, itemId, input));
  });

  // ——— Public notices (公示) ———
  r.openapi(route({ method: 'post', path: '/public-notices', tags: ['recovery'], roles: [...FIELD], summary: 'Post a village notice (rebuild applicants or winter roster); the period is recorded', request: jsonBody(NoticeInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createNotice(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/public-notices', tags: ['recovery'], roles: [...READERS], summary: 'Notices in a region', request: { query: NoticeQuery } }), (c) =>
    c.json(listNotices(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/public-notices/{id}', tags: ['recovery'], roles: [...READERS], summary: 'Printable notice data (masked ID numbers)', request: { params: IdParam } }), (c) =>
    c.json(getNotice(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'get', path: '/public-notices/{id}/xlsx', tags: ['recovery'], roles: [...READERS], summary: 'The notice as a spreadsheet', request: { params: IdParam } }), async (c) => {
    const n = getNotice(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('param').id);
    const buf = await noticeWorkbook(n);
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment(`公示-${n.villageName}-${n.id}.xlsx`) });
  });

  // ——— Standards (data, overridable per region) ———
  r.openapi(route({ method: 'get', path: '/recovery-standards/{regionCode}', tags: ['recovery'], roles: [...READERS], summary: 'Standards and rules in force for a region, and which level set each', request: { params: CodeParam } }), (c) => {
    const { regionCode } = c.req.valid('param');
    readRegion({ actor: c.var.actor, tree: c.var.deps.tree }, regionCode);
    return c.json({ regionCode, standards: allEffective(c.var.deps.db, c.var.deps.tree, regionCode) }, 200);
  });
  r.openapi(route({ method: 'put', path: '/recovery-standards/{regionCode}', tags: ['recovery'], roles: [...OFFICERS], summary: "Set a region's own standard for one kind (rebuild rates, deadlines, transitional, winter-spring, condolence)", request: { params: CodeParam, ...jsonBody(StandardsPut) } }), (c) => {
    const { regionCode } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => putStandard(tx, w, regionCode, input));
  });

  r.openapi(route({ method: 'get', path: '/recovery/map', tags: ['recovery'], roles: [...READERS], summary: 'Villages by rebuild stage and townships by winter-relief coverage', request: { query: RegionQuery.extend({ season: z.string().max(20).optional() }) } }), (c) => {
    const q = c.req.valid('query');
    return c.json(recoveryMap(c.var.deps.db, c.var.deps.tree, c.var.actor, q.regionCode, q.season), 200);
  });

  addFundsRoutes(r);
  return r;
}
