// DEMO: recovery in Xilin Gol. Households of 锡林浩特市 and 东乌珠穆沁旗 whose houses collapsed or
// were damaged in the July 2026 rainstorm (暴雨洪涝, about 110 days before the database was created)
// at every step of the rebuild, two ledger entries from the current blizzard, the 2026-2027
// winter-spring campaign with its roster and payments, one ID number registered in two banners
// (the duplicate warning), and the funds received. Invented people and numbers, never real ones.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../client';
import { events } from '../../schema/index';
import type { WriteCtx } from '../../../api/http/audit';
import { loadRegionTree } from '../../../api/modules/regions/service';
import { generateValidIdNumber } from '../../../api/modules/recovery/id-number';
import { registerHousehold } from '../../../api/modules/recovery/household-service';
import { addCasePayment, advanceCase, createCase } from '../../../api/modules/recovery/rebuild-service';
import { createAllocation } from '../../../api/modules/recovery/funds-service';
import { createCampaign, reportCampaign, submitSurvey } from '../../../api/modules/recovery/winter-service';
import { addRosterRow, distribute, patchRosterRow } from '../../../api/modules/recovery/roster-service';
import { createNotice } from '../../../api/modules/recovery/notice-service';
import { createTransitionalAid, payTransitionalAid } from '../../../api/modules/recovery/aid-service';
import type { HouseholdFlag, RebuildAdvanceInput } from '../../../api/modules/recovery/schemas';

const DAY = 86_400_000;
const DEMO = '演示数据';
type Step = RebuildAdvanceInput['action'];

interface DemoHousehold {
  name: string; village: string; flags: HouseholdFlag[]; size: number; birth: string;
  /** Rebuild case: damage, rooms, and how far it has got. */
  rebuild?: { damage: 'collapsed' | 'severe' | 'general'; rooms: number; upTo: Step | 'inspected'; lateLedger?: boolean; objection?: boolean; blizzard?: boolean };
  winter?: { people: number; money: number; upTo: 'reported' | 'county_decided' | 'paid' };
}

// 伊利勒特嘎查 …200, 哈那乌拉嘎查 …201, 巴彦淖尔嘎查 …203 (宝力根苏木); 洪格尔嘎查 152502201200 (朝克乌拉苏木);
// 道特淖尔嘎查 152525101203, 汗敖包嘎查 152525101206 (东乌珠穆沁旗).
const HOUSEHOLDS: DemoHousehold[] = [
  { name: '巴图', village: '152502200200', flags: ['dibao'], size: 4, birth: '19560312', rebuild: { damage: 'collapsed', rooms: 3, upTo: 'move_in' }, winter: { people: 4, money: 48_000, upTo: 'paid' } },
  { name: '其木格', village: '152502200200', flags: ['sanju_tekun'], size: 1, birth: '19520807', rebuild: { damage: 'collapsed', rooms: 2, upTo: 'complete_construction' }, winter: { people: 1, money: 15_000, upTo: 'paid' } },
  { name: '乌力吉', village: '152502200200', flags: ['general'], size: 5, birth: '19640121', rebuild: { damage: 'severe', rooms: 3, upTo: 'start_construction' }, winter: { people: 3, money: 36_000, upTo: 'county_decided' } },
  { name: '萨仁', village: '152502200201', flags: ['disabled'], size: 3, birth: '19610518', rebuild: { damage: 'collapsed', rooms: 4, upTo: 'county_approve' }, winter: { people: 3, money: 36_000, upTo: 'reported' } },
  { name: '宝音', village: '152502200201', flags: ['general'], size: 4, birth: '19581102', rebuild: { damage: 'severe', rooms: 2, upTo: 'township_approve' } },
  { name: '图雅', village: '152502200203', flags: ['general'], size: 2, birth: '19670930', rebuild: { damage: 'general', rooms: 2, upTo: 'village_approve' }, winter: { people: 2, money: 24_000, upTo: 'reported' } },
  { name: '额尔敦', village: '152502200203', flags: ['general'], size: 3, birth: '19550704', rebuild: { damage: 'collapsed', rooms: 2, upTo: 'post_notice', objection: true } },
  { name: '娜仁', village: '152502200201', flags: ['tekun'], size: 2, birth: '19500226', rebuild: { damage: 'severe', rooms: 1, upTo: 'apply' }, winter: { people: 2, money: 30_000, upTo: 'reported' } },
  { name: '达来', village: '152502201200', flags: ['youfu'], size: 4, birth: '19630815', rebuild: { damage: 'general', rooms: 3, upTo: 'inspected', lateLedger: true } },
  { name: '孟和', village: '152502201200', flags: ['general'], size: 5, birth: '19591211', rebuild: { damage: 'severe', rooms: 2, upTo: 'reject' } },
  { name: '朝鲁', village: '152502200200', flags: ['general'], size: 3, birth: '19570419', rebuild: { damage: 'general', rooms: 1, upTo: 'inspected', blizzard: true }, winter: { people: 3, money: 36_000, upTo: 'reported' } },
  { name: '阿拉坦', village: '152525101203', flags: ['dibao'], size: 4, birth: '19620603', rebuild: { damage: 'collapsed', rooms: 3, upTo: 'move_in' } },
  { name: '斯琴', village: '152525101203', flags: ['general'], size: 3, birth: '19600911', rebuild: { damage: 'severe', rooms: 2, upTo: 'start_construction' } },
  { name: '哈斯', village: '152525101206', flags: ['general'], size: 2, birth: '19661027', rebuild: { damage: 'collapsed', rooms: 2, upTo: 'inspected', blizzard: true } },
];

