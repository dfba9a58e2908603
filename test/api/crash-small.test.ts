// The crash harness in small: the real server as a child process, SIGKILLed twice under
// concurrent writers (npm run crash does 20 rounds). Slow by nature: it starts the server 3 times.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrash, type CrashResult } from '../../scripts/crash/harness';
import { checkAcks } from '../../scripts/crash/verify';
import type { Ack } from '../../scripts/crash/workload';
import { checkDatabaseHealth } from '../../scripts/lib/db-health';
import '../../scripts/lib/register-checks';

const dir = mkdtempSync(join(tmpdir(), 'relief-crash-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crash safety (SIGKILL under concurrent writers)', () => {
  let result: CrashResult;
  const lines: string[] = [];

  it('every acknowledged write survives two kills, invariants hold and the audit chain verifies', async () => {
    result = await runCrash({ rounds: 2, seed: 20260, killMinMs: 400, killMaxMs: 900, replaySample: 10, databasePath: join(dir, 'crash.db'), keep: true, print: (l) => lines.push(l) });
    expect(result.rounds).toHaveLength(2);
    for (const r of result.rounds) {
      // The kill landed while writes were being acknowledged, and none of them went missing.
      expect(r.acknowledged, lines.join('\n')).toBeGreaterThan(0);
      expect(r.lost, r.lostDetail.join('\n')).toBe(0);
      expect(r.lostEarlier).toBe(0);
      expect(r.errors).toEqual([]);
      expect(r.health.integrity).toBe('ok');
      expect(r.health.audit.ok).toBe(true);
      expect(r.health.ledger?.violations).toEqual([]);
    }
    // After the restart, acknowledged writes re-sent with their key come back as the same answer.
    expect(result.rounds[1].replays.checked).toBeGreaterThan(0);
    expect(result.rounds[1].replays.mismatches).toEqual([]);
    expect(result.totals.survived).toBe(result.totals.acknowledged);
    expect(result.ok).toBe(true);
    expect(lines.at(-1)).toMatch(/0 lost.*PASS$/);
  }, 300_000);

  it('the checks it relies on do fail: a write answered but absent is lost, a tampered balance breaks the invariants', () => {
    expect(result, 'the first test must have run').toBeDefined();
    const copy = join(dir, 'tampered.db');
    copyFileSync(join(dir, 'crash.db'), copy);
    const sqlite = new Database(copy);
    try {
      const { id } = sqlite.prepare('SELECT max(id) AS id FROM stock_movements').get() as { id: number };
      const phantom: Ack = {
        round: 9, kind: 'movement', user: 'keeper', token: '-', key: 'never-sent', path: '/api/stock/movements', status: 201,
        body: JSON.stringify({ kind: 'receipt' }), text: '{}',
        json: { movement: { id: id + 1, postingId: 'p', kind: 'receipt', depotId: 1, itemId: 1, quantity: 5 }, movements: [{ id: id + 1, kind: 'receipt', depotId: 1, itemId: 1, quantity: 5 }] },
      };
      const check = checkAcks(sqlite, [phantom]);
      expect(check.survived).toBe(0);
      expect(check.lost[0].why).toBe(`movement ${id + 1} missing`);

      expect(checkDatabaseHealth(sqlite).ok).toBe(true);
      sqlite.exec('UPDATE stock_balances SET quantity = quantity + 1 WHERE lot_id = (SELECT max(lot_id) FROM stock_balances)');
      const health = checkDatabaseHealth(sqlite);
      expect(health.ok).toBe(false);
      expect(health.ledger?.violations.join('\n')).toMatch(/balance-equals-replay/);
    } finally {
      sqlite.close();
    }
  });
});
