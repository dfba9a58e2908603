// Recovery (倒损住房恢复重建, 冬春救助, 过渡期生活救助, 抚慰金, 征用补偿) and the funds that pay for it.
// Only `households` and `household_members` hold full resident ID numbers and bank cards; every
// other table refers to the household by id, or keeps a mask (and a hash to spot repeats).
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { regions } from './regions';
import { users } from './users';
import { depots } from './depots';
import { events } from './events';
import { items } from './stock';

export const households = sqliteTable('households', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  headName: text('head_name').notNull(),
  idNumber: text('id_number').notNull(),                 // full, normalised (upper-case X)
  phone: text('phone'),
  villageCode: text('village_code').notNull().references(() => regions.code),
  // Derived from the region tree when the village is set, so scope and roll-ups are prefix-free.
  townshipCode: text('township_code').notNull(),
  countyCode: text('county_code').notNull(),
  size: integer('size').notNull(),
  flags: text('flags', { mode: 'json' }).$type<string[]>().notNull(),
  // 0 = 低保/特困/残疾 go first, 1 = everyone else; recomputed on every write from the county's rules.
  priority: integer('priority').notNull(),
  bankCard: text('bank_card'),
  address: text('address'),
  // 'flagged' when the same ID number is registered in another county (herders move between banners).
  duplicateStatus: text('duplicate_status', { enum: ['none', 'flagged', 'cleared'] }).notNull().default('none'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  // One county never registers one person as the head of two households.
  uniqueIndex('households_county_id_number').on(t.countyCode, t.idNumber),
  index('households_id_number').on(t.idNumber),
  index('households_village').on(t.villageCode),
  index('households_county_priority').on(t.countyCode, t.priority),
]);

export const householdMembers = sqliteTable('household_members', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  householdId: integer('household_id').notNull().references(() => households.id),
  name: text('name').notNull(),
  relation: text('relation').notNull(),
  idNumber: text('id_number'),
}, (t) => [index('household_members_household').on(t.householdId), index('household_members_id_number').on(t.idNumber)]);

export const REBUILD_STATUS_VALUES = ['inspected', 'applied', 'notice', 'village_approved', 'township_reviewed',
  'county_approved', 'started', 'completed', 'moved_in', 'rejected'] as const;

/** One row of the county's 因灾倒塌、损坏住房户台账 and its way through review and construction. */
export const rebuildCases = sqliteTable('rebuild_cases', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  householdId: integer('household_id').notNull().references(() => households.id),
  eventId: integer('event_id').references(() => events.id),
  // The relief period a payment belongs to ('event-42', or the disaster's year): see payments.ts.
  season: text('season').notNull(),
  countyCode: text('county_code').notNull(),
  townshipCode: text('township_code').notNull(),
  villageCode: text('village_code').notNull(),
  status: text('status', { enum: REBUILD_STATUS_VALUES }).notNull(),
  damageClass: text('damage_class', { enum: ['collapsed', 'severe', 'general'] }).notNull(),
  rooms: integer('rooms').notNull(),
  disasterAt: text('disaster_at').notNull(),
  inspectedAt: text('inspected_at').notNull(),
  inspector: text('inspector'),
  appliedAt: text('applied_at'),
  noticePostedAt: text('notice_posted_at'),
  noticeStart: text('notice_start'),
  noticeEnd: text('notice_end'),
  noticeId: integer('notice_id'),
  villageApprovedAt: text('village_approved_at'),
  townshipReviewedAt: text('township_reviewed_at'),
  countyApprovedAt: text('county_approved_at'),
  subsidyFen: integer('subsidy_fen'),
  subsidyBreakdown: text('subsidy_breakdown', { mode: 'json' }),
  startedAt: text('started_at'),
  completedAt: text('completed_at'),
  movedInAt: text('moved_in_at'),
  rejectedAt: text('rejected_at'),
  rejectedAtStep: text('rejected_at_step', { enum: ['village', 'township', 'county'] }),
  rejectionReason: text('rejection_reason'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  index('rebuild_cases_county_status').on(t.countyCode, t.status),
  index('rebuild_cases_household').on(t.householdId),
  index('rebuild_cases_village').on(t.villageCode),
]);

