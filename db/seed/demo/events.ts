// DEMO: a blizzard (白灾) across four banners of Xilin Gol League that started two days before the
// database was created, with township reports at every stage and review state, the league's demo
// response table, and Xilinhot's level IV response. Invented figures, never official statistics.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../client';
import { events, users } from '../../schema/index';
import xilingolRules from '../response-rules-demo-xilingol.json' with { type: 'json' };
import { hashPassword } from '../../../api/modules/auth/passwords';
import type { Actor } from '../../../api/context';
import type { WriteCtx } from '../../../api/http/audit';
import { loadRegionTree } from '../../../api/modules/regions/service';
import type { RegionTree } from '../../../api/modules/regions/tree';
import { createEvent } from '../../../api/modules/events/service';
import { reviewReport, submitReport } from '../../../api/modules/reports/service';
import type { FiguresInput, ReportStage } from '../../../api/modules/reports/schemas';
import { storeRuleSet, type SeedRuleSet } from '../../../api/modules/response/rules';
import { recordResponse } from '../../../api/modules/response/service';

const HOUR = 3600_000;

type Review = { at: number; by: string; decision: 'accept' | 'return'; note?: string };
interface DemoReport {
  township: string;
  stage: ReportStage;
  /** Hours after the blizzard started. */
  at: number;
  figures: FiguresInput;
  explanation?: string;
  review?: Review;
}

const byLeague = (at: number, decision: Review['decision'] = 'accept', note?: string): Review => ({ at, by: 'officer', decision, note });
const byXilinhot = (at: number): Review => ({ at, by: 'officer_xlht', decision: 'accept' });

// 阿巴嘎旗 152522, 东乌珠穆沁旗 152525, 西乌珠穆沁旗 152526, 锡林浩特市 152502 (宝力根苏木 152502200,
// the demo reporter's township, has filed nothing yet: it shows as overdue).
const REPORTS: DemoReport[] = [
  { township: '152522200', stage: 'initial', at: 1, review: byLeague(2),
    figures: { affected: 1200, relocated: 300, relocatedCentralized: 120, relocatedDispersed: 180, needEmergencyAid: 600, livestockDeaths: 800, collapsedRooms: 12, collapsedHouseholds: 5, severeRooms: 30, severeHouseholds: 14, directLossYuan: 1_800_000 } },
  { township: '152522200', stage: 'update', at: 24, review: byLeague(25),
    explanation: '一名牧民外出寻找走失牲畜途中遇难，另有一人失联，已组织搜救。',
    figures: { affected: 2600, deaths: 1, missing: 1, relocated: 800, relocatedCentralized: 350, relocatedDispersed: 450, needEmergencyAid: 1200, livestockDeaths: 5200, collapsedRooms: 40, collapsedHouseholds: 18, severeRooms: 95, severeHouseholds: 41, damagedRooms: 160, damagedHouseholds: 70, directLossYuan: 9_600_000 } },
  { township: '152522201', stage: 'initial', at: 1.5, review: byLeague(2.5),
    figures: { affected: 900, relocated: 200, relocatedCentralized: 80, relocatedDispersed: 120, needEmergencyAid: 400, livestockDeaths: 600 } },
  { township: '152522201', stage: 'update', at: 26, review: byLeague(27),
    figures: { affected: 1800, relocated: 550, relocatedCentralized: 250, relocatedDispersed: 300, needEmergencyAid: 900, livestockDeaths: 3100, severeRooms: 20, severeHouseholds: 9, damagedRooms: 60, damagedHouseholds: 25, directLossYuan: 4_200_000 } },
  { township: '152522202', stage: 'initial', at: 1.8, review: byLeague(3),
    figures: { affected: 700, relocated: 150, relocatedCentralized: 60, relocatedDispersed: 90, needEmergencyAid: 300, livestockDeaths: 900 } },
  { township: '152522202', stage: 'update', at: 44,
    figures: { affected: 1500, relocated: 500, relocatedCentralized: 200, relocatedDispersed: 300, needEmergencyAid: 900, livestockDeaths: 2600, directLossYuan: 3_100_000 } },
  { township: '152525200', stage: 'initial', at: 1.2, review: byLeague(2.2),
    figures: { affected: 1500, missing: 1, relocated: 400, relocatedCentralized: 200, relocatedDispersed: 200, needEmergencyAid: 700, livestockDeaths: 1500 } },
  { township: '152525200', stage: 'update', at: 25, review: byLeague(26),
    explanation: '失联人数增加：又有一名牧民在转场途中失联，正在搜寻。',
    figures: { affected: 3000, missing: 2, relocated: 900, relocatedCentralized: 400, relocatedDispersed: 500, needEmergencyAid: 1300, livestockDeaths: 6400, collapsedRooms: 25, collapsedHouseholds: 10, severeRooms: 60, severeHouseholds: 26, directLossYuan: 12_000_000 } },
  // Returned for correction, then filed again correctly.
  { township: '152525201', stage: 'initial', at: 3, review: byLeague(5, 'return', '集中安置、分散安置人数与转移安置人数不符的说明不清，严重损坏房屋户数请核实后重报。'),
    figures: { affected: 800, relocated: 200, relocatedCentralized: 200, relocatedDispersed: 0, needEmergencyAid: 350, livestockDeaths: 700, severeRooms: 14, severeHouseholds: 14 } },
  { township: '152525201', stage: 'initial', at: 6, review: byLeague(7),
    figures: { affected: 800, relocated: 200, relocatedCentralized: 90, relocatedDispersed: 110, needEmergencyAid: 350, livestockDeaths: 700, severeRooms: 14, severeHouseholds: 6 } },
  { township: '152525202', stage: 'initial', at: 40,
    figures: { affected: 600, relocated: 120, relocatedCentralized: 50, relocatedDispersed: 70, needEmergencyAid: 260, livestockDeaths: 500 } },
  { township: '152526200', stage: 'initial', at: 2, review: byLeague(3.5),
    figures: { affected: 500, relocated: 120, relocatedCentralized: 40, relocatedDispersed: 80, needEmergencyAid: 250, livestockDeaths: 450 } },
  { township: '152526200', stage: 'update', at: 45,
    figures: { affected: 900, relocated: 260, relocatedCentralized: 100, relocatedDispersed: 160, needEmergencyAid: 420, livestockDeaths: 1300 } },
  // This sumu's situation settled early: initial, update, then its verified 核报, which closes its reporting.
  { township: '152526201', stage: 'initial', at: 1.5, review: byLeague(2.5),
    figures: { affected: 400, relocated: 90, relocatedCentralized: 30, relocatedDispersed: 60, needEmergencyAid: 200, livestockDeaths: 300 } },
  { township: '152526201', stage: 'update', at: 24.5, review: byLeague(26),
    figures: { affected: 700, relocated: 180, relocatedCentralized: 70, relocatedDispersed: 110, needEmergencyAid: 320, livestockDeaths: 1100, damagedRooms: 18, damagedHouseholds: 8, directLossYuan: 1_500_000 } },
  { township: '152526201', stage: 'final', at: 40, review: byLeague(42),
    figures: { affected: 720, relocated: 180, relocatedCentralized: 70, relocatedDispersed: 110, needEmergencyAid: 330, livestockDeaths: 1180, damagedRooms: 18, damagedHouseholds: 8, directLossYuan: 1_620_000 } },
  { township: '152502201', stage: 'initial', at: 1.3, review: byXilinhot(2),
    figures: { affected: 500, relocated: 100, relocatedCentralized: 40, relocatedDispersed: 60, needEmergencyAid: 220, livestockDeaths: 400 } },
  { township: '152502203', stage: 'initial', at: 1.6, review: byXilinhot(2.4),
    figures: { affected: 650, relocated: 160, relocatedCentralized: 70, relocatedDispersed: 90, needEmergencyAid: 300, livestockDeaths: 650, severeRooms: 8, severeHouseholds: 3 } },
  { township: '152502203', stage: 'update', at: 25.5, review: byXilinhot(27),
    figures: { affected: 1300, relocated: 420, relocatedCentralized: 180, relocatedDispersed: 240, needEmergencyAid: 680, livestockDeaths: 2100, severeRooms: 22, severeHouseholds: 9, directLossYuan: 2_800_000 } },
];

