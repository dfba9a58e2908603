import type { Db } from '../client';
import national from './response-rules-national.json' with { type: 'json' };
import { storeRuleSet, type SeedRuleSet } from '../../api/modules/response/rules';

/** Reference data: the national response-level table (国办函〔2024〕11号), with each band's source. */
export function loadNationalResponseRules(db: Db) {
  db.transaction((tx) => {
    storeRuleSet(tx, { ...(national as SeedRuleSet), regionCode: null }, new Date().toISOString(), null);
  });
}
