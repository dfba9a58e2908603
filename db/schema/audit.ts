import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

// Append-only and hash-chained: each row's hash covers its content and the previous row's hash,
// so an edit or deletion anywhere breaks verification from that row on.
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  userId: integer('user_id'),
  username: text('username'),
  regionCode: text('region_code'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: text('before'),
  after: text('after'),
  requestId: text('request_id'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_region').on(t.regionCode)]);
