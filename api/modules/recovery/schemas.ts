// Recovery inputs (倒损住房恢复重建, 冬春救助, 过渡期生活救助, 抚慰金, 征用补偿), shared by routes,
// services and the web client. zod plus the dependency-free ID check only.
import { z } from 'zod';
import { isValidIdNumber, normalizeIdNumber } from './id-number';

const Id = z.number().int().positive();
const Count = z.number().int().nonnegative();
const Fen = z.number().int().nonnegative();           // money is integer fen (分)
const Instant = z.iso.datetime({ offset: true });    // stored in UTC, shown in Asia/Shanghai
const Day = z.iso.date();
const CountyCode = z.string().regex(/^\d{6}$/, '县级区划代码为 6 位数字');
const TownshipCode = z.string().regex(/^\d{9}$/, '乡级区划代码为 9 位数字');
const VillageCode = z.string().regex(/^\d{12}$/, '村级区划代码为 12 位数字');
const Note = z.string().trim().min(1).max(500);
const noRepeats = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;

export const IdNumber = z.string()
  .transform(normalizeIdNumber)
  .refine((s) => isValidIdNumber(s), '身份证号码无效（GB 11643-1999：出生日期、地区码或校验码不符）');
export const Phone = z.string().trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '手机号 11 位，或区号-座机号');
export const BankCard = z.string().transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{12,19}$/, '银行卡（一卡通）号为 12–19 位数字'));

export const HOUSEHOLD_FLAGS = ['dibao', 'tekun', 'sanju_tekun', 'disabled', 'youfu', 'general'] as const;
export const HouseholdFlag = z.enum(HOUSEHOLD_FLAGS);
export type HouseholdFlag = z.infer<typeof HouseholdFlag>;

const householdShape = {
  headName: z.string().trim().min(1).max(50),
  idNumber: IdNumber,
  phone: Phone.optional(),
  villageCode: VillageCode,
  size: z.number().int().min(1),
  members: z.array(z.object({
    name: z.string().trim().min(1).max(50),
    idNumber: IdNumber.optional(),
    relation: z.string().trim().min(1).max(20),       // 户主、配偶、子女…
  })).optional(),
  // 一般户 means "none of the others", so it never combines with them.
  flags: z.array(HouseholdFlag).default(['general'])
    .refine(noRepeats, '户类型不能重复')
    .refine((fs) => !fs.includes('general') || fs.length === 1, '一般户不能与其他户类型同时勾选'),
  bankCard: BankCard.optional(),
  address: z.string().trim().max(200).optional(),
};
export const HouseholdInput = z.object(householdShape).refine((h) => (h.members?.length ?? 0) <= h.size,
  { message: '家庭成员数不能超过家庭人口', path: ['members'] });
export type HouseholdInput = z.infer<typeof HouseholdInput>;

export const DAMAGE_CLASSES = ['collapsed', 'severe', 'general'] as const;   // 倒塌 / 严重损坏 / 一般损坏
export const DamageClass = z.enum(DAMAGE_CLASSES);
export type DamageClass = z.infer<typeof DamageClass>;

/** One row of the county's 因灾倒塌、损坏住房户台账. */
export const RebuildCaseInput = z.object({
  householdId: Id,
  eventId: Id.optional(),
  disasterAt: Instant,                                  // the 15-working-day ledger clock starts here
  damageClass: DamageClass,
  rooms: z.number().int().min(1),
  soleHome: z.boolean().refine((v) => v === true,
    '只有家庭唯一住房才纳入恢复重建（棚圈、厨房、第二套住房不计）'),
  inspectedAt: Instant,
  inspector: z.string().trim().min(1).max(50).optional(),
}).refine((c) => Date.parse(c.inspectedAt) >= Date.parse(c.disasterAt),
  { message: '核查时间不能早于灾害发生时间', path: ['inspectedAt'] });
