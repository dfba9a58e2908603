// The response log of one event in one region as a state machine: 启动 → 提升/降低 … → 终止.
// Pure, so the service can check an action before writing it and replay the log to read the state.
import { RESPONSE_LEVELS, type ResponseActionKind, type ResponseLevel } from '../reports/schemas';
import { toRoman } from './assess';

export interface ResponseState {
  activeLevel: ResponseLevel | null;
}

export interface ResponseStep {
  action: ResponseActionKind;
  level?: number;
}

export type RefusalReason =
  | 'ALREADY_ACTIVE' | 'NOT_ACTIVE' | 'LEVEL_REQUIRED' | 'LEVEL_OUT_OF_RANGE' | 'NOT_HIGHER' | 'NOT_LOWER';

export interface Refusal {
  code: 'INVALID_TRANSITION';
  message: string;
  zh: string;
  details: { reason: RefusalReason; action: ResponseActionKind; activeLevel: ResponseLevel | null; level: number | null };
}

export type TransitionResult = { ok: true; state: ResponseState } | { ok: false; refusal: Refusal };

export const NO_RESPONSE: ResponseState = { activeLevel: null };

const isLevel = (n: unknown): n is ResponseLevel => RESPONSE_LEVELS.includes(n as ResponseLevel);
const name = (l: number | null) => (isLevel(l) ? toRoman(l) : String(l));

/** Apply one action; a level is higher when its number is smaller (I is the highest). */
export function applyResponseAction(state: ResponseState, step: ResponseStep): TransitionResult {
  const active = state.activeLevel;
  const level = step.level ?? null;
  const refuse = (reason: RefusalReason, en: string, zh: string): TransitionResult => ({
    ok: false,
    refusal: { code: 'INVALID_TRANSITION', message: en, zh, details: { reason, action: step.action, activeLevel: active, level } },
  });
  const to = (activeLevel: ResponseLevel | null): TransitionResult => ({ ok: true, state: { activeLevel } });

  if (step.action === 'activate' && active !== null) {
    return refuse('ALREADY_ACTIVE', `a level ${name(active)} response is already active; raise, lower or terminate it`,
      `已启动 ${name(active)} 级响应，只能提升、降低或终止`);
  }
  if (step.action !== 'activate' && active === null) {
    return refuse('NOT_ACTIVE', `no response is active to ${step.action}`, '当前未启动响应');
  }
  if (step.action === 'terminate') return to(null);
  if (level === null) return refuse('LEVEL_REQUIRED', `${step.action} needs a level`, '须给出响应等级');
  if (!isLevel(level)) return refuse('LEVEL_OUT_OF_RANGE', `level ${level} is not one of I–IV`, `响应等级 ${level} 不在 Ⅰ–Ⅳ 级之内`);
  if (step.action === 'activate') return to(level);
  if (step.action === 'raise' && !(level < active!)) {
    return refuse('NOT_HIGHER', `level ${name(level)} is not higher than the active level ${name(active)}`,
      `${name(level)} 级不高于当前 ${name(active)} 级，不能提升`);
  }
  if (step.action === 'lower' && !(level > active!)) {
    return refuse('NOT_LOWER', `level ${name(level)} is not lower than the active level ${name(active)}`,
      `${name(level)} 级不低于当前 ${name(active)} 级，不能降低`);
  }
  return to(level);
}

/** The state after a stored log; a refused step means the log was written around this machine. */
export function replayResponses(log: readonly ResponseStep[]): ResponseState {
  let state = NO_RESPONSE;
  for (const step of log) {
    const result = applyResponseAction(state, step);
    if (!result.ok) throw new Error(`response log is inconsistent: ${result.refusal.message}`);
    state = result.state;
  }
  return state;
}