const ORDER: Step[] = ['apply', 'post_notice', 'village_approve', 'township_approve', 'county_approve', 'start_construction', 'complete_construction', 'move_in'];
// Days before now at which each step was taken, for the July rainstorm's cases.
const WHEN: Record<Step, number> = { apply: 95, post_notice: 93, village_approve: 84, township_approve: 78, county_approve: 72,
  start_construction: 60, complete_construction: 25, move_in: 12, record_objection: 90, resolve_objection: 0, reject: 80 };

/** The winter-spring year a date's campaign belongs to: from September, this winter ('2026-2027'). */
const winterSeason = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
};

export function loadDemoRecovery(db: Db) {
  const tree = loadRegionTree(db);
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const ctx = (daysAgo: number): WriteCtx => ({ actor: { id: 0, username: 'demo-seed', role: 'admin', regionCode: '15', depotIds: [] },
    tree, requestId: 'demo-seed', now: at(daysAgo) });
  const blizzard = db.select({ id: events.id }).from(events).orderBy(events.id).limit(1).get()?.id;

  db.transaction((tx) => {
    const money = {
      rebuild152502: createAllocation(tx, ctx(80), { category: 'rebuild', sourceLevel: 'central', countyCode: '152502', amountFen: 200_000_000, documentNo: '财建〔2026〕158号（演示）', receivedAt: at(80).slice(0, 10) }),
      rebuild152525: createAllocation(tx, ctx(80), { category: 'rebuild', sourceLevel: 'province', countyCode: '152525', amountFen: 80_000_000, documentNo: '内财建〔2026〕211号（演示）', receivedAt: at(80).slice(0, 10) }),
      transitional: createAllocation(tx, ctx(100), { category: 'transitional', sourceLevel: 'province', countyCode: '152502', amountFen: 10_000_000, documentNo: '内财社〔2026〕97号（演示）', receivedAt: at(100).slice(0, 10) }),
      winter152502: createAllocation(tx, ctx(20), { category: 'winter_spring', sourceLevel: 'central', countyCode: '152502', amountFen: 30_000_000, documentNo: '财社〔2026〕203号（演示）', receivedAt: at(20).slice(0, 10) }),
      winter152522: createAllocation(tx, ctx(20), { category: 'winter_spring', sourceLevel: 'central', countyCode: '152522', amountFen: 20_000_000, documentNo: '财社〔2026〕203号（演示）', receivedAt: at(20).slice(0, 10) }),
    };
    createAllocation(tx, ctx(15), { category: 'rebuild', sourceLevel: 'county', countyCode: '152502', amountFen: 5_000_000, documentNo: '锡市财〔2026〕33号（演示）', receivedAt: at(15).slice(0, 10) });

    const ids: Record<string, number> = {};
    HOUSEHOLDS.forEach((d, i) => {
      const county = tree.ancestorAt(d.village, 'county')!.code;
      const h = registerHousehold(tx, ctx(105), { headName: d.name, idNumber: generateValidIdNumber(county, d.birth, 101 + 2 * i), villageCode: d.village,
        size: d.size, flags: d.flags, phone: `1390479${String(1000 + i).padStart(4, '0')}`, bankCard: `621700${String(1234567890123 + i * 7919)}`,
        address: `${tree.get(d.village)!.name}（${DEMO}）` });
      ids[d.name] = h.household.id;
      if (d.rebuild) walkCase(tx, ctx, at, h.household.id, d, blizzard, money);
    });
    // The same person registered by 阿巴嘎旗 too: a herder family counted where it winters and where it summers.
    const dupId = generateValidIdNumber('152502', '19560312', 101);
    const dup = registerHousehold(tx, ctx(30), { headName: '巴图', idNumber: dupId, villageCode: '152522100200', size: 4, flags: ['general'], address: `阿日哈夏图嘎查（${DEMO}）` });

    // Transitional aid for the family whose house collapsed first, paid from the province's money.
    const aid = createTransitionalAid(tx, ctx(100), { householdId: ids['巴图'], people: 4, startOn: at(105).slice(0, 10), days: 90 });
    payTransitionalAid(tx, ctx(99), aid.id, { allocationId: money.transitional.id, paidAt: at(99), method: 'one_card' });

    // 冬春救助 2026-2027: Xilinhot surveyed, reported and is distributing; Abaga has a roster too.
    const xl = createCampaign(tx, ctx(62), { countyCode: '152502', season: winterSeason(at(62)) });
    const abg = createCampaign(tx, ctx(62), { countyCode: '152522', season: winterSeason(at(62)) });
    submitSurvey(tx, ctx(50), { campaignId: xl.id, lines: [{ townshipCode: '152502200', foodPeople: 86, clothingPeople: 64, heatingPeople: 120 },
      { townshipCode: '152502201', foodPeople: 42, clothingPeople: 30, heatingPeople: 55 }] });
    submitSurvey(tx, ctx(49), { campaignId: abg.id, lines: [{ townshipCode: '152522100', foodPeople: 60, clothingPeople: 48, heatingPeople: 75 }] });
    reportCampaign(tx, ctx(40), xl.id);
    const rows: Record<string, number> = {};
    for (const d of HOUSEHOLDS.filter((x) => x.winter)) {
      rows[d.name] = addRosterRow(tx, ctx(35), { campaignId: xl.id, householdId: ids[d.name], peopleNeedingAid: d.winter!.people,
        needs: ['food', 'clothing', 'heating'], moneyFen: d.winter!.money, goods: d.winter!.people > 2 ? [{ item: '棉被', quantity: 2, valueFen: 30_000 }] : [],
        paymentMethod: 'one_card' }).row.id;
    }
    addRosterRow(tx, ctx(28), { campaignId: abg.id, householdId: dup.household.id, peopleNeedingAid: 4, needs: ['food', 'heating'], moneyFen: 48_000, goods: [], paymentMethod: 'one_card' });
    const village = (name: string) => HOUSEHOLDS.find((x) => x.name === name)!.village;
    createNotice(tx, ctx(33), { kind: 'winter_spring', villageCode: village('乌力吉'), campaignId: xl.id, noticeStart: at(33), noticeEnd: at(25) });
    for (const d of HOUSEHOLDS.filter((x) => x.winter && x.winter.upTo !== 'reported')) {
      for (const [step, days] of [['village_reviewed', 24], ['township_checked', 20], ['county_decided', 15]] as const) {
        if (step === 'county_decided' && d.name === '巴图') {
          patchRosterRow(tx, ctx(16), rows[d.name], { duplicateReview: { decision: 'cleared', note: `经与阿巴嘎旗核实，该户冬季在本市（${DEMO}）` } });
        }
        patchRosterRow(tx, ctx(days), rows[d.name], { step });
      }
      if (d.winter!.upTo === 'paid') distribute(tx, ctx(10), { kind: 'money', rosterRowId: rows[d.name], allocationId: money.winter152502.id, paidAt: at(10) });
    }

    // Everything above is demo data, whatever the services stamped.
    for (const t of ['households', 'rebuild_cases', 'relief_allocations', 'winter_campaigns', 'winter_roster_rows']) {
      tx.run(sql.raw(`UPDATE ${t} SET demo = 1`));
    }
  });
}

