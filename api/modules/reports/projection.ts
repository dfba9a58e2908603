// The township_figures projection: each township's latest accepted report, kept in the same
// transaction as the review (or merge) that changes it. The choice itself is rollup.ts's.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { reports, townshipFigures } from '../../../db/schema/index';
import type { RegionTree } from '../regions/tree';
import { latestAcceptedByTownship, type TownshipReport } from './rollup';
import { fillFigures, type Figures } from './schemas';

export type ReportRow = typeof reports.$inferSelect;

export function toTownshipReport(r: Pick<ReportRow, 'id' | 'townshipCode' | 'stage' | 'status' | 'submittedAt' | 'reviewedAt' | 'figures'>): TownshipReport {
  return {
    id: r.id, townshipCode: r.townshipCode, stage: r.stage, status: r.status,
    submittedAt: new Date(r.submittedAt), reviewedAt: r.reviewedAt ? new Date(r.reviewedAt) : null,
    figures: JSON.parse(r.figures) as Partial<Figures>,
  };
}

/** County, prefecture and province of a township, from the tree (pseudo-county townships hang elsewhere than their prefix says). */
export function townshipAncestors(tree: RegionTree, code: string) {
  return {
    countyCode: tree.ancestorAt(code, 'county')?.code ?? null,
    prefectureCode: tree.ancestorAt(code, 'prefecture')?.code ?? null,
    provinceCode: tree.ancestorAt(code, 'province')?.code ?? null,
  };
}

/**
 * Re-decides which accepted report of a township counts: the newest by submission stays
 * 'accepted', every other one becomes 'superseded' (it was accepted and has been replaced), and
 * the projection row follows. Returns the counting report's id, or null.
 */
export function recountTownship(tx: DbOrTx, eventId: number, townshipCode: string): number | null {
  const own = and(eq(reports.eventId, eventId), eq(reports.townshipCode, townshipCode));
  // Filtered here, not in SQL: with a status IN (…) term the planner prefers (event_id, status) and
  // reads every accepted report of the event instead of this township's few.
  const rows = tx.select().from(reports).where(own).all().filter((r) => r.status === 'accepted' || r.status === 'superseded');
  const chosen = latestAcceptedByTownship(rows.map(toTownshipReport)).get(townshipCode);
  const chosenRow = chosen ? rows.find((r) => r.id === chosen.id)! : null;
  // Demote before promoting: the partial unique index allows one 'accepted' row at every moment.
  tx.update(reports).set({ status: 'superseded' })
    .where(and(own, eq(reports.status, 'accepted'), chosenRow ? ne(reports.id, chosenRow.id) : undefined)).run();
  tx.delete(townshipFigures).where(and(eq(townshipFigures.eventId, eventId), eq(townshipFigures.townshipCode, townshipCode))).run();
  if (!chosenRow) return null;
  if (chosenRow.status !== 'accepted') tx.update(reports).set({ status: 'accepted' }).where(eq(reports.id, chosenRow.id)).run();
  tx.insert(townshipFigures).values({
    eventId, townshipCode, reportId: chosenRow.id,
    countyCode: chosenRow.countyCode, prefectureCode: chosenRow.prefectureCode, provinceCode: chosenRow.provinceCode,
    stage: chosenRow.stage, reviewedAt: chosenRow.reviewedAt!,
    ...fillFigures(JSON.parse(chosenRow.figures) as Partial<Figures>),
  }).run();
  return chosenRow.id;
}
