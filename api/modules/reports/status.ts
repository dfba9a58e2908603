// Who has reported what, and who is late: per township of an event, its latest report, review
// state, whether a 核报 closed it, and the overdue flags deadlines.ts computes from the policy.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { reports, townshipReporting } from '../../../db/schema/index';
import type { RegionTree } from '../regions/tree';
import { covers } from '../events/area';
import { areaOf, type EventRow } from '../events/service';
import { overdueFlags, reportingDeadlines, type OverdueFlags } from './deadlines';
import { DEADLINE_RULES, WORK_CALENDAR } from './policy';
import { regionFilter } from './service';
import type { ReportStage, ReportStatus } from './schemas';

export interface TownshipStatus {
  regionCode: string;
  name: string;
  countyCode: string | null;
  countyName: string | null;
  reports: number;
  latest: { id: number; stage: ReportStage; status: ReportStatus; submittedAt: string; reviewedAt: string | null } | null;
  stage: ReportStage | null;
  /** The latest report's review: none filed, pending (submitted), accepted, returned, superseded. */
  reviewState: 'none' | 'pending' | 'accepted' | 'returned' | 'superseded';
  counting: { id: number; stage: ReportStage } | null;
  closed: boolean;
  overdue: OverdueFlags;
  isOverdue: boolean;
}

const NOT_DUE: OverdueFlags = { initialOverdue: false, updateOverdue: false, finalOverdue: false };

export function reportingStatus(db: DbOrTx, tree: RegionTree, event: EventRow, regionCode: string, now: Date) {
  const area = areaOf(event);
  const townships = tree.descendantsAt(regionCode, 'township').filter((t) => covers(tree, area, t.code));
  const rows = db.select({
    id: reports.id, townshipCode: reports.townshipCode, stage: reports.stage, status: reports.status,
    submittedAt: reports.submittedAt, reviewedAt: reports.reviewedAt,
  }).from(reports).where(and(eq(reports.eventId, event.id), regionFilter(tree, regionCode))).orderBy(asc(reports.submittedAt), asc(reports.id)).all();
  const byTownship = new Map<string, typeof rows>();
  for (const r of rows) (byTownship.get(r.townshipCode) ?? byTownship.set(r.townshipCode, []).get(r.townshipCode)!).push(r);
  const lastAction = new Map<string, string>();
  for (const l of db.select({ code: townshipReporting.townshipCode, action: townshipReporting.action }).from(townshipReporting)
    .where(eq(townshipReporting.eventId, event.id)).orderBy(asc(townshipReporting.id)).all()) lastAction.set(l.code, l.action);

  // A closed event owes nothing more; otherwise the policy (per hazard) says what is due now.
  const deadlines = event.status === 'closed' ? null : reportingDeadlines(
    { hazard: event.hazard, startedAt: new Date(event.startedAt), stabilisedAt: event.stabilisedAt ? new Date(event.stabilisedAt) : null },
    DEADLINE_RULES, now, WORK_CALENDAR);

  const list: TownshipStatus[] = townships.map((t) => {
    const filed = byTownship.get(t.code) ?? [];
    const latest = filed.at(-1) ?? null;
    const counting = filed.find((r) => r.status === 'accepted') ?? null;
    const closed = lastAction.get(t.code) === 'close';
    const flags = deadlines && !closed
      ? overdueFlags(filed.map((r) => ({ stage: r.stage, submittedAt: new Date(r.submittedAt) })), deadlines, now)
      : NOT_DUE;
    const county = tree.ancestorAt(t.code, 'county');
    return {
      regionCode: t.code, name: t.name, countyCode: county?.code ?? null, countyName: county?.name ?? null,
      reports: filed.length,
      latest: latest && { id: latest.id, stage: latest.stage, status: latest.status, submittedAt: latest.submittedAt, reviewedAt: latest.reviewedAt },
      stage: latest?.stage ?? null,
      reviewState: !latest ? 'none' : latest.status === 'submitted' ? 'pending' : latest.status,
      counting: counting && { id: counting.id, stage: counting.stage },
      closed, overdue: flags, isOverdue: flags.initialOverdue || flags.updateOverdue || flags.finalOverdue,
    };
  });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    eventId: event.id,
    regionCode,
    now: now.toISOString(),
    deadlines: deadlines && {
      initialDue: iso(deadlines.initialDue), updateDue: iso(deadlines.updateDue), lastUpdateDue: iso(deadlines.lastUpdateDue), finalDue: iso(deadlines.finalDue),
    },
    counts: {
      townships: list.length,
      reported: list.filter((t) => t.reports > 0).length,
      pending: list.filter((t) => t.reviewState === 'pending').length,
      accepted: list.filter((t) => t.counting !== null).length,
      returned: list.filter((t) => t.reviewState === 'returned').length,
      closed: list.filter((t) => t.closed).length,
      overdue: list.filter((t) => t.isOverdue).length,
    },
    townships: list,
    overdue: list.filter((t) => t.isOverdue),
  };
}
