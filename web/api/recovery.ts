// The recovery module's typed client: households, rebuild cases, winter-spring aid, spot checks,
// notices and funds. Request bodies are the server's zod types; answers the views it returns.
import type {
  AllocationInput, CondolenceInput, DistributionInput, HouseholdInput, HouseholdPatch, NoticeInput, PayInput, PaymentInput, RebuildAdvanceInput,
  RebuildCaseInput, RequisitionCreate, RequisitionPay, RequisitionReturn, RosterRowCreate, RosterRowPatch, SpotCheckInput, SpotCheckResultInput,
  StandardsKind, StandardsPut, TransitionalAidInput, WinterCampaignInput, WinterSurveyPost,
} from '../../api/modules/recovery/schemas';
import type { StandardsByKind } from '../../api/modules/recovery/standards-service';
import type { BreakdownLine } from '../../api/modules/recovery/subsidy';
import type {
  BoardRow, DuplicateWarning, HouseholdBrief, HouseholdView, PaymentView, RebuildCaseDetail, RebuildCaseView,
} from '../../api/modules/recovery/views';
import type { OverdueFlag } from '../../api/modules/recovery/rebuild-steps';
import type { FundsSummaryRow } from '../../api/modules/recovery/funds-service';
import { ApiError, get, patch, post, put, session } from './client';

export type { BoardRow, DuplicateWarning, HouseholdBrief, HouseholdView, PaymentView, RebuildCaseDetail, RebuildCaseView, FundsSummaryRow };

export interface Campaign {
  id: number; countyCode: string; countyName: string; season: string; surveyFrom: string; countyReportDue: string; prefectureReportDue: string;
  distributionFrom: string; distributionTo: string; perPersonFen: number; countyReportedAt: string | null;
  report: { due: string; reportedAt: string | null; late: boolean; prefectureDue: string };
  surveys: { townshipCode: string; townshipName: string; foodPeople: number; clothingPeople: number; heatingPeople: number; submittedAt: string }[];
  totalNeeds: { foodPeople: number; clothingPeople: number; heatingPeople: number };
  roster: { households: number; people: number; moneyFen: number; decided: number; flagged: number; moneyDistributedFen: number; goodsDistributedFen: number; householdsPaid: number };
}
export type RosterStep = 'reported' | 'village_reviewed' | 'township_checked' | 'county_decided' | 'removed';
export interface RosterRow {
  id: number; campaignId: number; season: string; countyCode: string; townshipCode: string; townshipName: string; villageCode: string; villageName: string;
  householdId: number; household: HouseholdBrief; peopleNeedingAid: number; needs: string[]; moneyFen: number;
  goods: { item: string; quantity: number; valueFen: number }[]; goodsValueFen: number; paymentMethod: 'one_card' | 'cash' | 'in_kind';
  step: RosterStep; duplicateStatus: 'none' | 'flagged' | 'cleared'; duplicateNote: string | null; noticeId: number | null;
  distributions: { id: number; kind: 'money' | 'goods'; amountFen: number | null; quantity: number | null; itemId: number | null; valueFen: number | null; distributedAt: string }[];
  warnings: DuplicateWarning[];
}
export interface SpotCheck {
  id: number; kind: 'rebuild' | 'winter_roster'; countyCode: string; countyName: string; campaignId: number | null; seed: string; fraction: number;
  populationSize: number; population: number[]; sampleSize: number; drawnAt: string; reproducible: boolean;
  items: { id: number; subjectId: number; household: HouseholdBrief; result: 'pending' | 'confirmed' | 'discrepancy'; note: string | null; checkedAt: string | null }[];
  summary: { pending: number; confirmed: number; discrepancy: number };
}
export interface Notice {
  id: number; kind: 'rebuild' | 'winter_spring'; villageCode: string; villageName: string; place: string; countyCode: string; campaignId: number | null;
  title: string; noticeStart: string; noticeEnd: string; days: number; totalFen: number; createdAt: string;
  entries: { subjectId: number; name: string; idNumberMasked: string; amountFen: number; reason: string }[];
}
export interface Allocation { id: number; category: string; sourceLevel: string; countyCode: string; amountFen: number; documentNo: string; receivedAt: string; disbursedFen: number; balanceFen: number }
export interface MapVillage { code: string; name: string; lon: number; lat: number; households: number; cases: number; stage: string; counts: Record<string, number> }
export interface MapTownship { code: string; name: string; lon: number; lat: number; rosterHouseholds: number; rosterPeople: number; surveyedPeople: number; paidHouseholds: number; coverage: number }
export type { OverdueFlag, BreakdownLine, StandardsByKind, StandardsKind };

