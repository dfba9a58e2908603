// 冬春救助 campaigns: one per county and season, with the township needs survey and the county's
// report (due dates from the winter calendar, data), and the totals of its roster.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { winterCampaigns, winterDistributions, winterRosterRows, winterSurveys } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { endOfShanghaiDay, shanghaiTime } from '../calendar/working-days';
import type { RegionTree } from '../regions/tree';
import { assertCountyOfficer, assertFieldStaff, assertRecoveryReader } from './access';
import { countiesIn } from './funds-service';
import type { WinterCampaignInput, WinterSurveyPost } from './schemas';
import { effectiveStandard } from './standards-service';

export type CampaignRow = typeof winterCampaigns.$inferSelect;

export function getCampaignRow(db: DbOrTx, id: number): CampaignRow {
  const row = db.select().from(winterCampaigns).where(eq(winterCampaigns.id, id)).get();
  if (!row) throw notFound('winter campaign', id);
  return row;
}

/** A campaign is the county's: readable by anyone above it, and by township staff inside it. */
export function assertCampaignReadable(actor: Actor, tree: RegionTree, c: CampaignRow) {
  assertRecoveryReader(actor);
  const ok = actor.role === 'admin' || tree.isWithin(c.countyCode, actor.regionCode) || tree.isWithin(actor.regionCode, c.countyCode);
  if (!ok) throw new DomainError('OUT_OF_SCOPE', 'this campaign is outside your area', { countyCode: c.countyCode });
}

export function createCampaign(tx: DbOrTx, w: WriteCtx, input: WinterCampaignInput) {
  if (w.tree.get(input.countyCode)?.level !== 'county') {
    throw new DomainError(w.tree.has(input.countyCode) ? 'VALIDATION_FAILED' : 'NOT_FOUND', 'countyCode must name a county', { countyCode: input.countyCode });
  }
  assertCountyOfficer(w, input.countyCode);
  const same = tx.select({ id: winterCampaigns.id }).from(winterCampaigns)
    .where(and(eq(winterCampaigns.countyCode, input.countyCode), eq(winterCampaigns.season, input.season))).get();
  if (same) throw new DomainError('ALREADY_EXISTS', '本县该年度冬春救助工作已建立', { campaignId: same.id });
  const cal = effectiveStandard(tx, w.tree, input.countyCode, 'winter_calendar').value;
  const y1 = input.season.slice(0, 4), y2 = input.season.slice(5);
  const row = tx.insert(winterCampaigns).values({
    countyCode: input.countyCode, season: input.season,
    surveyFrom: `${y1}-${cal.surveyFrom}`, countyReportDue: `${y1}-${cal.countyReportDue}`, prefectureReportDue: `${y1}-${cal.prefectureReportDue}`,
    distributionFrom: `${y1}-${cal.distributionFrom}`, distributionTo: `${y2}-${cal.distributionTo}`,
    perPersonFen: effectiveStandard(tx, w.tree, input.countyCode, 'winter_spring').value.defaultPerPersonFen,
    createdAt: w.now, createdBy: w.actor.id || null,
  }).returning().get();
  writeAudit(tx, w, { action: 'recovery.winter.campaign.create', entity: 'winter_campaign', entityId: row.id, regionCode: row.countyCode, after: row });
  return campaignView(tx, w.tree, row, new Date(w.now));
}

/** Needs reported by the county; late when after the end of the due day (Beijing time). */
export function reportCampaign(tx: DbOrTx, w: WriteCtx, id: number) {
  const row = getCampaignRow(tx, id);
  assertCountyOfficer(w, row.countyCode);
  if (row.countyReportedAt) throw new DomainError('ALREADY_EXISTS', '本县需求已上报', { countyReportedAt: row.countyReportedAt });
  const surveyed = tx.select({ id: winterSurveys.id }).from(winterSurveys).where(eq(winterSurveys.campaignId, id)).get();
  if (!surveyed) throw new DomainError('CONFLICT', '还没有乡镇报送需求摸底，不能上报', { campaignId: id });
  tx.update(winterCampaigns).set({ countyReportedAt: w.now }).where(eq(winterCampaigns.id, id)).run();
  writeAudit(tx, w, { action: 'recovery.winter.campaign.report', entity: 'winter_campaign', entityId: id, regionCode: row.countyCode,
    before: { countyReportedAt: null }, after: { countyReportedAt: w.now } });
  return campaignView(tx, w.tree, getCampaignRow(tx, id), new Date(w.now));
}

