// DEMO stock for the Xilin Gol scenario: invented quantities, batches and makers, posted through the
// stock service so the demo ledger obeys the same invariants as real use. Dates are relative to the
// day the database is created, so "near expiry" stays near expiry in every fresh demo.
import { eq } from 'drizzle-orm';
import type { Db } from '../../client';
import { depots, items } from '../../schema/index';
import type { WriteCtx } from '../../../api/http/audit';
import { loadRegionTree } from '../../../api/modules/regions/service';
import { addDays, dayInShanghai } from '../../../api/modules/stock/fefo';
import { recordMovement, reverseMovement } from '../../../api/modules/stock/service';
import { receiveShipment } from '../../../api/modules/stock/shipments';
import { requestWriteoff } from '../../../api/modules/stock/writeoffs';
import { setReserveTarget } from '../../../api/modules/stock/reserve-service';

const DEMO = 'DEMO 演示数据';
const ORIGINS: Record<string, [string, string]> = {
  shelter: ['河北省石家庄市', '（演示）华北帐篷厂'],
  bedding: ['内蒙古自治区包头市', '（演示）北方被服厂'],
  equipment: ['江苏省常州市', '（演示）应急装备公司'],
  food: ['内蒙古自治区呼和浩特市', '（演示）食品有限公司'],
  water: ['内蒙古自治区赤峰市', '（演示）饮用水有限公司'],
};

// Per depot: item code → lots as [quantity, days until expiry (null: does not expire), days since received].
type LotSpec = [number, number | null, number];
const STOCK: Record<string, Record<string, LotSpec[]>> = {
  'NM-ZX-01': {
    'TENT-12': [[6000, null, 900], [5200, null, 400]], 'TENT-12C': [[10400, null, 500]], 'TENT-36': [[260, null, 700]],
    YURT: [[3100, null, 600]], QUILT: [[62000, null, 800], [48000, null, 300]], COAT: [[90000, null, 500]],
    CLOTHES: [[58000, null, 450]], SLEEPBAG: [[52000, null, 420]], BED: [[30500, null, 650]], MAT: [[96000, null, 380]],
    DESK: [[1300, null, 700]], LIGHT: [[1150, null, 520]], GENERATOR: [[640, null, 610]], PURIFIER: [[260, null, 530]],
    KIT: [[14000, 120, 975], [26000, 700, 395]], TOILET: [[2400, null, 480]],
    FOOD: [[40000, 25, 340], [72000, 280, 85]], WATER: [[9000, 70, 475], [14000, 400, 145]],
  },
  'XL-01': {
    'TENT-12': [[2100, null, 720], [1500, null, 210]], 'TENT-12C': [[3300, null, 380]], 'TENT-36': [[55, null, 500]],
    YURT: [[640, null, 400]], QUILT: [[21000, null, 600], [6500, null, 120]], COAT: [[24000, null, 430]],
    CLOTHES: [[9800, null, 300]], SLEEPBAG: [[12600, null, 330]], BED: [[5100, null, 460]], MAT: [[18000, null, 260]], DESK: [[200, null, 500]],
    LIGHT: [[260, null, 500]], GENERATOR: [[110, null, 480]], PURIFIER: [[45, null, 400]],
    KIT: [[4200, 40, 1055], [6100, 820, 275]], TOILET: [[380, null, 300]],
    FOOD: [[3000, -12, 377], [9500, 50, 315], [14000, 330, 35]], WATER: [[1200, -5, 550], [3600, 85, 460], [3000, 500, 45]],
  },
  'ABG-01': {
    'TENT-12': [[420, null, 800]], 'TENT-12C': [[310, null, 500]], YURT: [[150, null, 600]], QUILT: [[2600, null, 700]],
    COAT: [[5200, null, 380]], CLOTHES: [[2400, null, 380]], SLEEPBAG: [[1800, null, 380]], BED: [[900, null, 500]],
    KIT: [[900, 30, 1065]], FOOD: [[1500, 20, 345], [2600, 300, 65]], WATER: [[700, 60, 485]], GENERATOR: [[18, null, 600]],
  },
  'DW-01': {
    'TENT-12': [[780, null, 640]], 'TENT-12C': [[800, null, 420]], 'TENT-36': [[14, null, 600]], YURT: [[220, null, 500]],
    QUILT: [[5400, null, 520]], COAT: [[6100, null, 360]], CLOTHES: [[3100, null, 360]], SLEEPBAG: [[3050, null, 360]],
    BED: [[1550, null, 480]], MAT: [[6200, null, 300]], DESK: [[64, null, 600]], LIGHT: [[62, null, 500]], GENERATOR: [[32, null, 500]],
    PURIFIER: [[12, null, 500]], KIT: [[2100, 200, 895]], TOILET: [[130, null, 400]], FOOD: [[6400, 150, 215]], WATER: [[1100, 200, 345]],
  },
  'XW-01': {
    'TENT-12': [[500, null, 600]], 'TENT-12C': [[560, null, 420]], 'TENT-36': [[8, null, 600]], YURT: [[180, null, 500]],
    QUILT: [[4100, null, 520]], COAT: [[5800, null, 360]], CLOTHES: [[3000, null, 360]], SLEEPBAG: [[2100, null, 360]],
    BED: [[1200, null, 480]], MAT: [[4000, null, 300]], DESK: [[40, null, 600]], LIGHT: [[40, null, 500]], GENERATOR: [[20, null, 500]],
    PURIFIER: [[8, null, 500]], KIT: [[1500, 75, 1020]], TOILET: [[80, null, 400]], FOOD: [[3800, -30, 395], [3500, 240, 125]], WATER: [[1000, 150, 395]],
  },
  'ZLQ-01': {
    'TENT-12': [[300, null, 700]], QUILT: [[1800, null, 640]], COAT: [[2600, null, 420]], CLOTHES: [[1200, null, 420]],
    SLEEPBAG: [[900, null, 420]], KIT: [[700, 15, 1080]], FOOD: [[1600, 5, 360]], WATER: [[500, 30, 515]],
  },
};

