import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';
import { verifyAuditChain, type AuditRow } from '../../api/modules/audit/chain';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"', i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n') (row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = ''));
    else cell += ch;
  }
  return rows;
}

describe('audit log export', () => {
  it('the auditor downloads the log of their region as CSV, and the exported rows re-verify outside the system', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    await officer.patch('/api/regions/152502200', { population: 4321 });
    const auditor = await f.login('auditor');
    const res = await f.app.request('/api/audit/export', { headers: { authorization: `Bearer ${auditor.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('审计日志');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const [head, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(head).toEqual(['id', 'at', 'userId', 'username', 'regionCode', 'action', 'entity', 'entityId', 'before', 'after', 'requestId', 'prevHash', 'hash']);
    const update = rows.find((r) => r[5] === 'region.update');
    expect(update?.[3]).toBe('officer');
    expect(JSON.parse(update![9]).population).toBe(4321);
    // Everything is inside the auditor's league.
    expect(rows.every((r) => r[4].startsWith('1525'))).toBe(true);

    // The admin's full export, oldest first, is the whole chain: it verifies with the same rule.
    const admin = await f.login('admin');
    const all = parseCsv(await (await f.app.request('/api/audit/export', { headers: { authorization: `Bearer ${admin.token}` } })).text()).slice(1);
    const num = (s: string) => (s === '' ? null : Number(s));
    const chain: AuditRow[] = all.reverse().map((r) => ({
      id: Number(r[0]), at: r[1], userId: num(r[2]), username: r[3] || null, regionCode: r[4] || null, action: r[5], entity: r[6],
      entityId: r[7] || null, before: r[8] || null, after: r[9] || null, requestId: r[10] || null, prevHash: r[11], hash: r[12],
    }));
    expect(chain.length).toBeGreaterThan(rows.length);
    expect(verifyAuditChain(chain)).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('filters apply to the export, and an officer may not export the log', async () => {
    f = freshApp();
    const officer = await f.login('officer');
    await officer.patch('/api/regions/152502200', { population: 1111 });
    expect((await officer.get('/api/audit/export')).status).toBe(403);
    const auditor = await f.login('auditor');
    const res = await auditor.get('/api/audit/export?action=region.update');
    const rows = parseCsv((res.body as string).replace(/^\uFEFF/, '')).slice(1);
    expect(rows.length).toBe(1);
    expect(rows[0][5]).toBe('region.update');
    expect((await auditor.get('/api/audit/export?limit=0')).status).toBe(400);
  });
});