/** 过渡期生活救助: computed from the standard in force (people × days × rate, days capped). */
export interface TransitionalAid {
  id: number; householdId: number; headName: string; rebuildCaseId: number | null; countyCode: string; season: string; people: number;
  startOn: string; daysRequested: number; days: number; amountFen: number; grainKg: number;
  breakdown: { lines: BreakdownLine[]; capped: boolean; standardsFrom: string }; paymentId: number | null; createdAt: string;
}
/** 遇难人员家属抚慰金: the deceased's ID number is kept masked only. */
export interface Condolence {
  id: number; householdId: number; headName: string; eventId: number | null; countyCode: string; season: string; deceasedName: string;
  deceasedIdMasked: string | null; recipientName: string; relation: string; amountFen: number;
  breakdown: { lines: BreakdownLine[]; standardsFrom: string }; paymentId: number | null; createdAt: string;
}
/** 征用补偿: in use → returned (condition, compensation fixed) → paid (voucher). */
export interface Requisition {
  id: number; countyCode: string; kind: 'vehicle' | 'building' | 'equipment'; description: string; ownerName: string; ownerIdMasked: string | null;
  ownerPhone: string | null; periodStart: string; periodEnd: string; dailyRateFen: number; conditionOnReturn: 'intact' | 'damaged' | 'lost' | null;
  damageCompensationFen: number; days: number; compensationFen: number; breakdown: BreakdownLine[]; status: 'in_use' | 'returned' | 'paid';
  paidAt: string | null; voucherNo: string | null; createdAt: string;
}
export interface EffectiveStandard<K extends StandardsKind = StandardsKind> { kind: K; value: StandardsByKind[K]; from: string; source: string | null }

