import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { regions } from './regions';
import { depots } from './depots';

export const ROLES = ['admin', 'officer', 'keeper', 'reporter', 'auditor'] as const;

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name'),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

export const userDepots = sqliteTable('user_depots', {
  userId: integer('user_id').notNull().references(() => users.id),
  depotId: integer('depot_id').notNull().references(() => depots.id),
}, (t) => [primaryKey({ columns: [t.userId, t.depotId] })]);

// Only a hash of the bearer token is stored: a copied database cannot be used to sign in.
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  revokedAt: text('revoked_at'),
}, (t) => [index('sessions_user').on(t.userId)]);