export function submitSurvey(tx: DbOrTx, w: WriteCtx, input: WinterSurveyPost) {
  const campaign = getCampaignRow(tx, input.campaignId);
  for (const l of input.lines) {
    if (w.tree.get(l.townshipCode)?.level !== 'township' || w.tree.ancestorAt(l.townshipCode, 'county')?.code !== campaign.countyCode) {
      throw new DomainError('VALIDATION_FAILED', '乡镇不属于本次冬春救助所在的县', { townshipCode: l.townshipCode, countyCode: campaign.countyCode });
    }
    assertFieldStaff(w, l.townshipCode);
  }
  for (const l of input.lines) {
    const before = tx.select().from(winterSurveys).where(and(eq(winterSurveys.campaignId, campaign.id), eq(winterSurveys.townshipCode, l.townshipCode))).get();
    const values = { foodPeople: l.foodPeople, clothingPeople: l.clothingPeople, heatingPeople: l.heatingPeople, submittedAt: w.now, submittedBy: w.actor.id || null };
    if (before) tx.update(winterSurveys).set(values).where(eq(winterSurveys.id, before.id)).run();
    else tx.insert(winterSurveys).values({ campaignId: campaign.id, townshipCode: l.townshipCode, ...values }).run();
    writeAudit(tx, w, { action: 'recovery.winter.survey', entity: 'winter_survey', entityId: `${campaign.id}/${l.townshipCode}`,
      regionCode: l.townshipCode, before: before ?? undefined, after: { campaignId: campaign.id, townshipCode: l.townshipCode, ...values } });
  }
  return campaignView(tx, w.tree, campaign, new Date(w.now));
}

const endOf = (day: string) => endOfShanghaiDay(shanghaiTime(day));

export function campaignView(db: DbOrTx, tree: RegionTree, c: CampaignRow, now: Date) {
  const surveys = db.select().from(winterSurveys).where(eq(winterSurveys.campaignId, c.id)).orderBy(winterSurveys.townshipCode).all()
    .map((s) => ({ townshipCode: s.townshipCode, townshipName: tree.get(s.townshipCode)?.name ?? '', foodPeople: s.foodPeople,
      clothingPeople: s.clothingPeople, heatingPeople: s.heatingPeople, submittedAt: s.submittedAt }));
  const roster = db.select({
    households: sql<number>`count(*)`, people: sql<number>`coalesce(sum(${winterRosterRows.peopleNeedingAid}), 0)`,
    moneyFen: sql<number>`coalesce(sum(${winterRosterRows.moneyFen}), 0)`,
    decided: sql<number>`coalesce(sum(case when ${winterRosterRows.step} = 'county_decided' then 1 else 0 end), 0)`,
    flagged: sql<number>`coalesce(sum(case when ${winterRosterRows.duplicateStatus} = 'flagged' then 1 else 0 end), 0)`,
  }).from(winterRosterRows).where(and(eq(winterRosterRows.campaignId, c.id), sql`${winterRosterRows.step} <> 'removed'`)).get()!;
  const given = db.select({ kind: winterDistributions.kind, fen: sql<number>`coalesce(sum(coalesce(${winterDistributions.amountFen}, ${winterDistributions.valueFen})), 0)`,
    n: sql<number>`count(distinct ${winterDistributions.householdId})` })
    .from(winterDistributions).where(eq(winterDistributions.campaignId, c.id)).groupBy(winterDistributions.kind).all();
  const totalNeeds = surveys.reduce((t, s) => ({ foodPeople: t.foodPeople + s.foodPeople, clothingPeople: t.clothingPeople + s.clothingPeople,
    heatingPeople: t.heatingPeople + s.heatingPeople }), { foodPeople: 0, clothingPeople: 0, heatingPeople: 0 });
  const due = endOf(c.countyReportDue);
  return {
    ...c, countyName: tree.get(c.countyCode)?.name ?? '',
    report: {
      due: due.toISOString(), reportedAt: c.countyReportedAt,
      late: c.countyReportedAt ? Date.parse(c.countyReportedAt) > due.getTime() : now.getTime() > due.getTime(),
      prefectureDue: endOf(c.prefectureReportDue).toISOString(),
    },
    surveys, totalNeeds,
    roster: { ...roster, moneyDistributedFen: given.find((g) => g.kind === 'money')?.fen ?? 0, goodsDistributedFen: given.find((g) => g.kind === 'goods')?.fen ?? 0,
      householdsPaid: given.find((g) => g.kind === 'money')?.n ?? 0 },
  };
}

export function listCampaigns(db: DbOrTx, tree: RegionTree, actor: Actor, q: { regionCode?: string; season?: string }) {
  assertRecoveryReader(actor);
  const code = q.regionCode ?? actor.regionCode;
  const counties = countiesIn(tree, code).filter((c) => actor.role === 'admin' || tree.isWithin(c, actor.regionCode) || tree.isWithin(actor.regionCode, c));
  if (!tree.has(code)) throw notFound('region', code);
  const rows = counties.length ? db.select().from(winterCampaigns)
    .where(and(inArray(winterCampaigns.countyCode, counties), q.season ? eq(winterCampaigns.season, q.season) : undefined))
    .orderBy(winterCampaigns.season, winterCampaigns.countyCode).all() : [];
  const now = new Date();
  return { campaigns: rows.map((r) => campaignView(db, tree, r, now)) };
}
