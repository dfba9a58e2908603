// 公示: a village posts who is proposed for aid, how much and why, for a recorded period. The
// entries are a snapshot with masked ID numbers only, whoever prints them: a notice is public.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { households, publicNotices, rebuildCases, winterRosterRows } from '../../../db/schema/index';
import type { Actor } from '../../context';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import type { RegionTree } from '../regions/tree';
import { assertFieldStaff, assertRecoveryReader, readRegion, villagePlace, withinRegion } from './access';
import { maskIdNumber } from './id-number';
import { advanceCase } from './rebuild-service';
import type { HouseholdFlag, NoticeInput } from './schemas';
import { computeRebuildSubsidy, yuan } from './subsidy';
import { effectiveStandard } from './standards-service';
import { getCampaignRow } from './winter-service';

type NoticeRow = typeof publicNotices.$inferSelect;
type Entry = NoticeRow['entries'][number];

const DAMAGE = { collapsed: '倒塌', severe: '严重损坏', general: '一般损坏' } as const;
const FLAG = { dibao: '低保户', tekun: '特困户', sanju_tekun: '散居特困', disabled: '残疾人家庭', youfu: '优抚对象', general: '' } as const;
const NEED = { food: '口粮', clothing: '衣被', heating: '取暖' } as const;
const flagText = (flags: string[]) => flags.map((f) => FLAG[f as HouseholdFlag]).filter(Boolean).join('、');

function rebuildEntries(tx: DbOrTx, w: WriteCtx, villageCode: string, input: Extract<NoticeInput, { kind: 'rebuild' }>) {
  const applied = tx.select({ c: rebuildCases, h: households }).from(rebuildCases).innerJoin(households, eq(households.id, rebuildCases.householdId))
    .where(and(eq(rebuildCases.villageCode, villageCode), input.caseIds ? inArray(rebuildCases.id, input.caseIds) : eq(rebuildCases.status, 'applied')))
    .orderBy(households.priority, rebuildCases.id).all();
  if (input.caseIds) {
    const missing = input.caseIds.filter((id) => !applied.some((a) => a.c.id === id));
    if (missing.length) throw new DomainError('VALIDATION_FAILED', '所列重建台账不在该村', { caseIds: missing });
    const notApplied = applied.filter((a) => a.c.status !== 'applied');
    if (notApplied.length) throw new DomainError('INVALID_TRANSITION', '只有已申请的户可以公示', { caseIds: notApplied.map((a) => a.c.id) });
  }
  if (applied.length === 0) throw new DomainError('CONFLICT', '该村没有待公示的重建申请', { villageCode });
  const standards = effectiveStandard(tx, w.tree, applied[0].c.countyCode, 'rebuild').value;
  return applied.map(({ c, h }): Entry => {
    advanceCase(tx, w, c.id, { action: 'post_notice', noticeStart: input.noticeStart, noticeEnd: input.noticeEnd });
    const estimate = computeRebuildSubsidy(c, h.flags as HouseholdFlag[], standards);
    const reason = `房屋${DAMAGE[c.damageClass]} ${c.rooms} 间${flagText(h.flags) ? `；${flagText(h.flags)}` : ''}`;
    return { subjectId: c.id, name: h.headName, idNumberMasked: maskIdNumber(h.idNumber), amountFen: estimate.amountFen, reason };
  });
}