export type RebuildCaseInput = z.infer<typeof RebuildCaseInput>;

const step = { at: Instant.optional(), note: Note.optional() };
export const RebuildAdvanceInput = z.discriminatedUnion('action', [
  z.object({ ...step, action: z.literal('apply') }),                            // 户申请
  z.object({ ...step, action: z.literal('post_notice'), noticeStart: Instant, noticeEnd: Instant })
    .refine((a) => Date.parse(a.noticeEnd) > Date.parse(a.noticeStart),
      { message: '公示结束时间须晚于开始时间', path: ['noticeEnd'] }),
  z.object({ ...step, action: z.literal('record_objection'), objection: Note }),  // 公示异议
  z.object({ ...step, action: z.literal('resolve_objection'), objectionIndex: Count, resolution: Note }),
  z.object({ ...step, action: z.literal('village_approve') }),                  // 村评议通过
  z.object({ ...step, action: z.literal('township_approve') }),                 // 乡审核
  z.object({ ...step, action: z.literal('county_approve') }),                   // 县审批 (subsidy fixed)
  z.object({ ...step, action: z.literal('reject'), reason: Note }),
  z.object({ ...step, action: z.literal('start_construction') }),               // 开工
  z.object({ ...step, action: z.literal('complete_construction') }),            // 竣工
  z.object({ ...step, action: z.literal('move_in') }),                          // 入住
]);
export type RebuildAdvanceInput = z.infer<typeof RebuildAdvanceInput>;

export const PAYMENT_STAGES = ['start', 'progress', 'completion'] as const;
export const PaymentInput = z.object({
  stage: z.enum(PAYMENT_STAGES),
  amountFen: Fen.positive(),
  allocationId: Id,                                     // which 资金下达 it is drawn from
  paidAt: Instant,
});
export type PaymentInput = z.infer<typeof PaymentInput>;

const Season = z.string().regex(/^\d{4}-\d{4}$/, '救助年度如 2026-2027')
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, '救助年度须为相邻两年');
export const WinterCampaignInput = z.object({ countyCode: CountyCode, season: Season });
export type WinterCampaignInput = z.infer<typeof WinterCampaignInput>;

export const WinterSurveyInput = z.object({
  lines: z.array(z.object({
    townshipCode: TownshipCode,
    foodPeople: Count,                                  // 口粮
    clothingPeople: Count,                              // 衣被
    heatingPeople: Count,                               // 取暖
  })).min(1).refine((ls) => noRepeats(ls.map((l) => l.townshipCode)), '每个乡镇只填一行'),
});
export type WinterSurveyInput = z.infer<typeof WinterSurveyInput>;

export const WINTER_NEEDS = ['food', 'clothing', 'heating'] as const;
export const WinterRosterRowInput = z.object({
  householdId: Id,
  peopleNeedingAid: z.number().int().min(1),
  needs: z.array(z.enum(WINTER_NEEDS)).min(1).refine(noRepeats, '需求不能重复'),
  moneyFen: Fen,
  goods: z.array(z.object({
    item: z.string().trim().min(1).max(50),             // 棉被、棉大衣…
    quantity: z.number().int().positive(),
    valueFen: Fen,                                      // 折款
  })).default([]),
  paymentMethod: z.enum(['one_card', 'cash', 'in_kind']),   // 一卡通 / 现金 / 实物
}).refine((r) => r.moneyFen > 0 || r.goods.length > 0, { message: '须发放资金或物资', path: ['moneyFen'] });
export type WinterRosterRowInput = z.infer<typeof WinterRosterRowInput>;

export const TransitionalAidInput = z.object({
  householdId: Id,
  rebuildCaseId: Id.optional(),
  people: z.number().int().min(1),
  startOn: Day,
  days: z.number().int().min(1),                        // capped by the standard, not here
});
export type TransitionalAidInput = z.infer<typeof TransitionalAidInput>;

