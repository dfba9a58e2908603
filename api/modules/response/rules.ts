// Response-rule tables as stored data: the national plan (regionCode null) and any province,
// league or county plan. A region uses the nearest table defined at itself or an ancestor.
import { eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { responseRuleSets, responseThresholds } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError } from '../../http/errors';
import { assertAncestorOfficer } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { INDICATORS, RESPONSE_INDICATORS, type ResponseRulesInput, type ResponseThreshold } from '../reports/schemas';
import type { Threshold } from './assess';

type RuleSetRow = typeof responseRuleSets.$inferSelect;

export interface RuleSet {
  /** Where the table is defined; null = the national plan. */
  regionCode: string | null;
  name: string;
  source: string | null;
  note: string | null;
  demo: boolean;
  updatedAt: string;
  thresholds: Threshold[];
}

function thresholdsOf(db: DbOrTx, set: RuleSetRow): RuleSet {
  const rows = db.select().from(responseThresholds).where(eq(responseThresholds.ruleSetId, set.id)).all();
  const order = (i: string) => RESPONSE_INDICATORS.indexOf(i as (typeof RESPONSE_INDICATORS)[number]);
  return {
    regionCode: set.regionCode, name: set.name, source: set.source, note: set.note, demo: set.demo, updatedAt: set.updatedAt,
    thresholds: rows
      .map((t) => ({ level: t.level as Threshold['level'], indicator: t.indicator, lower: t.lower, upper: t.upper, unit: t.unit, source: t.source ?? undefined }))
      .sort((a, b) => a.level - b.level || order(a.indicator) - order(b.indicator)),
  };
}

export function nationalRules(db: DbOrTx): RuleSet {
  const set = db.select().from(responseRuleSets).where(isNull(responseRuleSets.regionCode)).get();
  if (!set) throw new DomainError('NOT_FOUND', 'the national response rules are not loaded', { regionCode: null });
  return thresholdsOf(db, set);
}

/** The table that governs a region: its own, else the nearest ancestor's, else the national one. */
export function effectiveRules(db: DbOrTx, tree: RegionTree, regionCode: string): RuleSet {
  const line = tree.ancestry(regionCode).map((n) => n.code);
  const sets = line.length ? db.select().from(responseRuleSets).where(inArray(responseRuleSets.regionCode, line)).all() : [];
  for (const code of line) {
    const set = sets.find((s) => s.regionCode === code);
    if (set) return thresholdsOf(db, set);
  }
  return nationalRules(db);
}

export function listRuleSets(db: DbOrTx): RuleSet[] {
  return db.select().from(responseRuleSets).orderBy(responseRuleSets.regionCode).all().map((s) => thresholdsOf(db, s));
}

/**
 * Bands of one indicator must climb with the level: IV below III below II below I, without
 * overlapping, or one value would sit in two bands and the table would contradict itself.
 */
export function checkBands(thresholds: readonly ResponseThreshold[]): { indicator: string; message: string }[] {
  const problems: { indicator: string; message: string }[] = [];
  for (const indicator of RESPONSE_INDICATORS) {
    const bands = thresholds.filter((t) => t.indicator === indicator).sort((a, b) => b.level - a.level); // IV … I
    for (let i = 1; i < bands.length; i++) {
      const lowerLevel = bands[i - 1], higher = bands[i];
      if (!(higher.lower > lowerLevel.lower)) {
        problems.push({ indicator, message: `level ${higher.level} starts at ${higher.lower}, not above level ${lowerLevel.level}'s ${lowerLevel.lower}` });
      } else if (lowerLevel.upper === null || lowerLevel.upper > higher.lower) {
        problems.push({ indicator, message: `level ${lowerLevel.level} (${lowerLevel.lower}–${lowerLevel.upper ?? '∞'}) overlaps level ${higher.level} from ${higher.lower}` });
      }
    }
  }
  return problems;
}

export interface SeedRuleSet {
  regionCode: string | null;
  name: string;
  source?: string;
  note?: string;
  demo?: boolean;
  thresholds: ResponseThreshold[];
}

/** Writes a table (replacing the region's previous one). Seeds and PUT both come through here. */
export function storeRuleSet(tx: DbOrTx, input: SeedRuleSet, at: string, userId: number | null): RuleSet {
  const problems = checkBands(input.thresholds);
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'the bands contradict each other', problems.map((p) => ({ path: `thresholds.${p.indicator}`, message: p.message })));
  const existing = input.regionCode === null
    ? tx.select().from(responseRuleSets).where(isNull(responseRuleSets.regionCode)).get()
    : tx.select().from(responseRuleSets).where(eq(responseRuleSets.regionCode, input.regionCode)).get();
  const values = { name: input.name, source: input.source ?? null, note: input.note ?? null, demo: input.demo ?? false, updatedAt: at, updatedBy: userId };
  const set = existing
    ? tx.update(responseRuleSets).set(values).where(eq(responseRuleSets.id, existing.id)).returning().get()
    : tx.insert(responseRuleSets).values({ regionCode: input.regionCode, ...values }).returning().get();
  tx.delete(responseThresholds).where(eq(responseThresholds.ruleSetId, set.id)).run();
  for (const t of input.thresholds) {
    tx.insert(responseThresholds).values({
      ruleSetId: set.id, regionCode: input.regionCode, level: t.level, indicator: t.indicator, lower: t.lower, upper: t.upper,
      unit: t.unit ?? INDICATORS[t.indicator].unit, source: t.source ?? input.source ?? null,
    }).run();
  }
  return thresholdsOf(tx, set);
}

/** A region's own table is set by an officer of an ancestor region (or an administrator). */
export function putRegionRules(tx: DbOrTx, w: WriteCtx, regionCode: string, input: ResponseRulesInput): RuleSet {
  if (!w.tree.has(regionCode)) throw new DomainError('NOT_FOUND', 'region not found', { regionCode });
  assertAncestorOfficer(w, regionCode);
  const before = tx.select().from(responseRuleSets).where(eq(responseRuleSets.regionCode, regionCode)).get();
  const after = storeRuleSet(tx, { regionCode, name: input.name, source: input.source, thresholds: input.thresholds }, w.now, w.actor.id || null);
  writeAudit(tx, w, { action: 'response.rules.put', entity: 'response_rules', entityId: regionCode, regionCode, before: before ? thresholdsOf(tx, before) : null, after });
  return after;
}

export function deleteRegionRules(tx: DbOrTx, w: WriteCtx, regionCode: string) {
  if (!w.tree.has(regionCode)) throw new DomainError('NOT_FOUND', 'region not found', { regionCode });
  assertAncestorOfficer(w, regionCode);
  const set = tx.select().from(responseRuleSets).where(eq(responseRuleSets.regionCode, regionCode)).get();
  if (!set) throw new DomainError('NOT_FOUND', 'this region has no table of its own', { regionCode });
  const before = thresholdsOf(tx, set);
  tx.delete(responseRuleSets).where(eq(responseRuleSets.id, set.id)).run();
  writeAudit(tx, w, { action: 'response.rules.delete', entity: 'response_rules', entityId: regionCode, regionCode, before });
  return { regionCode, deleted: true };
}