/** 公示异议: raised during the notice, each resolved before the village may approve. */
export const rebuildObjections = sqliteTable('rebuild_objections', {
  caseId: integer('case_id').notNull().references(() => rebuildCases.id),
  idx: integer('idx').notNull(),
  raisedAt: text('raised_at').notNull(),
  text: text('text').notNull(),
  raisedBy: integer('raised_by').references(() => users.id),
  resolvedAt: text('resolved_at'),
  resolution: text('resolution'),
  resolvedBy: integer('resolved_by').references(() => users.id),
}, (t) => [primaryKey({ columns: [t.caseId, t.idx] })]);

/** The case's history: every step, who took it and when (at = the step's own date, may be backdated). */
export const rebuildCaseEvents = sqliteTable('rebuild_case_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  caseId: integer('case_id').notNull().references(() => rebuildCases.id),
  action: text('action').notNull(),
  at: text('at').notNull(),
  recordedAt: text('recorded_at').notNull(),
  userId: integer('user_id').references(() => users.id),
  username: text('username'),
  note: text('note'),
}, (t) => [index('rebuild_case_events_case').on(t.caseId)]);

export const RELIEF_CATEGORY_VALUES = ['emergency', 'transitional', 'drought', 'condolence', 'rebuild', 'winter_spring'] as const;
export const FUND_SOURCE_LEVELS = ['central', 'province', 'prefecture', 'county'] as const;

/** 资金下达: money a county received for one relief category, one row per document. */
export const reliefAllocations = sqliteTable('relief_allocations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  category: text('category', { enum: RELIEF_CATEGORY_VALUES }).notNull(),
  sourceLevel: text('source_level', { enum: FUND_SOURCE_LEVELS }).notNull(),
  countyCode: text('county_code').notNull().references(() => regions.code),
  amountFen: integer('amount_fen').notNull(),
  documentNo: text('document_no').notNull(),
  receivedAt: text('received_at').notNull(),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [
  uniqueIndex('relief_allocations_document').on(t.countyCode, t.category, t.documentNo),
  index('relief_allocations_county').on(t.countyCode, t.category),
]);

export const PAYMENT_SOURCES = ['rebuild_case', 'winter_distribution', 'transitional_aid', 'condolence'] as const;

/**
 * Money paid to a household (一卡通 or cash), drawn from one allocation. Immutable but for one
 * reversal (退回/冲正); the database refuses deletes and any other change (migration triggers).
 */
export const reliefPayments = sqliteTable('relief_payments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  householdId: integer('household_id').notNull().references(() => households.id),
  countyCode: text('county_code').notNull(),
  category: text('category', { enum: RELIEF_CATEGORY_VALUES }).notNull(),
  season: text('season').notNull(),
  allocationId: integer('allocation_id').notNull().references(() => reliefAllocations.id),
  amountFen: integer('amount_fen').notNull(),
  stage: text('stage', { enum: ['start', 'progress', 'completion'] }),
  rebuildCaseId: integer('rebuild_case_id').references(() => rebuildCases.id),
  sourceKind: text('source_kind', { enum: PAYMENT_SOURCES }).notNull(),
  sourceId: integer('source_id').notNull(),
  method: text('method', { enum: ['one_card', 'cash'] }).notNull().default('one_card'),
  paidAt: text('paid_at').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  reversedAt: text('reversed_at'),
  reversedBy: integer('reversed_by').references(() => users.id),
  reversalReason: text('reversal_reason'),
}, (t) => [
  // The double-payment rule (payments.ts) in the database too: two concurrent requests cannot both pass.
  uniqueIndex('one_live_payment_per_household_category_season').on(t.householdId, t.category, t.season)
    .where(sql`reversed_at IS NULL AND category <> 'rebuild'`),
  uniqueIndex('one_live_rebuild_stage').on(t.rebuildCaseId, t.stage)
    .where(sql`reversed_at IS NULL AND rebuild_case_id IS NOT NULL`),
  index('relief_payments_county').on(t.countyCode, t.category),
  index('relief_payments_allocation').on(t.allocationId),
  index('relief_payments_household').on(t.householdId),
]);