function winterEntries(tx: DbOrTx, villageCode: string, countyCode: string, campaignId: number) {
  const campaign = getCampaignRow(tx, campaignId);
  if (campaign.countyCode !== countyCode) throw new DomainError('VALIDATION_FAILED', '该村不在本次冬春救助所在的县', { campaignId, villageCode });
  const rows = tx.select({ r: winterRosterRows, h: households }).from(winterRosterRows).innerJoin(households, eq(households.id, winterRosterRows.householdId))
    .where(and(eq(winterRosterRows.campaignId, campaignId), eq(winterRosterRows.villageCode, villageCode), eq(winterRosterRows.step, 'reported')))
    .orderBy(households.priority, winterRosterRows.id).all();
  if (rows.length === 0) throw new DomainError('CONFLICT', '该村花名册没有待公示的户', { villageCode, campaignId });
  return { campaign, rows, entries: rows.map(({ r, h }): Entry => {
    const goods = r.goods.map((g) => `${g.item}×${g.quantity}`).join('、');
    const reason = `${r.peopleNeedingAid} 人需${r.needs.map((n) => NEED[n as keyof typeof NEED]).join('、')}救助${goods ? `；物资：${goods}（折款 ${yuan(r.goods.reduce((s, g) => s + g.valueFen, 0))} 元）` : ''}`;
    return { subjectId: r.id, name: h.headName, idNumberMasked: maskIdNumber(h.idNumber), amountFen: r.moneyFen, reason };
  }) };
}

export function createNotice(tx: DbOrTx, w: WriteCtx, input: NoticeInput) {
  const { village, county } = villagePlace(w.tree, input.villageCode);
  assertFieldStaff(w, input.villageCode);
  let entries: Entry[];
  let title: string;
  let campaignId: number | null = null;
  if (input.kind === 'rebuild') {
    entries = rebuildEntries(tx, w, village.code, input);
    title = `${village.name}因灾倒损住房恢复重建补助公示`;
  } else {
    const winter = winterEntries(tx, village.code, county.code, input.campaignId);
    entries = winter.entries;
    campaignId = winter.campaign.id;
    title = `${village.name}${winter.campaign.season}年度冬春生活救助对象公示`;
  }
  const row = tx.insert(publicNotices).values({ kind: input.kind, villageCode: village.code, countyCode: county.code, campaignId, title,
    noticeStart: new Date(input.noticeStart).toISOString(), noticeEnd: new Date(input.noticeEnd).toISOString(), entries,
    createdAt: w.now, createdBy: w.actor.id || null }).returning().get();
  const ids = entries.map((e) => e.subjectId);
  if (input.kind === 'rebuild') tx.update(rebuildCases).set({ noticeId: row.id }).where(inArray(rebuildCases.id, ids)).run();
  else tx.update(winterRosterRows).set({ noticeId: row.id, updatedAt: w.now }).where(inArray(winterRosterRows.id, ids)).run();
  writeAudit(tx, w, { action: `recovery.notice.${input.kind}`, entity: 'public_notice', entityId: row.id, regionCode: village.code, after: row });
  return noticeView(w.tree, row);
}

const DAY_MS = 86_400_000;
export function noticeView(tree: RegionTree, row: NoticeRow) {
  const path = tree.ancestry(row.villageCode).reverse().filter((n) => n.level !== 'province').map((n) => n.name);
  return { ...row, place: path.join(''), villageName: tree.get(row.villageCode)?.name ?? '',
    days: Math.floor((Date.parse(row.noticeEnd) - Date.parse(row.noticeStart)) / DAY_MS),
    totalFen: row.entries.reduce((s, e) => s + e.amountFen, 0) };
}

export function getNotice(db: DbOrTx, tree: RegionTree, actor: Actor, id: number) {
  assertRecoveryReader(actor);
  const row = db.select().from(publicNotices).where(eq(publicNotices.id, id)).get();
  if (!row) throw notFound('notice', id);
  readRegion({ actor, tree }, row.villageCode);
  return noticeView(tree, row);
}

export function listNotices(db: DbOrTx, tree: RegionTree, actor: Actor, regionCode?: string) {
  assertRecoveryReader(actor);
  const code = readRegion({ actor, tree }, regionCode);
  const level = tree.get(code)?.level;
  const where = level === 'village' ? eq(publicNotices.villageCode, code)
    : level === 'township' ? inArray(publicNotices.villageCode, tree.children(code).map((v) => v.code).concat('-'))
      : withinRegion(tree, code, { county: publicNotices.countyCode });
  const rows = db.select().from(publicNotices).where(where).orderBy(desc(publicNotices.id)).limit(500).all();
  return { notices: rows.map((r) => { const v = noticeView(tree, r); return { ...v, entries: undefined, entryCount: r.entries.length }; }) };
}