export const CondolenceInput = z.object({
  householdId: Id,                                      // the bereaved family
  eventId: Id.optional(),
  deceasedName: z.string().trim().min(1).max(50),
  deceasedIdNumber: IdNumber.optional(),
  recipientName: z.string().trim().min(1).max(50),
  relation: z.string().trim().min(1).max(20),
});
export type CondolenceInput = z.infer<typeof CondolenceInput>;

export const RequisitionInput = z.object({
  kind: z.enum(['vehicle', 'building', 'equipment']),
  description: z.string().trim().min(1).max(200),
  owner: z.object({ name: z.string().trim().min(1).max(100), idNumber: IdNumber.optional(), phone: Phone.optional() }),
  periodStart: Day,
  periodEnd: Day,
  dailyRateFen: Fen,
  conditionOnReturn: z.enum(['intact', 'damaged', 'lost']).optional(),   // unset until returned
  damageCompensationFen: Fen.default(0),
}).refine((r) => r.periodEnd >= r.periodStart, { message: '归还日期不能早于征用日期', path: ['periodEnd'] })
  .refine((r) => r.conditionOnReturn === 'damaged' || r.conditionOnReturn === 'lost' || r.damageCompensationFen === 0,
    { message: '完好归还或未归还的不予损坏补偿', path: ['damageCompensationFen'] });
export type RequisitionInput = z.infer<typeof RequisitionInput>;

export const RELIEF_CATEGORIES = ['emergency', 'transitional', 'drought', 'condolence', 'rebuild', 'winter_spring'] as const;
export const ReliefCategory = z.enum(RELIEF_CATEGORIES);
export type ReliefCategory = z.infer<typeof ReliefCategory>;

/** A 资金下达 received by a county: one row per document. */
export const AllocationInput = z.object({
  category: ReliefCategory,
  sourceLevel: z.enum(['central', 'province', 'prefecture', 'county']),
  countyCode: CountyCode,
  amountFen: Fen.positive(),
  documentNo: z.string().trim().min(1).max(100),        // e.g. 财建〔2026〕12号
  receivedAt: Day,
});
export type AllocationInput = z.infer<typeof AllocationInput>;

// ——— Inputs the routes add around the ones above ———

/** Corrections to a household; the village stays (a family that moved is registered anew). */
export const HouseholdPatch = z.object({
  headName: householdShape.headName.optional(),
  idNumber: IdNumber.optional(),
  phone: Phone.nullable().optional(),
  size: householdShape.size.optional(),
  members: householdShape.members,
  flags: z.array(HouseholdFlag).min(1)
    .refine(noRepeats, '户类型不能重复')
    .refine((fs) => !fs.includes('general') || fs.length === 1, '一般户不能与其他户类型同时勾选').optional(),
  bankCard: BankCard.nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  duplicateReview: z.object({ decision: z.literal('cleared'), note: Note }).optional(),
}).refine((p) => Object.keys(p).length > 0, '没有要修改的内容');
export type HouseholdPatch = z.infer<typeof HouseholdPatch>;

const Paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  // digits only: coerce would read '' or ' ' as 0 and hide a client's mistake
  offset: z.string().regex(/^\d{1,9}$/, '非负整数 a whole number ≥ 0').transform(Number).default(0),
};
const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码为 2、4、6、9 或 12 位数字');
export const HouseholdQuery = z.object({
  regionCode: RegionCode.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  idNumber: z.string().trim().min(1).max(18).optional(),
  ...Paging,
});
export const RebuildCaseQuery = z.object({
  regionCode: RegionCode.optional(),
  status: z.enum(['inspected', 'applied', 'notice', 'village_approved', 'township_reviewed', 'county_approved',
    'started', 'completed', 'moved_in', 'rejected']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  householdId: z.coerce.number().int().positive().optional(),
  ...Paging,
});
export const RegionQuery = z.object({ regionCode: RegionCode.optional() });

export const SpotCheckInput = z.object({
  kind: z.enum(['rebuild', 'winter_roster']),
  countyCode: CountyCode,
  campaignId: Id.optional(),
  // Recorded with the sample; omitted, the server draws a random one.
  seed: z.string().trim().min(1).max(100).optional(),
}).refine((s) => s.kind !== 'winter_roster' || s.campaignId !== undefined,
  { message: '花名册抽查须指定冬春救助工作', path: ['campaignId'] });
export type SpotCheckInput = z.infer<typeof SpotCheckInput>;

export const SpotCheckResultInput = z.object({
  result: z.enum(['confirmed', 'discrepancy']),
  note: Note.optional(),
}).refine((r) => r.result === 'confirmed' || !!r.note, { message: '发现问题须写明情况', path: ['note'] });
export type SpotCheckResultInput = z.infer<typeof SpotCheckResultInput>;

export const RosterRowCreate = z.object({ campaignId: Id }).and(WinterRosterRowInput);
export type RosterRowCreate = z.infer<typeof RosterRowCreate>;

export const ROSTER_STEP_ORDER = ['reported', 'village_reviewed', 'township_checked', 'county_decided'] as const;
export const RosterRowPatch = z.object({
  step: z.enum(ROSTER_STEP_ORDER).optional(),             // 户报 → 村评 → 乡审 → 县定, one at a time
  peopleNeedingAid: z.number().int().min(1).optional(),
  moneyFen: Fen.optional(),
  paymentMethod: z.enum(['one_card', 'cash', 'in_kind']).optional(),
  duplicateReview: z.object({ decision: z.enum(['cleared', 'removed']), note: Note }).optional(),
}).refine((p) => Object.keys(p).length > 0, '没有要修改的内容');
export type RosterRowPatch = z.infer<typeof RosterRowPatch>;

export const RosterQuery = z.object({ campaignId: z.coerce.number().int().positive(), villageCode: VillageCode.optional() });
export const CampaignQuery = z.object({ regionCode: RegionCode.optional(), season: Season.optional() });
export const WinterSurveyPost = WinterSurveyInput.extend({ campaignId: Id });
export type WinterSurveyPost = z.infer<typeof WinterSurveyPost>;

export const DistributionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('money'), rosterRowId: Id, allocationId: Id, paidAt: Instant }),
  // Goods leave a depot through the stock ledger; valueFen is the 折款 shown on the roster.
  z.object({ kind: z.literal('goods'), rosterRowId: Id, depotId: Id, itemId: Id, quantity: z.number().int().positive(),
    valueFen: Fen, distributedAt: Instant }),
]);
export type DistributionInput = z.infer<typeof DistributionInput>;

/** Paying a computed record (transitional aid, condolence) from an allocation. */
export const PayInput = z.object({ allocationId: Id, paidAt: Instant, method: z.enum(['one_card', 'cash']).default('one_card') });
export type PayInput = z.infer<typeof PayInput>;
export const ReverseInput = z.object({ reason: Note });
export type ReverseInput = z.infer<typeof ReverseInput>;

export const RequisitionCreate = z.object({ countyCode: CountyCode }).and(RequisitionInput);
export type RequisitionCreate = z.infer<typeof RequisitionCreate>;
export const RequisitionReturn = z.object({
  periodEnd: Day,
  conditionOnReturn: z.enum(['intact', 'damaged', 'lost']),
  damageCompensationFen: Fen.default(0),
}).refine((r) => r.conditionOnReturn !== 'intact' || r.damageCompensationFen === 0,
  { message: '完好归还的不予损坏补偿', path: ['damageCompensationFen'] });
export type RequisitionReturn = z.infer<typeof RequisitionReturn>;
export const RequisitionPay = z.object({ paidAt: Instant, voucherNo: z.string().trim().min(1).max(100) });
export type RequisitionPay = z.infer<typeof RequisitionPay>;

