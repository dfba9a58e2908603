import { z } from 'zod';
import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/index';
import { newRouter, route } from '../../http/router';
import type { Actor, AppDeps } from '../../context';
import { auditCsv } from './export';
import { verifyAuditChain, type AuditRow } from './chain';

const AuditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  username: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const ExportQuery = AuditQuery.extend({ limit: z.coerce.number().int().min(1).max(50_000).default(10_000) });

type AuditFilter = z.infer<typeof AuditQuery>;
type Ctx = { var: { actor: Actor; deps: AppDeps } };

/** Newest first; an auditor reads the rows of their own region's subtree, an admin every row. */
function visibleEntries(c: Ctx, q: AuditFilter, limit: number) {
  const actor = c.var.actor;
  const where: (SQL | undefined)[] = [
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? like(auditLog.action, `${q.action}%`) : undefined,
    q.username ? eq(auditLog.username, q.username) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from).toISOString()) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to).toISOString()) : undefined,
    q.beforeId ? lt(auditLog.id, q.beforeId) : undefined,
  ];
  const page = (extra?: SQL) => c.var.deps.db.select().from(auditLog).where(and(...where, extra)).orderBy(desc(auditLog.id));
  if (actor.role === 'admin') return page().limit(limit).all();
  const out: (typeof auditLog.$inferSelect)[] = [];
  // Newest first, a page at a time, until enough rows of the auditor's region are found.
  for (let cursor: number | null = null; out.length < limit;) {
    const rows = page(cursor === null ? undefined : lt(auditLog.id, cursor)).limit(1000).all();
    for (const row of rows) {
      if (row.regionCode && c.var.deps.tree.isWithin(row.regionCode, actor.regionCode)) out.push(row);
      if (out.length >= limit) break;
    }
    if (rows.length < 1000) break;
    cursor = rows[rows.length - 1].id;
  }
  return out;
}

export function auditRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['audit'], summary: '审计日志 Audit log (admin, auditor; newest first)', roles: ['admin', 'auditor'], request: { query: AuditQuery } }), (c) => {
    const q = c.req.valid('query');
    const visible = visibleEntries(c, q, q.limit);
    return c.json({ entries: visible.map(({ prevHash: _p, ...e }) => ({ ...e, before: e.before && JSON.parse(e.before), after: e.after && JSON.parse(e.after) })) }, 200);
  });

  r.openapi(route({ method: 'get', path: '/export', tags: ['audit'], summary: '导出审计日志 The filtered audit log as CSV (with hashes, for re-verification elsewhere)', roles: ['admin', 'auditor'], request: { query: ExportQuery } }), (c) => {
    const q = c.req.valid('query');
    const rows = visibleEntries(c, q, q.limit);
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(auditCsv(rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.csv`)}`,
    });
  });

  r.openapi(route({ method: 'get', path: '/verify', tags: ['audit'], summary: 'Verify the hash chain of the whole audit log', roles: ['admin', 'auditor'] }), (c) => {
    // Streamed: the chain can be long and verification must not hold it all in memory.
    const rows = c.var.deps.db.$client.prepare(`SELECT id, at, user_id AS userId, username, region_code AS regionCode, action, entity,
      entity_id AS entityId, before, after, request_id AS requestId, prev_hash AS prevHash, hash FROM audit_log ORDER BY id`).iterate() as Iterable<AuditRow>;
    return c.json(verifyAuditChain(rows), 200);
  });
  return r;
}
