// Winter-spring aid (冬春救助), transitional aid, condolence payments, requisitions and funds
// supervision: the money-moving half of the recovery routes (mounted by routes.ts).
import { z } from 'zod';
import { inArray } from 'drizzle-orm';
import { reliefPayments } from '../../../db/schema/index';
import { jsonBody, route, type newRouter } from '../../http/router';
import { commitWrite } from '../../http/write';
import { readRegion } from './access';
import {
  createCondolence, createRequisition, createTransitionalAid, listAid, listRequisitions, payCondolence, payRequisition,
  payTransitionalAid, returnRequisition,
} from './aid-service';
import { attachment, fundsWorkbook, XLSX } from './exports';
import {
  countiesIn, createAllocation, fundsSummary, listAllocations, listPayments, paymentsWhere, reversePayment,
} from './funds-service';
import { addRosterRow, distribute, listRoster, patchRosterRow } from './roster-service';
import {
  AllocationInput, CampaignQuery, CondolenceInput, DistributionInput, FundsQuery, PayInput, RegionQuery, RequisitionCreate,
  RequisitionPay, RequisitionReturn, ReverseInput, RosterQuery, RosterRowCreate, RosterRowPatch, TransitionalAidInput,
  WinterCampaignInput, WinterSurveyPost,
} from './schemas';
import { assertCampaignReadable, campaignView, createCampaign, getCampaignRow, listCampaigns, reportCampaign, submitSurvey } from './winter-service';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const FIELD = ['reporter', 'officer', 'admin'] as const;
const READERS = ['reporter', 'officer', 'auditor', 'admin'] as const;
const OFFICERS = ['officer', 'admin'] as const;

