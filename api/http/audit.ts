import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog } from '../../db/schema/index';
import type { Actor } from '../context';
import type { RegionTree } from '../modules/regions/tree';
import { redactPersonal } from './redact';

/** Everything a write needs to know about who is writing and when. */
export interface WriteCtx {
  actor: Actor;
  tree: RegionTree;
  requestId: string;
  now: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

type AuditContent = Omit<typeof auditLog.$inferSelect, 'id' | 'hash'>;

/** The hash covers every stored field but the id, in a fixed order, and the previous hash. */
export function auditHash(row: AuditContent): string {
  const canonical = JSON.stringify([row.prevHash, row.at, row.userId, row.username, row.regionCode, row.action,
    row.entity, row.entityId, row.before, row.after, row.requestId]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Call inside the transaction of the change it records: both commit or neither does. */
export function writeAudit(tx: DbOrTx, w: WriteCtx, e: AuditEntry) {
  const last = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const content: AuditContent = {
    at: w.now,
    userId: w.actor.id || null,
    username: w.actor.username,
    regionCode: e.regionCode ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    before: e.before === undefined ? null : JSON.stringify(redactPersonal(e.before)),
    after: e.after === undefined ? null : JSON.stringify(redactPersonal(e.after)),
    requestId: w.requestId,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  tx.insert(auditLog).values({ ...content, hash: auditHash(content) }).run();
}