export const winterCampaigns = sqliteTable('winter_campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  countyCode: text('county_code').notNull().references(() => regions.code),
  season: text('season').notNull(),                      // '2026-2027'
  surveyFrom: text('survey_from').notNull(),             // dates from the winter calendar (data)
  countyReportDue: text('county_report_due').notNull(),
  prefectureReportDue: text('prefecture_report_due').notNull(),
  distributionFrom: text('distribution_from').notNull(),
  distributionTo: text('distribution_to').notNull(),
  perPersonFen: integer('per_person_fen').notNull(),     // the county's standard when the campaign opened
  countyReportedAt: text('county_reported_at'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [uniqueIndex('winter_campaigns_county_season').on(t.countyCode, t.season)]);

/** 需求摸底: one line per township and campaign; a resubmission replaces it. */
export const winterSurveys = sqliteTable('winter_surveys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  campaignId: integer('campaign_id').notNull().references(() => winterCampaigns.id),
  townshipCode: text('township_code').notNull().references(() => regions.code),
  foodPeople: integer('food_people').notNull(),
  clothingPeople: integer('clothing_people').notNull(),
  heatingPeople: integer('heating_people').notNull(),
  submittedAt: text('submitted_at').notNull(),
  submittedBy: integer('submitted_by').references(() => users.id),
}, (t) => [uniqueIndex('winter_surveys_campaign_township').on(t.campaignId, t.townshipCode)]);

export const ROSTER_STEPS = ['reported', 'village_reviewed', 'township_checked', 'county_decided', 'removed'] as const;

/** 冬春救助花名册: one row per household (户报 → 村评 → 乡审 → 县定). */
export const winterRosterRows = sqliteTable('winter_roster_rows', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  campaignId: integer('campaign_id').notNull().references(() => winterCampaigns.id),
  season: text('season').notNull(),
  countyCode: text('county_code').notNull(),
  townshipCode: text('township_code').notNull(),
  villageCode: text('village_code').notNull(),
  householdId: integer('household_id').notNull().references(() => households.id),
  peopleNeedingAid: integer('people_needing_aid').notNull(),
  needs: text('needs', { mode: 'json' }).$type<string[]>().notNull(),
  moneyFen: integer('money_fen').notNull(),
  goods: text('goods', { mode: 'json' }).$type<{ item: string; quantity: number; valueFen: number }[]>().notNull(),
  paymentMethod: text('payment_method', { enum: ['one_card', 'cash', 'in_kind'] }).notNull(),
  step: text('step', { enum: ROSTER_STEPS }).notNull(),
  duplicateStatus: text('duplicate_status', { enum: ['none', 'flagged', 'cleared'] }).notNull().default('none'),
  duplicateNote: text('duplicate_note'),
  noticeId: integer('notice_id'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  uniqueIndex('winter_roster_campaign_household').on(t.campaignId, t.householdId),
  index('winter_roster_season').on(t.season),
  index('winter_roster_village').on(t.villageCode),
]);

/** What a roster household actually received: money (a payment) or goods (a stock issue). */
export const winterDistributions = sqliteTable('winter_distributions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  rosterRowId: integer('roster_row_id').notNull().references(() => winterRosterRows.id),
  campaignId: integer('campaign_id').notNull().references(() => winterCampaigns.id),
  householdId: integer('household_id').notNull().references(() => households.id),
  kind: text('kind', { enum: ['money', 'goods'] }).notNull(),
  amountFen: integer('amount_fen'),
  paymentId: integer('payment_id').references(() => reliefPayments.id),
  depotId: integer('depot_id').references(() => depots.id),
  itemId: integer('item_id').references(() => items.id),
  quantity: integer('quantity'),
  valueFen: integer('value_fen'),
  stockPostingId: text('stock_posting_id'),           // the stock issue that took the goods out
  distributedAt: text('distributed_at').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [index('winter_distributions_row').on(t.rosterRowId)]);

/** 抽查: the population and seed are kept, so anyone can redraw the sample and get the same ids. */
export const spotChecks = sqliteTable('spot_checks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['rebuild', 'winter_roster'] }).notNull(),
  countyCode: text('county_code').notNull().references(() => regions.code),
  campaignId: integer('campaign_id').references(() => winterCampaigns.id),
  seed: text('seed').notNull(),
  fraction: real('fraction').notNull(),
  population: text('population', { mode: 'json' }).$type<number[]>().notNull(),
  sampleSize: integer('sample_size').notNull(),
  drawnAt: text('drawn_at').notNull(),
  drawnBy: integer('drawn_by').references(() => users.id),
}, (t) => [index('spot_checks_county').on(t.countyCode)]);

export const spotCheckItems = sqliteTable('spot_check_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  spotCheckId: integer('spot_check_id').notNull().references(() => spotChecks.id),
  subjectId: integer('subject_id').notNull(),            // a rebuild case or a roster row
  householdId: integer('household_id').notNull().references(() => households.id),
  result: text('result', { enum: ['pending', 'confirmed', 'discrepancy'] }).notNull().default('pending'),
  note: text('note'),
  checkedAt: text('checked_at'),
  checkedBy: integer('checked_by').references(() => users.id),
}, (t) => [uniqueIndex('spot_check_items_subject').on(t.spotCheckId, t.subjectId)]);