function walkCase(tx: Tx, ctx: (d: number) => WriteCtx, at: (d: number) => string, householdId: number, d: DemoHousehold,
  blizzard: number | undefined, money: Record<string, { id: number }>) {
  const r = d.rebuild!;
  const current = !!(r.blizzard && blizzard);
  const inspected = current ? 1 : r.lateLedger ? 60 : 104;
  const c = createCase(tx, ctx(inspected), {
    householdId, eventId: current ? blizzard : undefined, disasterAt: current ? at(2) : at(110), damageClass: r.damage, rooms: r.rooms,
    soleHome: true, inspectedAt: at(inspected), inspector: `乡镇核查组（${DEMO}）`,
  });
  if (r.upTo === 'inspected') return;
  // Later starts make the examples: 宝音 waits for the county and 图雅 for the township well past their
  // 10 days; 额尔敦's notice is still running, with an objection.
  const shift = ({ 宝音: 55, 图雅: 50, 额尔敦: 88 } as Record<string, number>)[d.name] ?? 0;
  const go = (action: Step, extra: Record<string, unknown> = {}) => {
    const days = WHEN[action] - shift;
    advanceCase(tx, ctx(days), c.id, { action, at: at(days), ...extra } as RebuildAdvanceInput);
    return days;
  };
  const pay = (stage: 'start' | 'progress' | 'completion', share: number, days: number) => {
    const row = tx.all<{ county_code: string; subsidy_fen: number }>(sql`SELECT county_code, subsidy_fen FROM rebuild_cases WHERE id = ${c.id}`)[0];
    const alloc = row.county_code === '152525' ? money.rebuild152525 : money.rebuild152502;
    const paid = tx.all<{ fen: number }>(sql`SELECT coalesce(sum(amount_fen), 0) AS fen FROM relief_payments WHERE rebuild_case_id = ${c.id}`)[0].fen;
    const amountFen = stage === 'completion' ? row.subsidy_fen - paid : Math.round(row.subsidy_fen * share);
    addCasePayment(tx, ctx(days), c.id, { stage, amountFen, allocationId: alloc.id, paidAt: at(days) });
  };
  if (r.upTo === 'reject') {
    go('apply');
    go('post_notice', { noticeStart: at(93), noticeEnd: at(86) });
    go('reject', { reason: `公示期间群众反映另有住房，村评议未通过（${DEMO}）` });
    return;
  }
  for (const action of ORDER) {
    if (action === 'post_notice') {
      const days = WHEN.post_notice - shift;
      go('post_notice', { noticeStart: at(days), noticeEnd: at(days - 8) });
      if (r.objection) advanceCase(tx, ctx(2), c.id, { action: 'record_objection', at: at(2), objection: `村民反映该户厨房不属于住房（${DEMO}）` });
    } else go(action);
    if (action === 'county_approve') pay('start', 0.4, 70);
    if (action === 'start_construction' && r.upTo !== 'start_construction') pay('progress', 0.3, 40);
    if (action === 'move_in') pay('completion', 0, 11);
    if (action === r.upTo) return;
  }
}
