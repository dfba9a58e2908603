import { auditHash, GENESIS_HASH } from '../../http/audit';

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  regionCode: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/** Walks the chain in id order: a changed row fails its own hash, a removed row its successor's link. */
export function verifyAuditChain(rows: Iterable<AuditRow>): { ok: boolean; checked: number; firstBrokenId: number | null } {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    checked++;
    const { id: _id, hash, ...content } = row;
    if (row.prevHash !== prev || auditHash(content) !== hash) return { ok: false, checked, firstBrokenId: row.id };
    prev = hash;
  }
  return { ok: true, checked, firstBrokenId: null };
}
