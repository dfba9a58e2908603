// Calendar arithmetic in China's civil time. Deadlines are stated in Beijing time (每日9时前, N个工作日内)
// while instants are stored in UTC. Asia/Shanghai has been UTC+8 with no daylight saving since 1991,
// so a fixed offset is exact for any date this system handles and needs no time-zone database.
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of an instant, in Shanghai. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Shanghai wall-clock time ('HH:MM') on a Shanghai day. */
export function shanghaiTime(day: string, time = '00:00'): Date {
  const at = new Date(`${day}T${time}:00+08:00`);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a day and time: ${day} ${time}`);
  return at;
}

/** Milliseconds since Shanghai midnight, to carry a time of day from one day to another. */
function msIntoShanghaiDay(at: Date): number {
  return (at.getTime() + OFFSET_MS) % DAY_MS;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one Shanghai day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last millisecond of a Shanghai day: "within N working days" means by the end of the Nth. */
export function endOfShanghaiDay(at: Date): Date {
  return new Date(shanghaiTime(addDays(shanghaiDay(at), 1)).getTime() - 1);
}

export interface WorkCalendar {
  /** Days off on a weekday or weekend (放假), 'YYYY-MM-DD'. */
  holidays: readonly string[];
  /** Weekend days worked to make up for a holiday bridge (调休上班). */
  makeupWorkdays?: readonly string[];
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: [] };

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.makeupWorkdays?.includes(day)) return true;
  if (calendar.holidays.includes(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The same Shanghai time of day on the nth working day after `date` (Mon–Fri, minus holidays, plus
 * make-up working days). The start day itself never counts, even when it is a working day.
 */
export function addWorkingDays(
  date: Date,
  n: number,
  holidays: readonly string[],
  makeupWorkdays: readonly string[] = [],
): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  const calendar = { holidays, makeupWorkdays };
  let day = shanghaiDay(date);
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return new Date(shanghaiTime(day).getTime() + msIntoShanghaiDay(date));
}

/** The shape of db/seed/holidays-cn.json: one entry per year as published by the State Council. */
export interface HolidaySeed {
  years: Record<string, { holidays: string[]; makeupWorkdays: string[] }>;
}

export function calendarFromSeed(seed: HolidaySeed): WorkCalendar {
  const years = Object.values(seed.years);
  return { holidays: years.flatMap((y) => y.holidays), makeupWorkdays: years.flatMap((y) => y.makeupWorkdays) };
}
