// What the recovery API answers with. Types only: the web imports them with `import type`.
// `idNumber` and `bankCard` are masked unless the caller is a county officer (idNumberMasked says which).
import type { DuplicateGroup } from './duplicates';
import type { OverdueFlag, RebuildStatus } from './rebuild-steps';
import type { BreakdownLine } from './subsidy';
import type { HouseholdFlag, DamageClass, ReliefCategory } from './schemas';

export interface HouseholdView {
  id: number;
  headName: string;
  idNumber: string;
  idNumberMasked: boolean;
  phone: string | null;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  size: number;
  members: { name: string; relation: string; idNumber: string | null }[];
  flags: HouseholdFlag[];
  priority: 0 | 1;
  bankCard: string | null;
  address: string | null;
  duplicateStatus: 'none' | 'flagged' | 'cleared';
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateWarning {
  kind: DuplicateGroup['kind'];
  idNumberMasked: string;
  householdIds: number[];
  countyCodes: string[];
  season?: string;
}

export interface HouseholdBrief {
  id: number;
  headName: string;
  idNumber: string;
  flags: HouseholdFlag[];
  priority: 0 | 1;
  size: number;
  villageCode: string;
  villageName: string;
}

export type RebuildAction =
  | 'apply' | 'post_notice' | 'record_objection' | 'resolve_objection' | 'village_approve' | 'township_approve'
  | 'county_approve' | 'reject' | 'start_construction' | 'complete_construction' | 'move_in';

export interface RebuildCaseView {
  id: number;
  householdId: number;
  household: HouseholdBrief;
  eventId: number | null;
  season: string;
  countyCode: string;
  countyName: string;
  townshipCode: string;
  villageCode: string;
  status: RebuildStatus;
  progress: 'not_started' | 'started' | 'completed' | 'moved_in' | null;
  damageClass: DamageClass;
  rooms: number;
  disasterAt: string;
  inspectedAt: string;
  inspector: string | null;
  appliedAt: string | null;
  noticePostedAt: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  noticeId: number | null;
  villageApprovedAt: string | null;
  townshipReviewedAt: string | null;
  countyApprovedAt: string | null;
  subsidyFen: number | null;
  subsidyBreakdown: BreakdownLine[] | null;
  paidFen: number;
  startedAt: string | null;
  completedAt: string | null;
  movedInAt: string | null;
  rejectedAt: string | null;
  rejectedAtStep: 'village' | 'township' | 'county' | null;
  rejectionReason: string | null;
  overdue: OverdueFlag[];
  openObjections: number;
  /** Actions this caller may take now (the state machine still has the last word). */
  nextActions: RebuildAction[];
}

export interface PaymentView {
  id: number;
  householdId: number;
  headName: string;
  countyCode: string;
  category: ReliefCategory;
  season: string;
  allocationId: number;
  amountFen: number;
  stage: 'start' | 'progress' | 'completion' | null;
  rebuildCaseId: number | null;
  sourceKind: string;
  sourceId: number;
  method: 'one_card' | 'cash';
  paidAt: string;
  reversedAt: string | null;
  reversalReason: string | null;
}

export interface RebuildCaseDetail extends RebuildCaseView {
  objections: { idx: number; raisedAt: string; text: string; resolvedAt: string | null; resolution: string | null }[];
  history: { action: string; at: string; recordedAt: string; username: string | null; note: string | null }[];
  payments: PaymentView[];
  /** Before county approval: what the county's standards would give today. */
  subsidyEstimate: { amountFen: number; breakdown: BreakdownLine[]; standardsFrom: string } | null;
}

export interface BoardRow {
  countyCode: string;
  name: string;
  total: number;
  inReview: number;
  notStarted: number;
  started: number;
  completed: number;
  movedIn: number;
  rejected: number;
  overdue: { ledger: number; township_review: number; county_review: number; cases: number };
  subsidyFen: number;
  paidFen: number;
}
