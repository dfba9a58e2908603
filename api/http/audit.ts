import { createHash } from 'node:crypto';
import { stmt, type DbOrTx } from '../../db/client';
import type { auditLog } from '../../db/schema/index';
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

const CHAIN_HEAD = 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1';
const INSERT_AUDIT = `INSERT INTO audit_log (at, user_id, username, region_code, action, entity, entity_id, before, after, request_id, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Call inside the transaction of the change it records: both commit or neither does. The chain
 * head is read inside that transaction (one rowid seek on a prepared statement, ~2 µs) rather than
 * cached in memory, so a rolled-back write, a savepoint undone in a commit group, or another process
 * writing the file can never leave a stale head behind.
 */
export function writeAudit(tx: DbOrTx, w: WriteCtx, e: AuditEntry) {
  const last = stmt(tx, CHAIN_HEAD).get() as { hash: string } | undefined;
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
  stmt(tx, INSERT_AUDIT).run(content.at, content.userId, content.username, content.regionCode, content.action, content.entity,
    content.entityId, content.before, content.after, content.requestId, content.prevHash, auditHash(content));
}
