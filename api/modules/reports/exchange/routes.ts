import { z } from 'zod';
import { jsonBody, newRouter, route } from '../../../http/router';
import { DomainError } from '../../../http/errors';
import { commitWrite, writeCtx } from '../../../http/write';
import { RegionCode } from '../../regions/schemas';
import { HAZARDS } from '../schemas';
import { EventIdParam } from '../../events/routes';
import { visibleEvent } from '../../events/service';
import { regionForReader } from '../summary';
import { importReports, previewImport, tableRows, toGeoJson, townshipFiguresIn } from './service';
import { importTemplate, readReportSheet, statisticalTable } from './sheets';

const RegionQuery = z.object({ regionCode: RegionCode.optional() });
const ImportInput = z.object({
  /** The filled template (.xlsx), base64: JSON in and out, and an Idempotency-Key hashes it as sent. */
  file: z.string().min(1).max(16_000_000),
  filename: z.string().max(200).optional(),
  /** Check every row as the import would, then store nothing: the preview before the real import. */
  dryRun: z.boolean().optional(),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function eventExchangeRoutes() {
  const r = newRouter();
  const scope = (c: { var: { actor: import('../../../context').Actor; deps: import('../../../context').AppDeps } }) => ({ actor: c.var.actor, tree: c.var.deps.tree });

  r.openapi(route({ method: 'get', path: '/{id}/export/geojson', tags: ['reports'], summary: 'Township figures as GeoJSON points (latest accepted report each)', request: { params: EventIdParam, query: RegionQuery } }), (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    const region = regionForReader(scope(c), event, c.req.valid('query').regionCode);
    c.header('content-type', 'application/geo+json; charset=utf-8');
    return c.body(JSON.stringify(toGeoJson(townshipFiguresIn(db, tree, event, region))), 200);
  });

  r.openapi(route({ method: 'get', path: '/{id}/export/xlsx', tags: ['reports'], summary: '灾情统计表 The township statistical table as xlsx', request: { params: EventIdParam, query: RegionQuery } }), async (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    const region = regionForReader(scope(c), event, c.req.valid('query').regionCode);
    const regionName = tree.get(region)?.name ?? region;
    const towns = townshipFiguresIn(db, tree, event, region);
    const buf = await statisticalTable({
      title: `${regionName}自然灾害损失情况统计表（乡镇）`, eventName: event.name,
      hazard: HAZARDS.find((h) => h.code === event.hazard)?.zh ?? event.hazard, regionName, asOf: new Date().toISOString(), demo: event.demo,
    }, tableRows(region, regionName, towns));
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment(`${event.name}-${regionName}-灾情统计表.xlsx`) });
  });

  r.openapi(route({ method: 'get', path: '/{id}/reports/import-template', tags: ['reports'], summary: 'Blank xlsx for batch entry: the townships of your area in this event', request: { params: EventIdParam, query: RegionQuery } }), async (c) => {
    const { db, tree } = c.var.deps;
    const event = visibleEvent(db, scope(c), c.req.valid('param').id);
    const region = regionForReader(scope(c), event, c.req.valid('query').regionCode);
    const towns = townshipFiguresIn(db, tree, event, region).map((t) => ({ code: t.code, name: t.name }));
    const buf = await importTemplate(event.name, towns);
    return c.body(new Uint8Array(buf), 200, { 'content-type': XLSX, 'content-disposition': attachment(`${event.name}-灾情报送模板.xlsx`) });
  });

  r.openapi(route({ method: 'post', path: '/{id}/reports/import', tags: ['reports'], summary: '批量导入 Import township reports from a filled template (all or nothing; row-level errors; dryRun: check only)', roles: ['reporter', 'officer', 'admin'], request: { params: EventIdParam, ...jsonBody(ImportInput) } }), async (c) => {
    const { id } = c.req.valid('param');
    const { file, dryRun } = c.req.valid('json');
    const parsed = await readReportSheet(Buffer.from(file, 'base64'));
    if ('error' in parsed) throw new DomainError('IMPORT_FAILED', parsed.error, { rows: [] });
    if (dryRun) return c.json(previewImport(c.var.deps.db, writeCtx(c), id, parsed.rows), 200);
    return commitWrite(c, 201, (tx, w) => importReports(tx, w, id, parsed.rows));
  });
  return r;
}