export function loadDemoStock(db: Db) {
  const tree = loadRegionTree(db);
  const today = dayInShanghai();
  const actor = (username: string, regionCode = '15') => ({ id: 0, username, role: 'admin' as const, regionCode, depotIds: [] });
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const ctx = (daysAgo: number, username = 'demo-seed'): WriteCtx => ({ actor: actor(username), tree, requestId: 'demo-seed', now: at(daysAgo) });
  const itemRows = db.select().from(items).all();
  const item = (code: string) => itemRows.find((i) => i.code === code)!;
  const depotId = (code: string) => db.select({ id: depots.id }).from(depots).where(eq(depots.code, code)).get()!.id;

  db.transaction((tx) => {
    // Posted oldest first, so the ledger's order (by id) is also the order of the dates.
    const receipts = Object.entries(STOCK).flatMap(([depotCode, byItem]) => Object.entries(byItem).flatMap(([code, specs]) =>
      specs.map(([quantity, expiresIn, daysAgo], i) => ({ depotCode, code, quantity, expiresIn, daysAgo, i }))));
    receipts.sort((a, b) => b.daysAgo - a.daysAgo);
    for (const { depotCode, code, quantity, expiresIn, daysAgo, i } of receipts) {
      const it = item(code);
      const [origin, manufacturer] = ORIGINS[it.category] ?? ['', ''];
      const received = dayInShanghai(new Date(at(daysAgo)));
      const expiresOn = expiresIn === null ? undefined : addDays(today, expiresIn);
      const producedOn = expiresOn && it.shelfLifeDays ? addDays(expiresOn, -it.shelfLifeDays) : addDays(received, -60);
      recordMovement(tx, ctx(daysAgo), {
        kind: 'receipt', depotId: depotId(depotCode), itemId: it.id, quantity, batchNo: `${depotCode}-${code}-${received.replaceAll('-', '')}-${i + 1}`,
        expiresOn, producedOn: producedOn <= (expiresOn ?? '9999') ? producedOn : undefined, origin, manufacturer,
        qualityGrade: '合格', source: depotCode === 'NM-ZX-01' ? 'purchase' : 'allocation', note: DEMO,
      });
    }
    // Everyday life of the ledger: issues, a mistaken issue reversed, a transfer on the road, one delivered with damage.
    const xl = depotId('XL-01'), dw = depotId('DW-01'), nm = depotId('NM-ZX-01'), abg = depotId('ABG-01');
    recordMovement(tx, ctx(20), { kind: 'issue', depotId: xl, itemId: item('QUILT').id, quantity: 300, toRegionCode: '152502', note: `${DEMO}：锡林浩特市低温救助` });
    const wrong = recordMovement(tx, ctx(12), { kind: 'issue', depotId: xl, itemId: item('COAT').id, quantity: 500, note: `${DEMO}：误录` });
    reverseMovement(tx, ctx(12), wrong.movement.id, `${DEMO}：数量录错，冲正`);
    const sent = recordMovement(tx, ctx(6), { kind: 'transfer', depotId: xl, itemId: item('QUILT').id, quantity: 800, toDepotId: dw, note: `${DEMO}：补充东乌旗库` });
    receiveShipment(tx, { ...ctx(5), actor: actor('keeper_dw', '152525') }, sent.shipment!.id, { receivedQuantity: 796, damagedQuantity: 4, lossReason: `${DEMO}：包装破损受潮`, receiverName: '东乌旗库 保管员' });
    recordMovement(tx, ctx(1), { kind: 'transfer', depotId: nm, itemId: item('QUILT').id, quantity: 5000, toDepotId: xl, note: `${DEMO}：自治区库调拨盟库（白灾预置）` });
    recordMovement(tx, ctx(1), { kind: 'transfer', depotId: nm, itemId: item('YURT').id, quantity: 120, toDepotId: abg, note: `${DEMO}：自治区库调拨阿巴嘎旗` });
    requestWriteoff(tx, { ...ctx(2), actor: { ...actor('keeper', '1525'), role: 'keeper', depotIds: [xl] } },
      { depotId: xl, itemId: item('FOOD').id, quantity: 3000, reason: 'expired', note: `${DEMO}：应急食品过期，申请报废` });
    // An officer's own figure where the standards do not fit: 正蓝旗 stocks more yurts for its pastoral sumu.
    setReserveTarget(tx, ctx(30, 'officer'), { depotId: depotId('ZLQ-01'), itemId: item('YURT').id, targetQuantity: 200, note: `${DEMO}：牧区苏木蒙古包定额` });
  });
}
