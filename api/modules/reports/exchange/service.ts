// Sharing an event's township figures (GeoJSON points, the xlsx statistical table) and batch entry
// of township reports from a filled template, all or nothing.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../../db/client';
import { regions, townshipFigures } from '../../../../db/schema/index';
import type { WriteCtx } from '../../../http/audit';
import { DomainError } from '../../../http/errors';
import type { RegionTree } from '../../regions/tree';
import { covers } from '../../events/area';
import { areaOf, visibleEvent, type EventRow } from '../../events/service';
import { FIGURE_KEYS, fillFigures, type Figures } from '../schemas';
import { submitReport } from '../service';
import type { ParsedRow, TableRow } from './sheets';

export interface TownshipFigures {
  code: string;
  name: string;
  countyCode: string | null;
  countyName: string | null;
  lon: number | null;
  lat: number | null;
  reportId: number | null;
  stage: string | null;
  reviewedAt: string | null;
  figures: Figures;
}

/** Every township of the event inside the region, with its counting figures (zeros if none yet). */
export function townshipFiguresIn(db: DbOrTx, tree: RegionTree, event: EventRow, regionCode: string): TownshipFigures[] {
  const towns = tree.descendantsAt(regionCode, 'township').filter((t) => covers(tree, areaOf(event), t.code));
  const codes = towns.map((t) => t.code);
  const counted = new Map<string, typeof townshipFigures.$inferSelect>();
  const points = new Map<string, { lon: number | null; lat: number | null }>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    for (const r of db.select().from(townshipFigures).where(and(eq(townshipFigures.eventId, event.id), inArray(townshipFigures.townshipCode, chunk))).all()) counted.set(r.townshipCode, r);
    for (const r of db.select({ code: regions.code, lon: regions.lon, lat: regions.lat }).from(regions).where(inArray(regions.code, chunk)).all()) points.set(r.code, r);
  }
  return towns.map((t) => {
    const c = counted.get(t.code);
    const county = tree.ancestorAt(t.code, 'county');
    const figures = fillFigures();
    if (c) for (const k of FIGURE_KEYS) figures[k] = c[k];
    return {
      code: t.code, name: t.name, countyCode: county?.code ?? null, countyName: county?.name ?? null,
      lon: points.get(t.code)?.lon ?? null, lat: points.get(t.code)?.lat ?? null,
      reportId: c?.reportId ?? null, stage: c?.stage ?? null, reviewedAt: c?.reviewedAt ?? null, figures,
    };
  });
}

export function toGeoJson(towns: TownshipFigures[]) {
  return {
    type: 'FeatureCollection' as const,
    features: towns.map((t) => ({
      type: 'Feature' as const,
      properties: { code: t.code, name: t.name, countyCode: t.countyCode, countyName: t.countyName, reported: t.reportId !== null, reportId: t.reportId, stage: t.stage, reviewedAt: t.reviewedAt, ...t.figures },
      geometry: t.lon === null || t.lat === null ? null : { type: 'Point' as const, coordinates: [t.lon, t.lat] },
    })),
  };
}

const add = (into: Figures, f: Figures) => { for (const k of FIGURE_KEYS) into[k] += f[k]; };

/** The statistical table's rows: total, then each county's subtotal followed by its townships. */
export function tableRows(regionCode: string, regionName: string, towns: TownshipFigures[]): TableRow[] {
  const total: TableRow = { code: regionCode, name: regionName, kind: 'total', figures: fillFigures() };
  const counties = new Map<string, TableRow & { towns: TableRow[] }>();
  for (const t of towns) {
    const key = t.countyCode ?? '';
    const county = counties.get(key) ?? counties.set(key, { code: key, name: t.countyName ?? '', kind: 'county', figures: fillFigures(), towns: [] }).get(key)!;
    county.towns.push({ code: t.code, name: t.name, kind: 'township', figures: t.figures, stage: t.stage, reviewedAt: t.reviewedAt });
    add(county.figures, t.figures);
    add(total.figures, t.figures);
  }
  const rows: TableRow[] = [total];
  const single = counties.size === 1 && counties.has(regionCode);
  for (const c of [...counties.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!single) rows.push({ code: c.code, name: c.name, kind: 'county', figures: c.figures });
    rows.push(...c.towns);
  }
  return rows;
}

/**
 * Submits every row through the same rules as the form; if any row fails, nothing is stored and
 * the answer lists each failing row (its spreadsheet row number) with the reasons.
 */
export function importReports(tx: DbOrTx, w: WriteCtx, eventId: number, rows: ParsedRow[]) {
  // An event outside the caller's area is refused as a whole (404/403), before any row is read
  // back to them: the same answer as every other route of the event.
  visibleEvent(tx, w, eventId);
  if (!rows.length) throw new DomainError('IMPORT_FAILED', 'the sheet has no filled-in rows', { rows: [] });
  const failed: { row: number; regionCode: string | null; errors: { code: string; message: string; field?: string; details?: unknown }[] }[] = [];
  const created: { row: number; id: number; regionCode: string; stage: string; status: string }[] = [];
  for (const r of rows) {
    if (!r.input) {
      failed.push({ row: r.row, regionCode: null, errors: r.errors });
      continue;
    }
    try {
      const out = submitReport(tx, w, eventId, r.input, { source: 'import' });
      created.push({ row: r.row, id: out.id, regionCode: out.regionCode, stage: out.stage, status: out.status });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // The event itself (missing, closed, outside the user's area) fails the whole file the same way.
      if (e.code === 'NOT_FOUND' && (e.details as { event?: unknown } | undefined)?.event !== undefined) throw e;
      failed.push({ row: r.row, regionCode: r.input.regionCode, errors: [{ code: e.code, message: e.message, details: e.details }] });
    }
  }
  if (failed.length) {
    throw new DomainError('IMPORT_FAILED', `${failed.length} of ${rows.length} rows were refused; nothing was imported`, { rows: failed });
  }
  return { created: created.length, reports: created };
}

class Preview extends Error {
  constructor(readonly out: ReturnType<typeof importReports>) {
    super('preview');
  }
}

/**
 * The import's answer without its effect: every row goes through exactly the same rules inside a
 * transaction that is then rolled back, so the preview and the real import cannot disagree.
 * Refusals are the same IMPORT_FAILED as the import's; a clean sheet answers what would be filed.
 */
export function previewImport(db: Db, w: WriteCtx, eventId: number, rows: ParsedRow[]) {
  const inputs = new Map(rows.map((r) => [r.row, r.input]));
  try {
    db.transaction((tx: Tx) => {
      throw new Preview(importReports(tx, w, eventId, rows));
    }, { behavior: 'immediate' });
  } catch (e) {
    if (!(e instanceof Preview)) throw e;
    return {
      dryRun: true as const,
      created: 0,
      wouldCreate: e.out.created,
      reports: e.out.reports.map((r) => ({
        row: r.row, regionCode: r.regionCode, name: w.tree.get(r.regionCode)?.name ?? r.regionCode, stage: r.stage,
        figures: inputs.get(r.row)?.figures ?? {}, explanation: inputs.get(r.row)?.explanation ?? null,
      })),
    };
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
