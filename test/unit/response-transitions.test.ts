import { describe, expect, it } from 'vitest';
import {
  applyResponseAction, NO_RESPONSE, replayResponses, type ResponseState, type ResponseStep,
} from '../../api/modules/response/transitions';

const active = (level: 1 | 2 | 3 | 4): ResponseState => ({ activeLevel: level });
const refusal = (state: ResponseState, step: ResponseStep) => {
  const result = applyResponseAction(state, step);
  if (result.ok) throw new Error(`expected a refusal, got level ${result.state.activeLevel}`);
  return result.refusal;
};

describe('response log transitions', () => {
  it('activates, raises, lowers and terminates a response', () => {
    const log: ResponseStep[] = [
      { action: 'activate', level: 4 }, { action: 'raise', level: 2 }, { action: 'lower', level: 3 }, { action: 'terminate' },
    ];
    const states = log.reduce<ResponseState[]>((seen, step) => {
      const result = applyResponseAction(seen.at(-1) ?? NO_RESPONSE, step);
      if (!result.ok) throw new Error(result.refusal.message);
      return [...seen, result.state];
    }, []);
    expect(states.map((s) => s.activeLevel)).toEqual([4, 2, 3, null]);
    expect(replayResponses(log)).toEqual(NO_RESPONSE);
  });

  it('refuses to activate a second response while one is active', () => {
    expect(refusal(active(3), { action: 'activate', level: 2 })).toMatchObject({
      code: 'INVALID_TRANSITION', details: { reason: 'ALREADY_ACTIVE', activeLevel: 3, level: 2 },
    });
  });

  it.each(['raise', 'lower', 'terminate'] as const)('refuses to %s when no response is active', (action) => {
    expect(refusal(NO_RESPONSE, { action, level: 2 }).details.reason).toBe('NOT_ACTIVE');
  });

  it('refuses to raise to the same or a lower level', () => {
    expect(refusal(active(2), { action: 'raise', level: 2 }).details.reason).toBe('NOT_HIGHER');
    expect(refusal(active(2), { action: 'raise', level: 3 }).details.reason).toBe('NOT_HIGHER');
  });

  it('refuses to lower to the same or a higher level, and below IV', () => {
    expect(refusal(active(3), { action: 'lower', level: 3 }).details.reason).toBe('NOT_LOWER');
    expect(refusal(active(3), { action: 'lower', level: 1 }).details.reason).toBe('NOT_LOWER');
    expect(refusal(active(4), { action: 'lower', level: 5 }).details.reason).toBe('LEVEL_OUT_OF_RANGE');
  });

  it('refuses an action without a level, or with one outside I–IV', () => {
    expect(refusal(NO_RESPONSE, { action: 'activate' }).details.reason).toBe('LEVEL_REQUIRED');
    expect(refusal(NO_RESPONSE, { action: 'activate', level: 0 }).details.reason).toBe('LEVEL_OUT_OF_RANGE');
    expect(refusal(active(4), { action: 'raise', level: 2.5 }).details.reason).toBe('LEVEL_OUT_OF_RANGE');
  });

  it('explains a refusal in both languages with Roman levels', () => {
    const r = refusal(active(2), { action: 'raise', level: 3 });
    expect(r.message).toBe('level III is not higher than the active level II');
    expect(r.zh).toBe('III 级不高于当前 II 级，不能提升');
  });

  it('can activate again after a response was terminated', () => {
    expect(replayResponses([{ action: 'activate', level: 4 }, { action: 'terminate' }, { action: 'activate', level: 3 }]))
      .toEqual(active(3));
  });

  it('reports a stored log that breaks the rules instead of guessing', () => {
    expect(() => replayResponses([{ action: 'activate', level: 4 }, { action: 'activate', level: 3 }])).toThrow(/inconsistent/);
  });
});