const qs = (q: Record<string, string | number | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return s ? `?${s}` : '';
};
// A fresh key per user action: a double tap or a retried request on a bad network creates nothing twice.
const once = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export const recoveryApi = {
  households: (q: { regionCode?: string; q?: string; limit?: number } = {}) => get<{ households: HouseholdView[]; total: number }>(`/api/households${qs(q)}`),
  household: (id: number) => get<HouseholdView>(`/api/households/${id}`),
  register: (h: HouseholdInput) => post<{ household: HouseholdView; warnings: DuplicateWarning[] }>('/api/households', h, once()),
  patchHousehold: (id: number, p: HouseholdPatch) => patch<HouseholdView>(`/api/households/${id}`, p),

  cases: (q: { regionCode?: string; status?: string; overdue?: string; householdId?: number; limit?: number } = {}) =>
    get<{ cases: RebuildCaseView[]; total: number }>(`/api/rebuild-cases${qs(q)}`),
  case: (id: number) => get<RebuildCaseDetail>(`/api/rebuild-cases/${id}`),
  fileCase: (c: RebuildCaseInput) => post<RebuildCaseView>('/api/rebuild-cases', c, once()),
  advance: (id: number, a: RebuildAdvanceInput) => post<RebuildCaseView>(`/api/rebuild-cases/${id}/advance`, a, once()),
  payCase: (id: number, p: PaymentInput) => post<{ payment: PaymentView; case: RebuildCaseView }>(`/api/rebuild-cases/${id}/payments`, p, once()),
  board: (regionCode?: string) => get<{ regionCode: string; counties: BoardRow[]; totals: BoardRow; overdueCases: { id: number; headName: string; countyCode: string; status: string; overdue: OverdueFlag[] }[] }>(`/api/rebuild-cases/board${qs({ regionCode })}`),
  map: (regionCode?: string, season?: string) => get<{ villages: MapVillage[]; townships: MapTownship[] }>(`/api/recovery/map${qs({ regionCode, season })}`),

  campaigns: (q: { regionCode?: string; season?: string } = {}) => get<{ campaigns: Campaign[] }>(`/api/winter-relief/campaigns${qs(q)}`),
  openCampaign: (c: WinterCampaignInput) => post<Campaign>('/api/winter-relief/campaigns', c, once()),
  survey: (s: WinterSurveyPost) => post<Campaign>('/api/winter-relief/surveys', s, once()),
  roster: (campaignId: number) => get<{ rows: RosterRow[]; warnings: DuplicateWarning[] }>(`/api/winter-relief/roster${qs({ campaignId })}`),
  addRosterRow: (r: RosterRowCreate) => post<{ row: RosterRow; warnings: DuplicateWarning[]; standardWarning?: { perPersonFen: number; minPerPersonFen: number; maxPerPersonFen: number } }>('/api/winter-relief/roster', r, once()),
  patchRosterRow: (id: number, p: RosterRowPatch) => patch<RosterRow>(`/api/winter-relief/roster/${id}`, p),
  distribute: (d: DistributionInput) => post<{ row: RosterRow }>('/api/winter-relief/distributions', d, once()),
  /** Where an offline form queues a distribution (the outbox sends it with its own key). */
  distributionsPath: '/api/winter-relief/distributions',
  householdsPath: '/api/households',
  reportCampaign: (id: number) => post<Campaign>(`/api/winter-relief/campaigns/${id}/report`, {}, once()),

  transitionalAid: (regionCode?: string) => get<{ records: TransitionalAid[] }>(`/api/transitional-aid${qs({ regionCode })}`),
  computeTransitionalAid: (a: TransitionalAidInput) => post<TransitionalAid>('/api/transitional-aid', a, once()),
  payTransitionalAid: (id: number, p: PayInput) => post<TransitionalAid & { payment: PaymentView }>(`/api/transitional-aid/${id}/payments`, p, once()),
  condolences: (regionCode?: string) => get<{ records: Condolence[] }>(`/api/condolences${qs({ regionCode })}`),
  computeCondolence: (c: CondolenceInput) => post<Condolence>('/api/condolences', c, once()),
  payCondolence: (id: number, p: PayInput) => post<Condolence & { payment: PaymentView }>(`/api/condolences/${id}/payments`, p, once()),
  requisitions: (regionCode?: string) => get<{ requisitions: Requisition[] }>(`/api/requisitions${qs({ regionCode })}`),
  recordRequisition: (r: RequisitionCreate) => post<Requisition>('/api/requisitions', r, once()),
  returnRequisition: (id: number, r: RequisitionReturn) => post<Requisition>(`/api/requisitions/${id}/return`, r, once()),
  payRequisition: (id: number, p: RequisitionPay) => post<Requisition>(`/api/requisitions/${id}/payment`, p, once()),

  standards: (regionCode: string) => get<{ regionCode: string; standards: EffectiveStandard[] }>(`/api/recovery-standards/${regionCode}`),
  putStandard: (regionCode: string, s: StandardsPut) => put<EffectiveStandard>(`/api/recovery-standards/${regionCode}`, s),

  spotChecks: (regionCode?: string) => get<{ spotChecks: SpotCheck[] }>(`/api/spot-checks${qs({ regionCode })}`),
  spotCheck: (id: number) => get<SpotCheck>(`/api/spot-checks/${id}`),
  drawSpotCheck: (s: SpotCheckInput) => post<SpotCheck>('/api/spot-checks', s, once()),
  spotCheckResult: (id: number, itemId: number, r: SpotCheckResultInput) => patch<SpotCheck>(`/api/spot-checks/${id}/items/${itemId}`, r),

  notices: (regionCode?: string) => get<{ notices: (Omit<Notice, 'entries'> & { entryCount: number })[] }>(`/api/public-notices${qs({ regionCode })}`),
  notice: (id: number) => get<Notice>(`/api/public-notices/${id}`),
  postNotice: (n: NoticeInput) => post<Notice>('/api/public-notices', n, once()),

  allocations: (regionCode?: string) => get<{ allocations: Allocation[] }>(`/api/funds/allocations${qs({ regionCode })}`),
  addAllocation: (a: AllocationInput) => post<Allocation>('/api/funds/allocations', a, once()),
  summary: (regionCode?: string) => get<{ regionCode: string; rows: FundsSummaryRow[]; totals: { allocatedFen: number; disbursedFen: number; balanceFen: number } }>(`/api/funds/summary${qs({ regionCode })}`),
  payments: (q: { regionCode?: string; category?: string; limit?: number }) => get<{ payments: PaymentView[] }>(`/api/funds/payments${qs(q)}`),
};

/** Downloads a spreadsheet the API serves (the bearer token cannot ride on a plain link). */
export async function download(path: string, filename: string) {
  const res = await fetch(path, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    const err = (await res.json().catch(() => null))?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
