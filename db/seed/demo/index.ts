import type { Db } from '../../client';
import { loadDemoPopulation } from './population';
import { loadDemoUsers } from './users';
import { loadDemoEvents } from './events';
import { loadDemoStock } from './stock';
import { loadDemoRecovery } from './recovery';
import { loadDemoDispatch } from './dispatch';

/**
 * The Xilin Gol League (锡林郭勒盟) blizzard scenario. Everything here is DEMO data: invented
 * populations, stock, reports and households, never official figures. Loaders run in order;
 * later modules append theirs.
 */
export const DEMO_LOADERS: ((db: Db) => void)[] = [loadDemoPopulation, loadDemoUsers, loadDemoEvents, loadDemoStock, loadDemoRecovery, loadDemoDispatch];

export function loadDemoData(db: Db) {
  for (const load of DEMO_LOADERS) load(db);
}
