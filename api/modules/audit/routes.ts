import { z } from 'zod';
import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/index';
import { newRouter, route } from '../../http/router';
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

export function auditRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/', tags: ['audit'], summary: '审计日志 Audit log (admin, auditor; newest first)', roles: ['admin', 'auditor'], request: { query: AuditQuery } }), (c) => {
    const actor = c.var.actor;
    const q = c.req.valid('query');
    const where: (SQL | undefined)[] = [
      q.entity ? eq(auditLog.entity, q.entity) : undefined,
      q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      q.action ? like(auditLog.action, `${q.action}%`) : undefined,
      q.username ? eq(auditLog.username, q.username) : undefined,
      q.from ? gte(auditLog.at, new Date(q.from).toISOString()) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to).toISOString()) : undefined,
      q.beforeId ? lt(auditLog.id, q.beforeId) : undefined,
    ];
    const rows = c.var.deps.db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(actor.role === 'admin' ? q.limit : 5000).all();
    // An auditor reads the rows of their own region's subtree.
    const visible = actor.role === 'admin' ? rows : rows.filter((x) => x.regionCode && c.var.deps.tree.isWithin(x.regionCode, actor.regionCode)).slice(0, q.limit);
    return c.json({ entries: visible.map(({ prevHash: _p, ...e }) => ({ ...e, before: e.before && JSON.parse(e.before), after: e.after && JSON.parse(e.after) })) }, 200);
  });

  r.openapi(route({ method: 'get', path: '/verify', tags: ['audit'], summary: 'Verify the hash chain of the whole audit log', roles: ['admin', 'auditor'] }), (c) => {
    // Streamed: the chain can be long and verification must not hold it all in memory.
    const rows = c.var.deps.db.$client.prepare(`SELECT id, at, user_id AS userId, username, region_code AS regionCode, action, entity,
      entity_id AS entityId, before, after, request_id AS requestId, prev_hash AS prevHash, hash FROM audit_log ORDER BY id`).iterate() as Iterable<AuditRow>;
    return c.json(verifyAuditChain(rows), 200);
  });
  return r;
}
