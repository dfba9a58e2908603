// The reporting policy in force: jump rules, deadlines and the holiday calendar ship as data under
// db/seed/ (each with its source) and are validated once when the module loads.
import jumpSeed from '../../../db/seed/report-jump-rules.json' with { type: 'json' };
import deadlineSeed from '../../../db/seed/report-deadlines.json' with { type: 'json' };
import holidaySeed from '../../../db/seed/holidays-cn.json' with { type: 'json' };
import { calendarFromSeed, type HolidaySeed } from '../calendar/working-days';
import { JumpRules } from './consistency';
import { DeadlineRules } from './deadlines';

export const JUMP_RULES = JumpRules.parse(jumpSeed);
export const DEADLINE_RULES = DeadlineRules.parse(deadlineSeed);
export const WORK_CALENDAR = calendarFromSeed(holidaySeed as HolidaySeed);