export function addFundsRoutes(r: ReturnType<typeof newRouter>) {
  // ——— Winter-spring aid ———
  r.openapi(route({ method: 'post', path: '/winter-relief/campaigns', tags: ['winter-relief'], roles: [...OFFICERS], summary: '冬春救助 Open a campaign for a county and season (deadlines from the winter calendar)', request: jsonBody(WinterCampaignInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createCampaign(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/winter-relief/campaigns', tags: ['winter-relief'], roles: [...READERS], summary: 'Campaigns in a region with survey and roster totals', request: { query: CampaignQuery } }), (c) =>
    c.json(listCampaigns(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query')), 200));
  r.openapi(route({ method: 'get', path: '/winter-relief/campaigns/{id}', tags: ['winter-relief'], roles: [...READERS], summary: 'One campaign', request: { params: IdParam } }), (c) => {
    const { db, tree } = c.var.deps;
    const row = getCampaignRow(db, c.req.valid('param').id);
    assertCampaignReadable(c.var.actor, tree, row);
    return c.json(campaignView(db, tree, row, new Date()), 200);
  });
  r.openapi(route({ method: 'post', path: '/winter-relief/campaigns/{id}/report', tags: ['winter-relief'], roles: [...OFFICERS], summary: "Report the county's surveyed needs (late after the due day)", request: { params: IdParam } }), (c) => {
    const { id } = c.req.valid('param');
    return commitWrite(c, 200, (tx, w) => reportCampaign(tx, w, id));
  });
  r.openapi(route({ method: 'post', path: '/winter-relief/surveys', tags: ['winter-relief'], roles: [...FIELD], summary: '需求摸底 Township needs (food / clothing / heating people); a resubmission replaces the line', request: jsonBody(WinterSurveyPost) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => submitSurvey(tx, w, input));
  });
  r.openapi(route({ method: 'post', path: '/winter-relief/roster', tags: ['winter-relief'], roles: [...FIELD], summary: '户报 Put a household on the roster (answers duplicate warnings across counties)', request: jsonBody(RosterRowCreate) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => addRosterRow(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/winter-relief/roster', tags: ['winter-relief'], roles: [...READERS], summary: 'The roster of a campaign with duplicate warnings', request: { query: RosterQuery } }), (c) =>
    c.json(listRoster(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query')), 200));
  r.openapi(route({ method: 'patch', path: '/winter-relief/roster/{id}', tags: ['winter-relief'], roles: [...FIELD], summary: '村评 → 乡审 → 县定, corrections, and the county’s review of a duplicate', request: { params: IdParam, ...jsonBody(RosterRowPatch) } }), (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchRosterRow(tx, w, id, patch));
  });
  r.openapi(route({ method: 'post', path: '/winter-relief/distributions', tags: ['winter-relief'], roles: ['reporter', 'keeper', 'officer', 'admin'], summary: 'Record what a household received: money (a payment from an allocation) or goods (issued from a depot through the stock ledger)', request: jsonBody(DistributionInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => distribute(tx, w, input));
  });

  // ——— Transitional aid, condolence, requisitions ———
  r.openapi(route({ method: 'post', path: '/transitional-aid', tags: ['recovery-aid'], roles: [...FIELD], summary: '过渡期生活救助 Compute from the standard (per person per day, capped days)', request: jsonBody(TransitionalAidInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createTransitionalAid(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/transitional-aid', tags: ['recovery-aid'], roles: [...READERS], summary: 'Transitional aid records', request: { query: RegionQuery } }), (c) =>
    c.json(listAid(c.var.deps.db, c.var.deps.tree, c.var.actor, 'transitional', c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'post', path: '/transitional-aid/{id}/payments', tags: ['recovery-aid'], roles: [...OFFICERS], summary: 'Pay the computed amount from an allocation', request: { params: IdParam, ...jsonBody(PayInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => payTransitionalAid(tx, w, id, input));
  });
  r.openapi(route({ method: 'post', path: '/condolences', tags: ['recovery-aid'], roles: [...FIELD], summary: '遇难人员家属抚慰金 Compute from the standard', request: jsonBody(CondolenceInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createCondolence(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/condolences', tags: ['recovery-aid'], roles: [...READERS], summary: 'Condolence records', request: { query: RegionQuery } }), (c) =>
    c.json(listAid(c.var.deps.db, c.var.deps.tree, c.var.actor, 'condolence', c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'post', path: '/condolences/{id}/payments', tags: ['recovery-aid'], roles: [...OFFICERS], summary: 'Pay a condolence from an allocation', request: { params: IdParam, ...jsonBody(PayInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => payCondolence(tx, w, id, input));
  });
  r.openapi(route({ method: 'post', path: '/requisitions', tags: ['recovery-aid'], roles: [...OFFICERS], summary: '征用补偿 Record a requisition (vehicle, building, equipment) and its compensation', request: jsonBody(RequisitionCreate) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createRequisition(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/requisitions', tags: ['recovery-aid'], roles: [...READERS], summary: 'Requisitions in a region', request: { query: RegionQuery } }), (c) =>
    c.json(listRequisitions(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'post', path: '/requisitions/{id}/return', tags: ['recovery-aid'], roles: [...OFFICERS], summary: 'Returned: condition and final period; compensation recomputed', request: { params: IdParam, ...jsonBody(RequisitionReturn) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => returnRequisition(tx, w, id, input));
  });
  r.openapi(route({ method: 'post', path: '/requisitions/{id}/payment', tags: ['recovery-aid'], roles: [...OFFICERS], summary: 'Compensation paid to the owner (voucher recorded)', request: { params: IdParam, ...jsonBody(RequisitionPay) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => payRequisition(tx, w, id, input));
  });

  // ——— Funds supervision ———
  r.openapi(route({ method: 'post', path: '/funds/allocations', tags: ['funds'], roles: [...OFFICERS], summary: '资金下达 Record funds a county received (category, source level, document)', request: jsonBody(AllocationInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createAllocation(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/funds/allocations', tags: ['funds'], roles: [...READERS], summary: 'Allocations with what each has paid out', request: { query: RegionQuery } }), (c) =>
    c.json(listAllocations(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/funds/summary', tags: ['funds'], roles: [...READERS], summary: 'Allocated vs disbursed per county and category', request: { query: RegionQuery } }), (c) =>
    c.json(fundsSummary(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query').regionCode), 200));
  r.openapi(route({ method: 'get', path: '/funds/payments', tags: ['funds'], roles: [...READERS], summary: 'Payments, newest first', request: { query: FundsQuery } }), (c) =>
    c.json(listPayments(c.var.deps.db, c.var.deps.tree, c.var.actor, c.req.valid('query')), 200));
  r.openapi(route({ method: 'post', path: '/funds/payments/{id}/reverse', tags: ['funds'], roles: [...OFFICERS], summary: '冲正 Reverse a payment that did not reach the household (once)', request: { params: IdParam, ...jsonBody(ReverseInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => reversePayment(tx, w, id, reason));
  });
  r.openapi(route({ method: 'get', path: '/funds/export', tags: ['funds'], roles: ['officer', 'auditor', 'admin'], summary: 'Auditor export (xlsx): summary, allocations, every payment; ID numbers never included', request: { query: RegionQuery } }), async (c) => {
    const { db, tree } = c.var.deps;
    const actor = c.var.actor;
    const code = readRegion({ actor, tree }, c.req.valid('query').regionCode);
    const summary = fundsSummary(db, tree, actor, code);
    const counties = countiesIn(tree, code);
    const buf = await fundsWorkbook({
      regionName: tree.get(code)?.name ?? code, generatedAt: new Date().toISOString(), rows: summary.rows,
      allocations: listAllocations(db, tree, actor, code).allocations,
      payments: paymentsWhere(db, inArray(reliefPayments.countyCode, counties.length ? counties : ['-']), 100_000),
      countyName: (cc) => tree.get(cc)?.name ?? cc,
    });
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment(`资金监管-${tree.get(code)?.name ?? code}.xlsx`) });
  });
}
