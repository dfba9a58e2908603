import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { regions } from './regions';

export const DEPOT_TIERS = ['central', 'province', 'prefecture', 'county', 'township'] as const;

export const depots = sqliteTable('depots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  tier: text('tier', { enum: DEPOT_TIERS }).notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  lon: real('lon').notNull(),
  lat: real('lat').notNull(),
  capacityM3: real('capacity_m3'),
  address: text('address'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  // Reserve scale is planned from the people a depot must be able to relocate (domain.md §5).
  relocateCapacityPeople: integer('relocate_capacity_people'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('depots_region').on(t.regionCode)]);