const TOWNSHIP_REPORTERS = [...new Set(REPORTS.map((r) => r.township))];
export const DEMO_EVENT_NAME = '锡林郭勒盟暴风雪灾害（白灾）';

function actorOf(tx: Tx, username: string): Actor {
  const u = tx.select().from(users).where(eq(users.username, username)).get();
  if (!u) throw new Error(`demo user ${username} is missing`);
  return { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode, depotIds: [] };
}

export function loadDemoEvents(db: Db) {
  const tree: RegionTree = loadRegionTree(db);
  // The scenario's clock: the blizzard began two days before this database was made, on the hour.
  const start = Math.floor((Date.now() - 48 * HOUR) / HOUR) * HOUR;
  const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
  db.transaction((tx) => {
    storeRuleSet(tx, { ...(xilingolRules as SeedRuleSet), regionCode: '1525', demo: true }, at(0), null);

    // One DEMO reporter account per reporting township (the shared `reporter` is 宝力根苏木's).
    const passwordHash = hashPassword('reporter-demo-2026');
    for (const code of TOWNSHIP_REPORTERS) {
      tx.insert(users).values({
        username: `reporter_${code}`, displayName: `${tree.get(code)?.name ?? code} 灾害信息员（演示）`, role: 'reporter',
        regionCode: code, passwordHash, createdAt: at(0),
      }).run();
    }

    const ctx = (username: string, hours: number): WriteCtx => ({ actor: actorOf(tx, username), tree, requestId: 'demo-seed', now: at(hours) });
    const event = createEvent(tx, ctx('officer', 0.5), {
      name: DEMO_EVENT_NAME, hazard: 'snow', startedAt: at(0), regionCode: '1525',
      affectedRegionCodes: ['152502', '152522', '152525', '152526'],
      note: '【演示数据】连续暴风雪致牧区积雪深厚，牲畜转场、牧民转移安置。',
    });
    tx.update(events).set({ demo: true }).where(eq(events.id, event.id)).run();

    // Replay the two days in order: each submission and review happens at its own time.
    const steps = REPORTS.flatMap((r, i) => [
      { at: r.at, run: () => submitted.set(i, submitReport(tx, ctx(`reporter_${r.township}`, r.at), event.id, {
        regionCode: r.township, stage: r.stage, figures: r.figures, ...(r.explanation ? { explanation: r.explanation } : {}),
      }).id) },
      ...(r.review ? [{ at: r.review.at, run: () => reviewReport(tx, ctx(r.review!.by, r.review!.at), submitted.get(i)!, { decision: r.review!.decision, note: r.review!.note }) }] : []),
    ]);
    const submitted = new Map<number, number>();
    for (const step of steps.sort((a, b) => a.at - b.at)) step.run();

    recordResponse(tx, ctx('officer_xlht', 28), event.id, {
      regionCode: '152502', action: 'activate', level: 4, note: '【演示】依据盟级预案（演示），锡林浩特市启动自然灾害救助 IV 级应急响应。',
    });
  });
}
