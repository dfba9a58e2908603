import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../api/http/audit';
import { verifyAuditChain, type AuditRow } from '../../api/modules/audit/chain';
import { redactPersonal } from '../../api/http/redact';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = { at: `2026-11-0${i}T00:00:00.000Z`, userId: 1, username: 'u', regionCode: '1525', action: 'x', entity: 'e', entityId: String(i), before: null, after: '{"q":1}', requestId: 'r', prevHash: prev };
    const hash = auditHash(content);
    rows.push({ id: i, ...content, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('an untouched chain verifies', () => {
    expect(verifyAuditChain(chain(5))).toEqual({ ok: true, checked: 5, firstBrokenId: null });
  });
  it('an edited row is named as the first broken one', () => {
    const rows = chain(5);
    rows[2].after = '{"q":999}';
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
  it('a deleted row breaks the link of the row after it', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});

describe('personal data redaction', () => {
  it('masks ID numbers anywhere in a value and drops secrets', () => {
    const out = redactPersonal({ idNumber: '152502199001011234', note: '户主 15250219900101123X 已核实', password: 'x', nested: [{ bankCard: '6217000012345678' }] });
    expect(JSON.stringify(out)).not.toMatch(/\d{17}[\dX]/);
    expect(out).toMatchObject({ idNumber: '152502********1234', nested: [{ bankCard: '**** 5678' }] });
    expect(out).not.toHaveProperty('password');
  });
});
