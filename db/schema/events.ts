import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { regions } from './regions';
import { users } from './users';
import {
  FIGURE_KEYS, HAZARD_CODES, REPORT_STAGES, REPORT_STATUSES, RESPONSE_ACTIONS, RESPONSE_INDICATORS, type FigureKey,
} from '../../api/modules/reports/schemas';
import { EVENT_STATUSES } from '../../api/modules/events/schemas';

// One disaster process (一次灾害过程). A merged duplicate is closed and points at the event it joined.
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  hazard: text('hazard', { enum: HAZARD_CODES }).notNull(),
  startedAt: text('started_at').notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  /** JSON array of further region codes the process reached (beyond regionCode's subtree or inside it). */
  affectedRegionCodes: text('affected_region_codes').notNull().default('[]'),
  note: text('note'),
  status: text('status', { enum: EVENT_STATUSES }).notNull().default('active'),
  stabilisedAt: text('stabilised_at'),
  closedAt: text('closed_at'),
  mergedIntoId: integer('merged_into_id'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
}, (t) => [index('events_region').on(t.regionCode), index('events_hazard_status').on(t.hazard, t.status)]);

// A township's damage report (灾情报告). Figures stay as submitted (JSON); the ancestor codes are
// resolved from the tree once, so roll-ups filter by an indexed column instead of walking the tree.
export const reports = sqliteTable('reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id').notNull().references(() => events.id),
  townshipCode: text('township_code').notNull().references(() => regions.code),
  countyCode: text('county_code'),
  prefectureCode: text('prefecture_code'),
  provinceCode: text('province_code'),
  stage: text('stage', { enum: REPORT_STAGES }).notNull(),
  figures: text('figures').notNull(),
  explanation: text('explanation'),
  status: text('status', { enum: REPORT_STATUSES }).notNull().default('submitted'),
  submittedAt: text('submitted_at').notNull(),
  submittedBy: integer('submitted_by').references(() => users.id),
  /** When the township made it (an offline queue or a spreadsheet may send it later). */
  reportedAt: text('reported_at'),
  source: text('source', { enum: ['form', 'import'] }).notNull().default('form'),
  reviewedAt: text('reviewed_at'),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewNote: text('review_note'),
}, (t) => [
  index('reports_event_township').on(t.eventId, t.townshipCode, t.submittedAt),
  index('reports_event_status').on(t.eventId, t.status),
  // Exactly one report of a township counts at a time: the database settles it, not a read-then-check.
  uniqueIndex('one_counting_report_per_township').on(t.eventId, t.townshipCode).where(sql`status = 'accepted'`),
]);

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const figureColumn = (name: string) => integer(name).notNull().default(0);
function figureColumns() {
  const cols = {} as Record<FigureKey, ReturnType<typeof figureColumn>>;
  for (const k of FIGURE_KEYS) cols[k] = figureColumn(snake(k));
  return cols;
}

// Projection of each township's latest accepted report, kept in the review's transaction so the
// roll-up is one indexed SUM instead of choosing among 初报/续报/核报 at read time.
export const townshipFigures = sqliteTable('township_figures', {
  eventId: integer('event_id').notNull().references(() => events.id),
  townshipCode: text('township_code').notNull(),
  reportId: integer('report_id').notNull().references(() => reports.id),
  countyCode: text('county_code'),
  prefectureCode: text('prefecture_code'),
  provinceCode: text('province_code'),
  stage: text('stage', { enum: REPORT_STAGES }).notNull(),
  reviewedAt: text('reviewed_at').notNull(),
  ...figureColumns(),
}, (t) => [
  primaryKey({ columns: [t.eventId, t.townshipCode] }),
  index('township_figures_county').on(t.eventId, t.countyCode),
  index('township_figures_prefecture').on(t.eventId, t.prefectureCode),
  index('township_figures_province').on(t.eventId, t.provinceCode),
]);

// A 核报 closes a township's reporting; an officer (or returning that 核报) reopens it. Append-only log.
export const townshipReporting = sqliteTable('township_reporting', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id').notNull().references(() => events.id),
  townshipCode: text('township_code').notNull(),
  action: text('action', { enum: ['close', 'reopen'] }).notNull(),
  reportId: integer('report_id'),
  reason: text('reason'),
  actorId: integer('actor_id').references(() => users.id),
  at: text('at').notNull(),
}, (t) => [index('township_reporting_event').on(t.eventId, t.townshipCode)]);

// A plan's response-level table (应急响应启动条件). regionCode null = the national plan.
export const responseRuleSets = sqliteTable('response_rule_sets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionCode: text('region_code').references(() => regions.code),
  name: text('name').notNull(),
  source: text('source'),
  note: text('note'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
}, (t) => [uniqueIndex('response_rules_region').on(t.regionCode)]);

// One band per (region, plan, level, indicator): lower inclusive, upper exclusive (null = open).
export const responseThresholds = sqliteTable('response_thresholds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ruleSetId: integer('rule_set_id').notNull().references(() => responseRuleSets.id, { onDelete: 'cascade' }),
  regionCode: text('region_code'),
  level: integer('level').notNull(),
  indicator: text('indicator', { enum: RESPONSE_INDICATORS }).notNull(),
  lower: real('lower').notNull(),
  upper: real('upper'),
  unit: text('unit').notNull(),
  source: text('source'),
}, (t) => [uniqueIndex('response_thresholds_band').on(t.ruleSetId, t.level, t.indicator)]);

// The response log of an event per region: 启动/提升/降低/终止, with the assessment as it stood then.
export const responses = sqliteTable('responses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id').notNull().references(() => events.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
  action: text('action', { enum: RESPONSE_ACTIONS }).notNull(),
  level: integer('level'),
  /** The level in force after this step (null once terminated). */
  activeLevel: integer('active_level'),
  note: text('note').notNull(),
  actorId: integer('actor_id').references(() => users.id),
  actorName: text('actor_name').notNull(),
  at: text('at').notNull(),
  assessment: text('assessment').notNull(),
}, (t) => [index('responses_event_region').on(t.eventId, t.regionCode, t.id)]);
