// Which report a township owes next for an event, and by when (初报, then 续报 each day, 核报 when
// the event is stabilised), from the server's reporting status. Pure: the deadlines are the
// server's, computed from the report-deadline rules; this only picks the one that applies.
import type { ReportingStatus } from '../../api/reports';

export interface Due {
  stage: 'initial' | 'update' | 'final';
  dueAt: string | null;
  overdue: boolean;
}

export function nextDue(status: ReportingStatus, townshipCode: string): Due | null {
  const row = status.townships.find((x) => x.regionCode === townshipCode) ?? null;
  const d = status.deadlines;
  if (!row || !d || row.closed) return null;
  if (row.reports === 0) return { stage: 'initial', dueAt: d.initialDue, overdue: row.overdue.initialOverdue };
  if (d.finalDue) return { stage: 'final', dueAt: d.finalDue, overdue: row.overdue.finalOverdue };
  return { stage: 'update', dueAt: d.updateDue, overdue: row.overdue.updateOverdue };
}

/** The calendar day in Asia/Shanghai: "today" for a township is Beijing time, whatever the phone says. */
export const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

export const isDueToday = (due: Due, now: Date) => due.overdue || (due.dueAt !== null && shanghaiDay(new Date(due.dueAt)) <= shanghaiDay(now));
