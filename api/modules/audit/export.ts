// The audit log as CSV for an auditor's own tools: every column the hash covers, plus the hashes,
// so the chain can be re-verified outside this system. A BOM makes Excel read the Chinese right.
import type { auditLog } from '../../../db/schema/index';

const COLUMNS = ['id', 'at', 'userId', 'username', 'regionCode', 'action', 'entity', 'entityId', 'before', 'after', 'requestId', 'prevHash', 'hash'] as const;

const cell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  // Quote anything with a separator, quote or line break; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function auditCsv(rows: readonly (typeof auditLog.$inferSelect)[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((k) => cell(r[k])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
