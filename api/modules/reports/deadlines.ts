// When a township's 初报, 续报 and 核报 are due for one disaster process, and which are overdue.
// The timings are data (db/seed/report-deadlines.json, after 自然灾害情况统计调查制度); times of day
// are Beijing time because that is how the rules are written (县级每日9时前报送截至前一天24时的灾情).
import { z } from 'zod';
import { HAZARD_CODES, type ReportStage } from './schemas';
import {
  addDays, addWorkingDays, daysBetween, endOfShanghaiDay, shanghaiDay, shanghaiTime, WEEKENDS_ONLY,
  type WorkCalendar,
} from '../calendar/working-days';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, Beijing time');
const UpdateRule = z.object({
  everyDays: z.int().positive(),
  dueTime: ClockTime,
  /** A 续报 submitted this many hours before a due time or later meets it (late still counts as filed). */
  opensHoursBeforeDue: z.number().nonnegative(),
});
const InitialRule = z.object({ hoursAfterStart: z.number().positive() });
const FinalRule = z.object({ workingDaysAfterStabilised: z.int().nonnegative() });

export const DeadlineRules = z.object({
  source: z.string(),
  note: z.string().optional(),
  initial: InitialRule,
  update: UpdateRule,
  final: FinalRule,
  /** Per-hazard overrides, e.g. drought reports every 10 days (旱情发展过程中每10日续报一次). */
  hazards: z
    .partialRecord(z.enum(HAZARD_CODES), z.object({ initial: InitialRule, update: UpdateRule, final: FinalRule }).partial())
    .optional(),
});
export type DeadlineRules = z.infer<typeof DeadlineRules>;

export interface EventTiming {
  hazard: string;
  startedAt: Date;
  /** 灾情稳定: updates stop and the 核报 clock starts. */
  stabilisedAt?: Date | null;
}

export interface Deadlines {
  initialDue: Date;
  /** The next 续报 due time while the situation develops; null once stabilised. */
  updateDue: Date | null;
  /** The most recent 续报 due time already passed (null before the first or once stabilised). */
  lastUpdateDue: Date | null;
  /** From when a report meets lastUpdateDue. */
  lastUpdateOpensAt: Date | null;
  /** End of the Nth working day after stabilisation; null while the situation develops. */
  finalDue: Date | null;
}

function rulesFor(rules: DeadlineRules, hazard: string) {
  const own = rules.hazards?.[hazard as keyof NonNullable<DeadlineRules['hazards']>];
  return { initial: own?.initial ?? rules.initial, update: own?.update ?? rules.update, final: own?.final ?? rules.final };
}

/**
 * Due times for one township. 续报 fall at dueTime every `everyDays` days counted from the day the
 * disaster started (Shanghai), the first on the day after it: a report "as of 24:00 yesterday" made on
 * the start day itself would describe the time before the disaster.
 */
export function reportingDeadlines(
  event: EventTiming,
  rules: DeadlineRules,
  now: Date,
  calendar: WorkCalendar = WEEKENDS_ONLY,
): Deadlines {
  const r = rulesFor(rules, event.hazard);
  const initialDue = new Date(event.startedAt.getTime() + r.initial.hoursAfterStart * 3600_000);
  const stabilised = event.stabilisedAt != null && event.stabilisedAt.getTime() <= now.getTime();
  if (stabilised) {
    const nth = addWorkingDays(event.stabilisedAt!, r.final.workingDaysAfterStabilised, calendar.holidays, calendar.makeupWorkdays);
    return { initialDue, updateDue: null, lastUpdateDue: null, lastUpdateOpensAt: null, finalDue: endOfShanghaiDay(nth) };
  }
  const startDay = shanghaiDay(event.startedAt);
  const slot = (k: number) => shanghaiTime(addDays(startDay, k * r.update.everyDays), r.update.dueTime);
  // Slot k falls on day k × everyDays, so the last passed one is at or just below this k.
  let k = Math.floor(daysBetween(startDay, shanghaiDay(now)) / r.update.everyDays) + 1;
  while (k >= 1 && slot(k).getTime() > now.getTime()) k -= 1;
  const lastUpdateDue = k >= 1 ? slot(k) : null;
  return {
    initialDue,
    updateDue: slot(k + 1),
    lastUpdateDue,
    lastUpdateOpensAt: lastUpdateDue && new Date(lastUpdateDue.getTime() - r.update.opensHoursBeforeDue * 3600_000),
    finalDue: null,
  };
}

export interface FiledReport {
  stage: ReportStage;
  submittedAt: Date;
}

export interface OverdueFlags {
  initialOverdue: boolean;
  updateOverdue: boolean;
  finalOverdue: boolean;
}

/**
 * What a township owes right now. Any filed report counts (reviewed or not, returned or not): the
 * duty is to report on time; review is the county's. A late report clears its flag once filed.
 */
export function overdueFlags(reports: readonly FiledReport[], deadlines: Deadlines, now: Date): OverdueFlags {
  const t = now.getTime();
  const filedSince = (from: Date) => reports.some((r) => r.submittedAt.getTime() >= from.getTime());
  return {
    initialOverdue: t > deadlines.initialDue.getTime() && reports.length === 0,
    updateOverdue:
      deadlines.lastUpdateDue !== null && t > deadlines.lastUpdateDue.getTime() && !filedSince(deadlines.lastUpdateOpensAt!),
    finalOverdue:
      deadlines.finalDue !== null && t > deadlines.finalDue.getTime() && !reports.some((r) => r.stage === 'final'),
  };
}
