// The damage picture of an event for a region: the sum over its townships of each one's latest
// accepted report. "Now" reads the township_figures projection (one indexed SUM); "as of" a past
// time replays the accepted reports through rollup.ts.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { townshipFigures } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { DomainError, notFound } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';
import type { RegionTree } from '../regions/tree';
import type { EventRow } from '../events/service';
import type { Rollup } from './rollup';
import { FIGURE_KEYS, fillFigures, type Figures } from './schemas';

export const BREAKDOWN_LEVELS = ['prefecture', 'county', 'township'] as const;
export type BreakdownLevel = (typeof BREAKDOWN_LEVELS)[number];

export interface RegionFigures {
  regionCode: string;
  name: string | null;
  figures: Figures;
  townships: number;
  updatedAt: string | null;
}

export interface SummaryOut extends RegionFigures {
  eventId: number;
  asOf: string | null;
  by?: BreakdownLevel;
  breakdown?: RegionFigures[];
}

const PROJECTION_COLUMN = {
  province: townshipFigures.provinceCode,
  prefecture: townshipFigures.prefectureCode,
  county: townshipFigures.countyCode,
  township: townshipFigures.townshipCode,
} as const;

const SUMS = Object.fromEntries(FIGURE_KEYS.map((k) => [k, sql<number>`coalesce(sum(${townshipFigures[k]}), 0)`])) as Record<(typeof FIGURE_KEYS)[number], SQL<number>>;

function levelOf(tree: RegionTree, code: string): keyof typeof PROJECTION_COLUMN {
  const node = tree.get(code);
  if (!node) throw notFound('region', code);
  if (node.level === 'village') throw new DomainError('VALIDATION_FAILED', 'figures roll up to townships and above; a village has none of its own', { regionCode: code });
  return node.level;
}

/**
 * The region a reader's question is about: the one asked for (inside their area), or by default
 * the event's own region when they oversee it, else their own region's part of it.
 */
export function regionForReader(s: { actor: Actor; tree: RegionTree }, event: EventRow, regionCode: string | undefined): string {
  if (regionCode) {
    assertRegionInScope(s, regionCode);
    return regionCode;
  }
  if (s.actor.role === 'admin' || s.tree.isWithin(event.regionCode, s.actor.regionCode)) return event.regionCode;
  return s.actor.regionCode;
}

const toOut = (code: string, tree: RegionTree, r: Rollup): RegionFigures => ({
  regionCode: code, name: tree.get(code)?.name ?? null, figures: r.figures, townships: r.townships,
  updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
});

function currentRollups(db: DbOrTx, eventId: number, level: keyof typeof PROJECTION_COLUMN, code: string, by?: BreakdownLevel) {
  const where = and(eq(townshipFigures.eventId, eventId), eq(PROJECTION_COLUMN[level], code));
  const group = by ? PROJECTION_COLUMN[by] : null;
  const rows = db.select({
    code: group ?? sql<string>`${code}`, n: sql<number>`count(*)`, updatedAt: sql<string | null>`max(${townshipFigures.reviewedAt})`, ...SUMS,
  }).from(townshipFigures).where(where).groupBy(...(group ? [group] : [])).all();
  return rows.map((r): [string, Rollup] => {
    const figures = fillFigures();
    for (const k of FIGURE_KEYS) figures[k] = Number(r[k]);
    return [r.code ?? '', { figures, townships: Number(r.n), updatedAt: r.updatedAt ? new Date(r.updatedAt) : null }];
  });
}

const REPORT_SQL_COLUMN = { province: 'province_code', prefecture: 'prefecture_code', county: 'county_code', township: 'township_code' } as const;
const PAST_SUMS = sql.raw(FIGURE_KEYS.map((k) => `coalesce(sum(json_extract(figures, '$.${k}')), 0) AS "${k}"`).join(', '));

/**
 * The picture as reviewers knew it at asOf, in one query: per township the newest report (by
 * submission, then stage, review, id — rollup.ts's order, which the property test holds it to)
 * among those accepted at or before asOf, summed. A replay in JavaScript parses every report's
 * JSON; this reads each once inside SQLite.
 */
function pastRollups(db: DbOrTx, tree: RegionTree, eventId: number, code: string, asOf: Date, by?: BreakdownLevel): [string, Rollup][] {
  const level = levelOf(tree, code);
  const group = sql.raw(by ? REPORT_SQL_COLUMN[by] : `'${code}'`);
  const rows = db.all<Record<string, number | string | null>>(sql`
    WITH ranked AS (
      SELECT *, row_number() OVER (PARTITION BY township_code ORDER BY submitted_at DESC,
        CASE stage WHEN 'initial' THEN 0 WHEN 'update' THEN 1 ELSE 2 END DESC, reviewed_at DESC, id DESC) AS rn
      FROM reports
      WHERE event_id = ${eventId} AND ${sql.raw(REPORT_SQL_COLUMN[level])} = ${code}
        AND status IN ('accepted', 'superseded') AND reviewed_at IS NOT NULL AND reviewed_at <= ${asOf.toISOString()}
    )
    SELECT ${group} AS code, count(*) AS n, max(reviewed_at) AS updatedAt, ${PAST_SUMS}
    FROM ranked WHERE rn = 1 GROUP BY 1`);
  return rows.map((r) => {
    const figures = fillFigures();
    for (const k of FIGURE_KEYS) figures[k] = Number(r[k]);
    return [String(r.code ?? ''), { figures, townships: Number(r.n), updatedAt: r.updatedAt ? new Date(String(r.updatedAt)) : null }];
  });
}

const EMPTY: Rollup = { figures: fillFigures(), townships: 0, updatedAt: null };

export function summarize(db: DbOrTx, tree: RegionTree, event: EventRow, regionCode: string, opts: { asOf?: string; by?: BreakdownLevel } = {}): SummaryOut {
  const level = levelOf(tree, regionCode);
  const asOf = opts.asOf ? new Date(opts.asOf) : null;
  const total = asOf ? pastRollups(db, tree, event.id, regionCode, asOf) : currentRollups(db, event.id, level, regionCode);
  const out: SummaryOut = { eventId: event.id, ...toOut(regionCode, tree, total[0]?.[1] ?? EMPTY), asOf: asOf ? asOf.toISOString() : null };
  if (opts.by) {
    const parts = new Map(asOf ? pastRollups(db, tree, event.id, regionCode, asOf, opts.by) : currentRollups(db, event.id, level, regionCode, opts.by));
    // Every unit of that level inside the region, with zeros where nothing was accepted: a map
    // or a table must show "reported nothing" as well as "reported this much".
    const units = new Set(tree.descendantsAt(regionCode, opts.by).map((n) => n.code));
    for (const code of parts.keys()) units.add(code);
    out.by = opts.by;
    out.breakdown = [...units].sort().map((code) => toOut(code, tree, parts.get(code) ?? EMPTY));
  }
  return out;
}