const noticePeriod = { noticeStart: Instant, noticeEnd: Instant };
export const NoticeInput = z.discriminatedUnion('kind', [
  // Puts every applied case of the village (or the ones listed) on the notice.
  z.object({ kind: z.literal('rebuild'), villageCode: VillageCode, ...noticePeriod, caseIds: z.array(Id).min(1).optional() }),
  z.object({ kind: z.literal('winter_spring'), villageCode: VillageCode, campaignId: Id, ...noticePeriod }),
]).refine((n) => Date.parse(n.noticeEnd) > Date.parse(n.noticeStart),
  { message: '公示结束时间须晚于开始时间', path: ['noticeEnd'] });
export type NoticeInput = z.infer<typeof NoticeInput>;
export const NoticeQuery = z.object({ regionCode: RegionCode.optional() });

export const FundsQuery = z.object({
  regionCode: RegionCode.optional(),
  category: ReliefCategory.optional(),
  season: z.string().trim().min(1).max(40).optional(),
  ...Paging,
});

// ——— Standards as data (overridable per region) ———
const PerClass = z.object({ collapsed: Fen, severe: Fen, general: Fen });
const flagsList = z.array(HouseholdFlag).min(1);
export const RebuildStandardsValue = z.object({
  perRoomFen: PerClass,
  householdCapFen: PerClass,
  topUps: z.array(z.discriminatedUnion('kind', [
    z.object({ label: z.string().min(1).max(50), flags: flagsList, kind: z.literal('fixed'), fen: Fen }),
    z.object({ label: z.string().min(1).max(50), flags: flagsList, kind: z.literal('percent'), percent: z.number().min(0).max(100) }),
  ])),
});
const DeadlineValue = z.object({ days: z.number().int().min(1).max(365), unit: z.enum(['working_days', 'calendar_days']) });
export const RebuildRulesValue = z.object({
  ledgerDeadline: DeadlineValue,
  noticeMinDays: z.number().int().min(1).max(60),
  reviewDeadlines: z.object({ township: DeadlineValue, county: DeadlineValue }),
  spotCheck: z.object({ rebuildFraction: z.number().gt(0).max(1), winterRosterFraction: z.number().gt(0).max(1) }),
  priorityFlags: z.array(HouseholdFlag),
});
export const TransitionalValue = z.object({
  perPersonPerDayFen: Fen, maxDays: z.number().int().min(1).max(366),
  grainKgPerPersonPerDay: z.number().min(0).max(10), grainAtNationalLevels: z.array(z.enum(['I', 'II', 'III', 'IV'])),
});
export const WinterSpringValue = z.object({ minPerPersonFen: Fen, maxPerPersonFen: Fen, defaultPerPersonFen: Fen })
  .refine((w) => w.minPerPersonFen <= w.defaultPerPersonFen && w.defaultPerPersonFen <= w.maxPerPersonFen, '默认标准须在上下限之间');
export const CondolenceValue = z.object({ perDeceasedFen: Fen });
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD');
export const WinterCalendarValue = z.object({
  surveyFrom: MonthDay, countyReportDue: MonthDay, prefectureReportDue: MonthDay, distributionFrom: MonthDay, distributionTo: MonthDay,
});
const source = z.string().trim().min(1).max(500);
export const StandardsPut = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rebuild'), value: RebuildStandardsValue, source }),
  z.object({ kind: z.literal('rebuild_rules'), value: RebuildRulesValue, source }),
  z.object({ kind: z.literal('transitional'), value: TransitionalValue, source }),
  z.object({ kind: z.literal('winter_spring'), value: WinterSpringValue, source }),
  z.object({ kind: z.literal('condolence'), value: CondolenceValue, source }),
  z.object({ kind: z.literal('winter_calendar'), value: WinterCalendarValue, source }),
]);
export type StandardsPut = z.infer<typeof StandardsPut>;
export type StandardsKind = StandardsPut['kind'];
