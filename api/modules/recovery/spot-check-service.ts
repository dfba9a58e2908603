// 抽查: the prefecture draws a reproducible sample of a county's rebuild ledger (≥ 10 %) or of a
// winter roster (入户抽查, 30 %), fractions from the rules as data. Population, seed and sample are
// stored, so an auditor can redraw it and see nobody chose the households by hand.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rebuildCases, spotCheckItems, spotChecks, winterRosterRows } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertAncestorOfficer, assertRole } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import { readRegion } from './access';
import { countiesIn } from './funds-service';
import { disclosureFor, getHouseholdRow, toHouseholdBrief } from './household-service';
import type { SpotCheckInput, SpotCheckResultInput } from './schemas';
import { drawSample } from './spot-check';
import { effectiveStandard } from './standards-service';
import { getCampaignRow } from './winter-service';

type SpotCheckRow = typeof spotChecks.$inferSelect;

function population(tx: DbOrTx, input: SpotCheckInput): { id: number; householdId: number }[] {
  if (input.kind === 'rebuild') {
    return tx.select({ id: rebuildCases.id, householdId: rebuildCases.householdId }).from(rebuildCases)
      .where(eq(rebuildCases.countyCode, input.countyCode)).all();
  }
  const campaign = getCampaignRow(tx, input.campaignId!);
  if (campaign.countyCode !== input.countyCode) {
    throw new DomainError('VALIDATION_FAILED', '冬春救助工作不属于该县', { campaignId: campaign.id, countyCode: campaign.countyCode });
  }
  return tx.select({ id: winterRosterRows.id, householdId: winterRosterRows.householdId }).from(winterRosterRows)
    .where(and(eq(winterRosterRows.campaignId, campaign.id), sql`${winterRosterRows.step} <> 'removed'`)).all();
}

export function drawSpotCheck(tx: DbOrTx, w: WriteCtx, input: SpotCheckInput) {
  if (w.tree.get(input.countyCode)?.level !== 'county') {
    throw new DomainError(w.tree.has(input.countyCode) ? 'VALIDATION_FAILED' : 'NOT_FOUND', 'countyCode must name a county', { countyCode: input.countyCode });
  }
  // The level above checks the county's work: a prefecture (or province) officer.
  assertAncestorOfficer(w, input.countyCode);
  const pop = population(tx, input);
  if (pop.length === 0) throw new DomainError('CONFLICT', '该县没有可抽查的记录', { kind: input.kind, countyCode: input.countyCode });
  const rules = effectiveStandard(tx, w.tree, input.countyCode, 'rebuild_rules').value;
  const fraction = input.kind === 'rebuild' ? rules.spotCheck.rebuildFraction : rules.spotCheck.winterRosterFraction;
  const seed = input.seed ?? randomBytes(8).toString('hex');
  const ids = pop.map((p) => p.id).sort((a, b) => a - b);
  const sample = drawSample(ids, fraction, seed);
  const row = tx.insert(spotChecks).values({ kind: input.kind, countyCode: input.countyCode, campaignId: input.campaignId ?? null, seed,
    fraction, population: ids, sampleSize: sample.length, drawnAt: w.now, drawnBy: w.actor.id || null }).returning().get();
  for (const subjectId of sample) {
    tx.insert(spotCheckItems).values({ spotCheckId: row.id, subjectId, householdId: pop.find((p) => p.id === subjectId)!.householdId }).run();
  }
  writeAudit(tx, w, { action: 'recovery.spot_check.draw', entity: 'spot_check', entityId: row.id, regionCode: row.countyCode,
    after: { ...row, sample } });
  return spotCheckView(tx, w.tree, w.actor, row, { forStoredAnswer: true });
}

export function recordSpotCheckResult(tx: DbOrTx, w: WriteCtx, id: number, itemId: number, input: SpotCheckResultInput) {
  const check = getSpotCheckRow(tx, id);
  assertAncestorOfficer(w, check.countyCode);
  const item = tx.select().from(spotCheckItems).where(and(eq(spotCheckItems.id, itemId), eq(spotCheckItems.spotCheckId, id))).get();
  if (!item) throw notFound('spot check item', itemId);
  tx.update(spotCheckItems).set({ result: input.result, note: input.note ?? null, checkedAt: w.now, checkedBy: w.actor.id || null })
    .where(eq(spotCheckItems.id, itemId)).run();
  const after = tx.select().from(spotCheckItems).where(eq(spotCheckItems.id, itemId)).get()!;
  writeAudit(tx, w, { action: 'recovery.spot_check.result', entity: 'spot_check_item', entityId: itemId, regionCode: check.countyCode, before: item, after });
  return spotCheckView(tx, w.tree, w.actor, check);
}

export function getSpotCheckRow(db: DbOrTx, id: number): SpotCheckRow {
  const row = db.select().from(spotChecks).where(eq(spotChecks.id, id)).get();
  if (!row) throw notFound('spot check', id);
  return row;
}

export function spotCheckView(db: DbOrTx, tree: RegionTree, actor: Actor, row: SpotCheckRow, opts: { forStoredAnswer?: boolean } = {}) {
  const items = db.select().from(spotCheckItems).where(eq(spotCheckItems.spotCheckId, row.id)).orderBy(asc(spotCheckItems.subjectId)).all();
  const d = disclosureFor(actor, tree, opts);
  const redrawn = drawSample(row.population, row.fraction, row.seed);
  return {
    id: row.id, kind: row.kind, countyCode: row.countyCode, countyName: tree.get(row.countyCode)?.name ?? '', campaignId: row.campaignId,
    seed: row.seed, fraction: row.fraction, populationSize: row.population.length, population: row.population, sampleSize: row.sampleSize,
    drawnAt: row.drawnAt, drawnBy: row.drawnBy,
    // Anyone can check: the same seed over the same population gives the same sample.
    reproducible: redrawn.join(',') === items.map((i) => i.subjectId).join(','),
    items: items.map((i) => ({ id: i.id, subjectId: i.subjectId, household: toHouseholdBrief(tree, getHouseholdRow(db, i.householdId), d),
      result: i.result, note: i.note, checkedAt: i.checkedAt })),
    summary: { pending: items.filter((i) => i.result === 'pending').length, confirmed: items.filter((i) => i.result === 'confirmed').length,
      discrepancy: items.filter((i) => i.result === 'discrepancy').length },
  };
}

// The prefecture's checks are read by officers and auditors, not by the township staff being checked.
const assertSpotCheckReader = (actor: Actor) => assertRole(actor, 'officer', 'auditor', 'admin');

export function listSpotChecks(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertSpotCheckReader(actor);
  const counties = countiesIn(tree, readRegion({ actor, tree }, regionCode));
  const rows = counties.length ? db.select().from(spotChecks).where(inArray(spotChecks.countyCode, counties)).orderBy(desc(spotChecks.id)).all() : [];
  return { spotChecks: rows.map((r) => spotCheckView(db, tree, actor, r)) };
}

export function getSpotCheck(db: DbOrTx, tree: RegionTree, actor: Actor, id: number) {
  assertSpotCheckReader(actor);
  const row = getSpotCheckRow(db, id);
  readRegion({ actor, tree }, row.countyCode);
  return spotCheckView(db, tree, actor, row);
}