export const transitionalAid = sqliteTable('transitional_aid', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  householdId: integer('household_id').notNull().references(() => households.id),
  rebuildCaseId: integer('rebuild_case_id').references(() => rebuildCases.id),
  countyCode: text('county_code').notNull(),
  season: text('season').notNull(),
  people: integer('people').notNull(),
  startOn: text('start_on').notNull(),
  daysRequested: integer('days_requested').notNull(),
  days: integer('days').notNull(),
  amountFen: integer('amount_fen').notNull(),
  grainKg: real('grain_kg').notNull().default(0),
  breakdown: text('breakdown', { mode: 'json' }).notNull(),
  paymentId: integer('payment_id').references(() => reliefPayments.id),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [index('transitional_aid_household').on(t.householdId)]);

/** 遇难人员家属抚慰金. The deceased's ID number is kept only as a mask and a hash (to refuse a repeat). */
export const condolences = sqliteTable('condolences', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  householdId: integer('household_id').notNull().references(() => households.id),
  eventId: integer('event_id').references(() => events.id),
  countyCode: text('county_code').notNull(),
  season: text('season').notNull(),
  deceasedName: text('deceased_name').notNull(),
  deceasedIdMasked: text('deceased_id_masked'),
  deceasedIdHash: text('deceased_id_hash'),
  recipientName: text('recipient_name').notNull(),
  relation: text('relation').notNull(),
  amountFen: integer('amount_fen').notNull(),
  breakdown: text('breakdown', { mode: 'json' }).notNull(),
  paymentId: integer('payment_id').references(() => reliefPayments.id),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [uniqueIndex('condolences_deceased').on(t.deceasedIdHash).where(sql`deceased_id_hash IS NOT NULL`)]);

/** 征用补偿: vehicles, buildings and equipment taken for the response, and what their owners are owed. */
export const requisitions = sqliteTable('requisitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  countyCode: text('county_code').notNull().references(() => regions.code),
  kind: text('kind', { enum: ['vehicle', 'building', 'equipment'] }).notNull(),
  description: text('description').notNull(),
  ownerName: text('owner_name').notNull(),
  ownerIdMasked: text('owner_id_masked'),
  ownerPhone: text('owner_phone'),
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  dailyRateFen: integer('daily_rate_fen').notNull(),
  conditionOnReturn: text('condition_on_return', { enum: ['intact', 'damaged', 'lost'] }),
  damageCompensationFen: integer('damage_compensation_fen').notNull().default(0),
  days: integer('days').notNull(),
  compensationFen: integer('compensation_fen').notNull(),
  breakdown: text('breakdown', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['in_use', 'returned', 'paid'] }).notNull(),
  paidAt: text('paid_at'),
  voucherNo: text('voucher_no'),
  paidBy: integer('paid_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [index('requisitions_county').on(t.countyCode)]);

/** 公示: what a village posted, for how long. Entries are a snapshot with masked ID numbers only. */
export const publicNotices = sqliteTable('public_notices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['rebuild', 'winter_spring'] }).notNull(),
  villageCode: text('village_code').notNull().references(() => regions.code),
  countyCode: text('county_code').notNull(),
  campaignId: integer('campaign_id').references(() => winterCampaigns.id),
  title: text('title').notNull(),
  noticeStart: text('notice_start').notNull(),
  noticeEnd: text('notice_end').notNull(),
  entries: text('entries', { mode: 'json' }).$type<{ name: string; idNumberMasked: string; amountFen: number; reason: string; subjectId: number }[]>().notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [index('public_notices_village').on(t.villageCode)]);

/** Standards and rules as data: 'national' rows are seeded, any region may override a kind. */
export const recoveryStandards = sqliteTable('recovery_standards', {
  scopeCode: text('scope_code').notNull(),               // 'national' or a region code
  kind: text('kind', { enum: ['rebuild', 'rebuild_rules', 'transitional', 'winter_spring', 'condolence', 'winter_calendar'] }).notNull(),
  value: text('value', { mode: 'json' }).notNull(),
  source: text('source'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
}, (t) => [primaryKey({ columns: [t.scopeCode, t.kind] })]);
