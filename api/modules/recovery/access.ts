// Who may do what in recovery, and who may see a person's numbers. Township staff (reporter) work
// in their township, officers approve at county level and above, auditors only read.
import { inArray, eq, type SQL, type Column } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { ScopeCtx } from '../../http/scope';
import { assertRegionInScope, assertRole } from '../../http/scope';
import { DomainError } from '../../http/errors';
import type { RegionTree } from '../regions/tree';
import { maskBankCard, maskIdNumber, maskPhone } from './id-number';

const ABOVE_TOWNSHIP = new Set(['province', 'prefecture', 'county']);

/**
 * Full ID and bank-card numbers go only to county officers: the county decides and pays, and
 * needs the numbers to do it. Everyone else, admin included, sees masks.
 */
export function seesPersonalNumbers(actor: Actor, tree: RegionTree): boolean {
  return actor.role === 'officer' && tree.get(actor.regionCode)?.level === 'county';
}

/** Masks unless `reveal`; null stays null. */
export const idShown = (id: string | null | undefined, reveal: boolean) => (id ? (reveal ? id : maskIdNumber(id)) : null);
export const cardShown = (card: string | null | undefined, reveal: boolean) => (card ? (reveal ? card : maskBankCard(card)) : null);
// Township staff phone the family; auditors and the prefecture do not need the number.
export const phoneShown = (phone: string | null | undefined, actor: Actor, reveal: boolean) =>
  (phone ? (reveal || actor.role === 'reporter' ? phone : maskPhone(phone)) : null);

/** Anyone who works on recovery may read it in scope; keepers have no business with households. */
export function assertRecoveryReader(actor: Actor) {
  assertRole(actor, 'officer', 'reporter', 'auditor', 'admin');
}

/** Field work (registering, village and township steps, recording distributions). */
export function assertFieldStaff(s: ScopeCtx, regionCode: string) {
  assertRole(s.actor, 'reporter', 'officer', 'admin');
  assertRegionInScope(s, regionCode);
}

/** County decisions (approval, payments, standards, clearing duplicates): an officer at county level or above. */
export function assertCountyOfficer(s: ScopeCtx, regionCode: string) {
  assertRole(s.actor, 'officer', 'admin');
  if (s.actor.role === 'officer' && !ABOVE_TOWNSHIP.has(s.tree.get(s.actor.regionCode)?.level ?? '')) {
    throw new DomainError('FORBIDDEN_ROLE', 'this decision is taken by a county (or higher) officer', { yourRegion: s.actor.regionCode });
  }
  assertRegionInScope(s, regionCode);
}

/** The region a read covers: the one asked for (checked), else the reader's own. */
export function readRegion(s: ScopeCtx, asked: string | undefined): string {
  const code = asked ?? s.actor.regionCode;
  assertRegionInScope(s, code);
  return code;
}

/**
 * A WHERE clause selecting rows inside `code`, for tables that carry county, township and village
 * codes. The tree, not the code prefix, decides: townships of NBS pseudo-counties hang elsewhere.
 */
export function withinRegion(tree: RegionTree, code: string,
  cols: { county: Column; township?: Column; village?: Column }): SQL | undefined {
  const level = tree.get(code)?.level;
  if (level === 'village' && cols.village) return eq(cols.village, code);
  if (level === 'township' && cols.township) return eq(cols.township, code);
  if (level === 'county') return eq(cols.county, code);
  const counties = tree.descendantsAt(code, 'county').map((n) => n.code);
  return inArray(cols.county, counties.length ? counties : ['-']);
}

/** The village's township and county, or a 400/404 when the code is not a village we know. */
export function villagePlace(tree: RegionTree, villageCode: string) {
  const village = tree.get(villageCode);
  if (!village) throw new DomainError('NOT_FOUND', 'village not found', { villageCode });
  if (village.level !== 'village') throw new DomainError('VALIDATION_FAILED', 'villageCode must name a village (村/嘎查/社区)', { villageCode, level: village.level });
  const township = tree.ancestorAt(villageCode, 'township');
  const county = tree.ancestorAt(villageCode, 'county');
  if (!township || !county) throw new DomainError('VALIDATION_FAILED', 'this village has no township or county above it', { villageCode });
  return { village, township, county };
}

/** 'YYYY-MM-DDTHH:MM:SS.sssZ' from any accepted instant, refusing the future (a step is recorded after it happens). */
export function pastInstant(at: string | undefined, now: string, field = 'at'): string {
  if (!at) return now;
  const t = Date.parse(at);
  if (t > Date.parse(now) + 5 * 60_000) throw new DomainError('VALIDATION_FAILED', 'a date in the future cannot be recorded', { field, at });
  return new Date(t).toISOString();
}
