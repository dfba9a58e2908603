// Standards and rules are rows: national defaults seeded from db/seed/*.json, any region may
// override a kind, and a county uses the nearest row up its ancestry.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { recoveryStandards } from '../../../db/schema/index';
import rebuildStandards from '../../../db/seed/rebuild-standards.json' with { type: 'json' };
import rebuildRules from '../../../db/seed/rebuild-rules.json' with { type: 'json' };
import reliefStandards from '../../../db/seed/relief-standards.json' with { type: 'json' };
import winterCalendar from '../../../db/seed/winter-relief-calendar.json' with { type: 'json' };
import holidays from '../../../db/seed/holidays-cn.json' with { type: 'json' };
import { writeAudit, type WriteCtx } from '../../http/audit';
import { calendarFromSeed, type HolidaySeed, type WorkCalendar } from '../calendar/working-days';
import type { RegionTree } from '../regions/tree';
import type { RebuildRules } from './rebuild-steps';
import type { RebuildStandards, TransitionalStandard, WinterSpringStandard } from './subsidy';
import type { StandardsKind, StandardsPut } from './schemas';
import { assertCountyOfficer } from './access';

export interface WinterCalendar {
  surveyFrom: string; countyReportDue: string; prefectureReportDue: string; distributionFrom: string; distributionTo: string;
}
export interface StandardsByKind {
  rebuild: RebuildStandards;
  rebuild_rules: RebuildRules;
  transitional: TransitionalStandard;
  winter_spring: WinterSpringStandard;
  condolence: { perDeceasedFen: number };
  winter_calendar: WinterCalendar;
}

const pick = <T extends object>(o: T, drop: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(k)));
const { transitional, winterSpring, condolence } = reliefStandards;

/** The national defaults as shipped, with where each number comes from. */
export const NATIONAL_DEFAULTS: { [K in StandardsKind]: { value: StandardsByKind[K]; source: string } } = {
  rebuild: { value: pick(rebuildStandards, ['source', 'note']) as unknown as RebuildStandards, source: rebuildStandards.source },
  rebuild_rules: { value: pick(rebuildRules, ['source', 'note']) as unknown as RebuildRules, source: rebuildRules.source },
  transitional: { value: pick(transitional, ['source']) as unknown as TransitionalStandard, source: transitional.source },
  winter_spring: { value: pick(winterSpring, ['source', 'note']) as unknown as WinterSpringStandard, source: winterSpring.source },
  condolence: { value: pick(condolence, ['source']) as unknown as { perDeceasedFen: number }, source: condolence.source },
  winter_calendar: { value: pick(winterCalendar, ['source', 'note']) as unknown as WinterCalendar, source: winterCalendar.source },
};
export const STANDARD_KINDS = Object.keys(NATIONAL_DEFAULTS) as StandardsKind[];

/** Reference loader: the national rows every new database starts with. */
export function loadRecoveryStandards(db: DbOrTx) {
  const now = new Date().toISOString();
  for (const kind of STANDARD_KINDS) {
    const d = NATIONAL_DEFAULTS[kind];
    db.insert(recoveryStandards).values({ scopeCode: 'national', kind, value: d.value, source: d.source, updatedAt: now })
      .onConflictDoNothing().run();
  }
}

export interface Effective<K extends StandardsKind> { kind: K; value: StandardsByKind[K]; from: string; source: string | null }

/** The standard a region works under: its own row, else the nearest ancestor's, else the national one. */
export function effectiveStandard<K extends StandardsKind>(db: DbOrTx, tree: RegionTree, regionCode: string, kind: K): Effective<K> {
  for (const scope of [...tree.ancestry(regionCode).map((n) => n.code), 'national']) {
    const row = db.select().from(recoveryStandards)
      .where(and(eq(recoveryStandards.scopeCode, scope), eq(recoveryStandards.kind, kind))).get();
    if (row) return { kind, value: row.value as StandardsByKind[K], from: scope, source: row.source };
  }
  return { kind, value: NATIONAL_DEFAULTS[kind].value as StandardsByKind[K], from: 'national', source: NATIONAL_DEFAULTS[kind].source };
}

export function allEffective(db: DbOrTx, tree: RegionTree, regionCode: string) {
  return STANDARD_KINDS.map((k) => effectiveStandard(db, tree, regionCode, k));
}

/** A region sets its own standard for one kind (a county its subsidy rates, a province its deadlines). */
export function putStandard(tx: DbOrTx, w: WriteCtx, regionCode: string, input: StandardsPut) {
  assertCountyOfficer(w, regionCode);
  const before = effectiveStandard(tx, w.tree, regionCode, input.kind);
  tx.insert(recoveryStandards)
    .values({ scopeCode: regionCode, kind: input.kind, value: input.value, source: input.source, updatedAt: w.now, updatedBy: w.actor.id })
    .onConflictDoUpdate({ target: [recoveryStandards.scopeCode, recoveryStandards.kind],
      set: { value: input.value, source: input.source, updatedAt: w.now, updatedBy: w.actor.id } })
    .run();
  const after = effectiveStandard(tx, w.tree, regionCode, input.kind);
  writeAudit(tx, w, { action: 'recovery.standard.put', entity: 'recovery_standard', entityId: `${regionCode}/${input.kind}`, regionCode, before, after });
  return after;
}

/** Working days for the ledger deadline: weekends, State Council holidays and 调休 make-up days. */
export const WORK_CALENDAR: WorkCalendar = calendarFromSeed(holidays as HolidaySeed);
