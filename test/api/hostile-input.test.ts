import { describe, expect, it } from 'vitest';
import { runHostileInput } from '../../scripts/fuzz/run-hostile';

describe('hostile input', () => {
  it('every hostile request to every route gets a 4xx JSON error and changes nothing', async () => {
    const out = await runHostileInput({ cases: 400, seed: Date.now() % 100000 });
    expect(out.failures).toEqual([]);
    expect(out.rowsChanged).toBe(0);
    expect(out.cases).toBe(400);
  }, 120_000);
});
