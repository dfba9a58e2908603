import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

// The first answer to (user, key), stored in the same transaction as the write it answers.
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  userId: integer('user_id').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: text('body').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] })]);
