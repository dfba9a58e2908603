// Health of a database file: SQLite's own integrity check, the audit hash chain, and the stock
// ledger's invariants. Used after restore, after the crash harness, and after load runs.
import type Database from 'better-sqlite3';
import { verifyAuditChain, type AuditRow } from '../../api/modules/audit/chain';

export interface HealthReport {
  integrity: string;
  audit: { ok: boolean; checked: number; firstBrokenId: number | null };
  ledger: { ok: boolean; violations: string[] } | null;
  ok: boolean;
}

/** Extra checks registered by modules (e.g. the stock ledger), each returning violation messages. */
export const LEDGER_CHECKS: ((sqlite: Database.Database) => string[])[] = [];

export function checkDatabaseHealth(sqlite: Database.Database): HealthReport {
  const integrity = (sqlite.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  const rows = sqlite.prepare(`SELECT id, at, user_id AS userId, username, region_code AS regionCode, action, entity,
    entity_id AS entityId, before, after, request_id AS requestId, prev_hash AS prevHash, hash FROM audit_log ORDER BY id`).iterate() as Iterable<AuditRow>;
  const audit = verifyAuditChain(rows);
  const violations = LEDGER_CHECKS.flatMap((check) => check(sqlite));
  const ledger = LEDGER_CHECKS.length ? { ok: violations.length === 0, violations } : null;
  return { integrity, audit, ledger, ok: integrity === 'ok' && audit.ok && (ledger?.ok ?? true) };
}
