// What the recovery map draws: villages coloured by how far their rebuild cases have got, and
// townships by winter-spring roster coverage (households on the roster, and how many were paid).
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { households, rebuildCases, regions, reliefPayments, winterCampaigns, winterRosterRows, winterSurveys } from '../../../db/schema/index';
import type { Actor } from '../../context';
import type { RegionTree } from '../regions/tree';
import { assertRecoveryReader, readRegion, withinRegion } from './access';

type Stage = 'in_review' | 'not_started' | 'started' | 'completed' | 'moved_in' | 'rejected';
const ORDER: Stage[] = ['in_review', 'not_started', 'started', 'completed', 'moved_in'];
const stageOf = (status: string): Stage => (status === 'county_approved' ? 'not_started'
  : status === 'started' || status === 'completed' || status === 'moved_in' || status === 'rejected' ? status : 'in_review');

export function recoveryMap(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode: string | undefined, season?: string) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const cases = db.select({ village: rebuildCases.villageCode, status: rebuildCases.status }).from(rebuildCases)
    .where(withinRegion(tree, code, { county: rebuildCases.countyCode, township: rebuildCases.townshipCode, village: rebuildCases.villageCode })).all();
  const byVillage = new Map<string, Record<Stage, number>>();
  for (const c of cases) {
    const v = byVillage.get(c.village) ?? { in_review: 0, not_started: 0, started: 0, completed: 0, moved_in: 0, rejected: 0 };
    v[stageOf(c.status)] += 1;
    byVillage.set(c.village, v);
  }
  const hh = db.select({ village: households.villageCode, n: sql<number>`count(*)` }).from(households)
    .where(withinRegion(tree, code, { county: households.countyCode, township: households.townshipCode, village: households.villageCode }))
    .groupBy(households.villageCode).all();
  const villageCodes = [...new Set([...byVillage.keys(), ...hh.map((h) => h.village)])];
  const points = villageCodes.length ? db.select({ code: regions.code, name: regions.name, lon: regions.lon, lat: regions.lat }).from(regions)
    .where(inArray(regions.code, villageCodes)).all() : [];
  const villages = points.filter((p) => p.lon !== null && p.lat !== null).map((p) => {
    const counts = byVillage.get(p.code) ?? { in_review: 0, not_started: 0, started: 0, completed: 0, moved_in: 0, rejected: 0 };
    // A village is as far along as its slowest live case: one family still waiting keeps it red.
    const live = ORDER.filter((s) => counts[s] > 0);
    return { code: p.code, name: p.name, lon: p.lon!, lat: p.lat!, households: hh.find((h) => h.village === p.code)?.n ?? 0,
      cases: Object.values(counts).reduce((a, b) => a + b, 0), counts, stage: live[0] ?? (counts.rejected ? 'rejected' : 'none') };
  });

  const rosterWhere = and(withinRegion(tree, code, { county: winterRosterRows.countyCode, township: winterRosterRows.townshipCode, village: winterRosterRows.villageCode }),
    season ? eq(winterRosterRows.season, season) : undefined, sql`${winterRosterRows.step} <> 'removed'`);
  const roster = db.select({ township: winterRosterRows.townshipCode, households: sql<number>`count(*)`,
    people: sql<number>`coalesce(sum(${winterRosterRows.peopleNeedingAid}), 0)` }).from(winterRosterRows).where(rosterWhere)
    .groupBy(winterRosterRows.townshipCode).all();
  const paid = db.select({ township: households.townshipCode, n: sql<number>`count(distinct ${reliefPayments.householdId})` }).from(reliefPayments)
    .innerJoin(households, eq(households.id, reliefPayments.householdId))
    .where(and(eq(reliefPayments.category, 'winter_spring'), isNull(reliefPayments.reversedAt), season ? eq(reliefPayments.season, season) : undefined,
      withinRegion(tree, code, { county: households.countyCode, township: households.townshipCode, village: households.villageCode })))
    .groupBy(households.townshipCode).all();
  const surveyed = db.select({ township: winterSurveys.townshipCode, people: sql<number>`max(${winterSurveys.foodPeople}, ${winterSurveys.clothingPeople}, ${winterSurveys.heatingPeople})` })
    .from(winterSurveys).innerJoin(winterCampaigns, eq(winterCampaigns.id, winterSurveys.campaignId))
    .where(season ? eq(winterCampaigns.season, season) : undefined).all().filter((s) => tree.isWithin(s.township, code) || tree.isWithin(code, s.township));
  const townCodes = [...new Set([...roster.map((r) => r.township), ...surveyed.map((s) => s.township)])];
  const townPoints = townCodes.length ? db.select({ code: regions.code, name: regions.name, lon: regions.lon, lat: regions.lat }).from(regions)
    .where(inArray(regions.code, townCodes)).all() : [];
  const townships = townPoints.filter((p) => p.lon !== null && p.lat !== null).map((p) => {
    const r = roster.find((x) => x.township === p.code);
    const households = r?.households ?? 0;
    const paidHouseholds = paid.find((x) => x.township === p.code)?.n ?? 0;
    return { code: p.code, name: p.name, lon: p.lon!, lat: p.lat!, rosterHouseholds: households, rosterPeople: r?.people ?? 0,
      surveyedPeople: surveyed.filter((s) => s.township === p.code).reduce((a, s) => a + s.people, 0), paidHouseholds,
      coverage: households ? paidHouseholds / households : 0 };
  });
  return { regionCode: code, villages, townships };
}
