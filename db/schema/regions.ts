import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';

export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;

// The spine of the system: every record that belongs somewhere carries one of these codes.
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: REGION_LEVELS }).notNull(),
  parentCode: text('parent_code'),
  lon: real('lon'),
  lat: real('lat'),
  // True for township/village points placed inside their county polygon, not surveyed.
  approximate: integer('approximate', { mode: 'boolean' }).notNull().default(false),
  // NBS pseudo-county (管理区/开发区) a re-parented township came from.
  statCode: text('stat_code'),
  population: integer('population'),
  agriPopulation: integer('agri_population'),
  // 'demo' marks figures loaded by the demo data set, never official statistics.
  populationSource: text('population_source'),
  updatedAt: text('updated_at'),
}, (t) => [index('regions_parent').on(t.parentCode), index('regions_name').on(t.name)]);
