// The double-payment rule (重复发放): a household is paid at most once per relief category and
// season. "Season" is the relief period the money belongs to: the winter-spring year
// ('2026-2027') for 冬春救助, the disaster process (e.g. 'event-42') for the other categories.
import type { ReliefCategory } from './schemas';

export type PaymentStage = 'start' | 'progress' | 'completion';

export interface PaymentKey {
  householdId: number;
  category: ReliefCategory;
  season: string;
  /** Rebuild only: which instalment of the approved subsidy. */
  stage?: PaymentStage;
  /** Rebuild only: the case whose subsidy is being paid. */
  rebuildCaseId?: number;
}
export interface ExistingPayment extends PaymentKey {
  id: number;
  /** A reversed payment (退回/冲正) never reached the household, so it does not count. */
  reversed?: boolean;
}

export interface PaymentRefusal {
  code: 'DUPLICATE_PAYMENT';
  message: string;
  details: { conflictingPaymentId: number; householdId: number; category: ReliefCategory; season: string; stage?: PaymentStage };
}

// Rebuild money is paid to the 一卡通 in instalments (docs/domain.md §4), so those are not "twice".
const STAGED: ReadonlySet<ReliefCategory> = new Set(['rebuild']);

/**
 * The live payment that the candidate would duplicate, or null. Precisely:
 * - only live (not reversed) payments to the same household, category and season count;
 * - in a non-staged category any such payment is a duplicate;
 * - in rebuild, each stage of one case may be paid once: start, progress and completion of the
 *   same case are three payments, not duplicates; the same stage again is a duplicate, and so is
 *   any payment for a second case in the same season (only the family's sole home is rebuilt).
 */
export function findDoublePayment(existing: readonly ExistingPayment[], candidate: PaymentKey): ExistingPayment | null {
  const staged = STAGED.has(candidate.category);
  if (staged && (!candidate.stage || candidate.rebuildCaseId === undefined)) {
    throw new TypeError(`${candidate.category} payments need a stage and a rebuildCaseId`);
  }
  return existing.find((p) => !p.reversed
    && p.householdId === candidate.householdId
    && p.category === candidate.category
    && p.season === candidate.season
    && (!staged || p.rebuildCaseId !== candidate.rebuildCaseId || p.stage === candidate.stage)) ?? null;
}

/** findDoublePayment as a refusal the service can turn into a 409. */
export function checkNotPaidTwice(existing: readonly ExistingPayment[], candidate: PaymentKey): PaymentRefusal | null {
  const hit = findDoublePayment(existing, candidate);
  if (!hit) return null;
  const what = hit.rebuildCaseId !== candidate.rebuildCaseId
    ? '该户同一救助期已有另一宗重建补助发放'
    : candidate.stage ? `该户此阶段（${candidate.stage}）补助已发放` : '该户同一救助期已领取此类救助';
  return {
    code: 'DUPLICATE_PAYMENT',
    message: what,
    details: { conflictingPaymentId: hit.id, householdId: candidate.householdId, category: candidate.category,
      season: candidate.season, ...(candidate.stage ? { stage: candidate.stage } : {}) },
  };
}

export class DuplicatePaymentError extends Error {
  readonly code = 'DUPLICATE_PAYMENT';
  constructor(readonly refusal: PaymentRefusal) { super(refusal.message); }
}

/** Throws DuplicatePaymentError when the candidate would pay the household twice. */
export function assertNotPaidTwice(existing: readonly ExistingPayment[], candidate: PaymentKey): void {
  const refusal = checkNotPaidTwice(existing, candidate);
  if (refusal) throw new DuplicatePaymentError(refusal);
}
