// Roll township damage reports up the region tree. A township's reports are successive pictures of
// one cumulative loss, so only its latest accepted report counts: 初报 + 续报 would double-count.
import { fillFigures, FIGURE_KEYS, type Figures, type ReportStage, type ReportStatus } from './schemas';

export interface TownshipReport {
  id: number | string;
  townshipCode: string;
  stage: ReportStage;
  /**
   * 'superseded' must mean "was accepted, later replaced by a newer accepted report of the same
   * township" (reviewedAt kept). Such a report still counts for an asOf before its replacement was
   * accepted. A returned report stays 'returned'; a correction is a new report.
   */
  status: ReportStatus;
  submittedAt: Date;
  reviewedAt: Date | null;
  figures: Partial<Figures>;
}

export interface RollUpOptions {
  /** The picture as the reviewers knew it then: only acceptances at or before asOf count. */
  asOf?: Date;
  /** Which townships to include, e.g. (code) => code.startsWith(regionCode). */
  within?: (townshipCode: string) => boolean;
}

export interface Rollup {
  figures: Figures;
  townships: number;
  /** When the sum last changed: the latest acceptance among the reports it uses. */
  updatedAt: Date | null;
}

const STAGE_ORDER: Record<ReportStage, number> = { initial: 0, update: 1, final: 2 };

function wasAcceptedBy(r: TownshipReport, asOf?: Date): boolean {
  if (r.status !== 'accepted' && r.status !== 'superseded') return false;
  if (!r.reviewedAt) return false;
  return !asOf || r.reviewedAt.getTime() <= asOf.getTime();
}

// Newer *submission* wins, not newer review: the county may review a backlog out of order, and an
// older report accepted late must not overwrite a fresher one. Ties (same second from a retried
// upload) go to the later stage, then the later review, then the larger id.
function isNewer(a: TownshipReport, b: TownshipReport): boolean {
  const bySubmission = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (bySubmission !== 0) return bySubmission > 0;
  const byStage = STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage];
  if (byStage !== 0) return byStage > 0;
  const byReview = (a.reviewedAt?.getTime() ?? 0) - (b.reviewedAt?.getTime() ?? 0);
  if (byReview !== 0) return byReview > 0;
  return String(a.id).localeCompare(String(b.id), 'en', { numeric: true }) > 0;
}

/** Each township's latest accepted report (as of opts.asOf), keyed by township code. */
export function latestAcceptedByTownship(
  reports: readonly TownshipReport[],
  opts: RollUpOptions = {},
): Map<string, TownshipReport> {
  const latest = new Map<string, TownshipReport>();
  for (const r of reports) {
    if (!wasAcceptedBy(r, opts.asOf)) continue;
    if (opts.within && !opts.within(r.townshipCode)) continue;
    const held = latest.get(r.townshipCode);
    if (!held || isNewer(r, held)) latest.set(r.townshipCode, r);
  }
  return latest;
}

function sumReports(chosen: Iterable<TownshipReport>): Rollup {
  const figures = fillFigures();
  let townships = 0;
  let updatedAt: Date | null = null;
  for (const r of chosen) {
    const f = fillFigures(r.figures);
    for (const k of FIGURE_KEYS) figures[k] += f[k];
    townships += 1;
    if (r.reviewedAt && (!updatedAt || r.reviewedAt > updatedAt)) updatedAt = r.reviewedAt;
  }
  return { figures, townships, updatedAt };
}

/** Sum over townships of each one's latest accepted report. */
export function rollUpLatestAccepted(reports: readonly TownshipReport[], opts: RollUpOptions = {}): Rollup {
  return sumReports(latestAcceptedByTownship(reports, opts).values());
}

// GB/T 2260 and the statistical township codes nest by prefix, so an ancestor is a code prefix.
const PREFIX_LENGTH = { province: 2, prefecture: 4, county: 6, township: 9 } as const;
export type RollupLevel = keyof typeof PREFIX_LENGTH;

export function ancestorAtLevel(level: RollupLevel): (townshipCode: string) => string {
  return (code) => code.slice(0, PREFIX_LENGTH[level]);
}

/**
 * One rollup per ancestor: ancestorOf maps a township to the code it is summed under (null leaves it
 * out), e.g. ancestorAtLevel('county') or a lookup in the region tree.
 */
export function rollUpByLevel(
  reports: readonly TownshipReport[],
  ancestorOf: (townshipCode: string) => string | null,
  opts: RollUpOptions = {},
): Record<string, Rollup> {
  const groups = new Map<string, TownshipReport[]>();
  for (const [code, r] of latestAcceptedByTownship(reports, opts)) {
    const ancestor = ancestorOf(code);
    if (ancestor === null) continue;
    const group = groups.get(ancestor);
    if (group) group.push(r);
    else groups.set(ancestor, [r]);
  }
  const out: Record<string, Rollup> = {};
  for (const [ancestor, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) out[ancestor] = sumReports(group);
  return out;
}
