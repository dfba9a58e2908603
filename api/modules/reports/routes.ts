import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../http/router';
import { commitWrite } from '../../http/write';
import { RegionCode } from '../regions/schemas';
import { EventIdParam } from '../events/routes';
import { visibleEvent } from '../events/service';
import { REPORT_STAGES, REPORT_STATUSES, ReportInput, ReviewInput } from './schemas';
import { getReport, listReports, reopenTownship, reviewReport, submitReport } from './service';
import { BREAKDOWN_LEVELS, regionForReader, summarize } from './summary';
import { reportingStatus } from './status';

const ReportListQuery = z.object({ regionCode: RegionCode.optional(), status: z.enum(REPORT_STATUSES).optional(), stage: z.enum(REPORT_STAGES).optional() });
const SummaryQuery = z.object({
  regionCode: RegionCode.optional(),
  /** The picture as reviewers knew it then: only acceptances at or before this instant count. */
  asOf: z.iso.datetime({ offset: true }).optional(),
  by: z.enum(BREAKDOWN_LEVELS).optional(),
});
const RegionQuery = z.object({ regionCode: RegionCode.optional() });
const TownshipParams = z.object({ id: z.coerce.number().int().positive(), code: RegionCode });
const ReopenInput = z.object({ reason: z.string().trim().min(1).max(500).optional() });
const ReportIdParam = z.object({ id: z.coerce.number().int().positive() });
const OK = { 200: { description: 'OK' }, 400: { description: 'invalid input' }, 403: { description: 'outside your role or region' }, 404: { description: 'not found' }, 409: { description: 'a rule refused it' } };

/** Reports of one event, mounted under /api/events. */
export function eventReportRoutes() {
  const r = newRouter();
  const scope = (c: { var: { actor: import('../../context').Actor; deps: import('../../context').AppDeps } }) => ({ actor: c.var.actor, tree: c.var.deps.tree });

  r.openapi(route({ method: 'post', path: '/{id}/reports', tags: ['reports'], summary: '报送灾情 Submit a township damage report (初报/续报/核报)', roles: ['reporter', 'officer', 'admin'], request: { params: EventIdParam, ...jsonBody(ReportInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => submitReport(tx, w, id, input));
  });

  r.openapi(route({ method: 'get', path: '/{id}/reports', tags: ['reports'], summary: 'Reports of an event inside a region (default: your area), newest first', request: { params: EventIdParam, query: ReportListQuery } }), (c) => {
    const { id } = c.req.valid('param');
    return c.json({ reports: listReports(c.var.deps.db, scope(c), id, c.req.valid('query')) }, 200);
  });

  r.openapi(route({ method: 'get', path: '/{id}/summary', tags: ['reports'], summary: '灾情汇总 Sum of each township\'s latest accepted report (?asOf, ?by=prefecture|county|township)', request: { params: EventIdParam, query: SummaryQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    const q = c.req.valid('query');
    return c.json(summarize(db, tree, event, regionForReader(scope(c), event, q.regionCode), { asOf: q.asOf, by: q.by }), 200);
  });

  r.openapi(route({ method: 'get', path: '/{id}/reporting-status', tags: ['reports'], summary: '报送情况 Per township: latest report, review state, closed, overdue flags', request: { params: EventIdParam, query: RegionQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    return c.json(reportingStatus(db, tree, event, regionForReader(scope(c), event, c.req.valid('query').regionCode), new Date()), 200);
  });

  r.openapi(route({ method: 'get', path: '/{id}/overdue', tags: ['reports'], summary: '逾期未报 Townships late with a report', request: { params: EventIdParam, query: RegionQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    const status = reportingStatus(db, tree, event, regionForReader(scope(c), event, c.req.valid('query').regionCode), new Date());
    return c.json({ eventId: status.eventId, regionCode: status.regionCode, now: status.now, deadlines: status.deadlines, overdue: status.overdue }, 200);
  });

  r.openapi(route({ method: 'post', path: '/{id}/townships/{code}/reopen', tags: ['reports'], summary: '重新开放报送 Reopen a township\'s reporting after its 核报 (officer above it)', roles: ['officer', 'admin'], responses: OK, request: { params: TownshipParams, ...jsonBody(ReopenInput) } }), (c) => {
    const { id, code } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => reopenTownship(tx, w, id, code, reason));
  });
  return r;
}

/** One report, and its review: mounted under /api/reports. */
export function reportRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/{id}', tags: ['reports'], summary: 'One report', request: { params: ReportIdParam } }), (c) => {
    return c.json(getReport(c.var.deps.db, { actor: c.var.actor, tree: c.var.deps.tree }, c.req.valid('param').id), 200);
  });
  r.openapi(route({ method: 'post', path: '/{id}/review', tags: ['reports'], summary: '审核 Accept or return a report (officer of an ancestor region)', roles: ['officer', 'admin'], responses: OK, request: { params: ReportIdParam, ...jsonBody(ReviewInput) } }), (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => reviewReport(tx, w, id, input));
  });
  return r;
}
