import type { Db } from '../client';
import { users } from '../schema/index';
import { loadRegions } from './reference';
import { loadDemoData } from './demo/index';
import { createAdmin } from './admin';
import { loadItems, loadReserveStandards } from './stock-reference';
import { loadRecoveryStandards } from '../../api/modules/recovery/standards-service';
import { loadNationalResponseRules } from './response-rules';

export const isNewDatabase = (db: Db) => db.select({ id: users.id }).from(users).limit(1).all().length === 0;

/**
 * Fills a new database: reference data always, the demo scenario when asked. Returns the admin
 * password when it was generated, so the caller can print it exactly once.
 */
export function seedNewDatabase(db: Db, opts: { demo: boolean; adminPassword?: string; adminRegion?: string }) {
  loadRegions(db);
  for (const load of REFERENCE_LOADERS) load(db);
  const admin = createAdmin(db, opts.adminPassword, opts.adminRegion ?? '15');
  if (opts.demo) loadDemoData(db);
  return admin;
}

/** Reference data of the other modules (items, rules, standards); each adds its loader here. */
export const REFERENCE_LOADERS: ((db: Db) => void)[] = [loadItems, loadReserveStandards, loadRecoveryStandards, loadNationalResponseRules];
