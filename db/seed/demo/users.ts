import type { Db } from '../../client';
import { depots, userDepots, users } from '../../schema/index';
import { hashPassword } from '../../../api/modules/auth/passwords';

/** DEMO depots (the stock demo adds their goods). Coordinates are the towns' approximate seats. */
export const DEMO_DEPOTS = [
  { code: 'NM-ZX-01', name: '内蒙古自治区救灾物资储备库', tier: 'province', regionCode: '150105', lon: 111.708, lat: 40.802, capacityM3: 60000, relocateCapacityPeople: 150000 },
  { code: 'XL-01', name: '锡林郭勒盟救灾物资储备库', tier: 'prefecture', regionCode: '152502', lon: 116.086, lat: 43.933, capacityM3: 12000, relocateCapacityPeople: 30000 },
  { code: 'ABG-01', name: '阿巴嘎旗救灾物资储备库', tier: 'county', regionCode: '152522', lon: 114.970, lat: 44.022, capacityM3: 2500, relocateCapacityPeople: 6000 },
  { code: 'DW-01', name: '东乌珠穆沁旗救灾物资储备库', tier: 'county', regionCode: '152525', lon: 116.965, lat: 45.513, capacityM3: 2500, relocateCapacityPeople: 6000 },
  { code: 'XW-01', name: '西乌珠穆沁旗救灾物资储备库', tier: 'county', regionCode: '152526', lon: 117.609, lat: 44.587, capacityM3: 2500, relocateCapacityPeople: 6000 },
  { code: 'ZLQ-01', name: '正蓝旗救灾物资储备库', tier: 'county', regionCode: '152530', lon: 115.999, lat: 42.241, capacityM3: 2000, relocateCapacityPeople: 5000 },
] as const;

/** DEMO accounts, one per role (README lists them). Never use these passwords in production. */
export const DEMO_USERS = [
  { username: 'officer', displayName: '锡林郭勒盟应急管理局 值班员', role: 'officer', regionCode: '1525', password: 'officer-demo-2026' },
  { username: 'officer_nm', displayName: '内蒙古自治区应急管理厅 值班员', role: 'officer', regionCode: '15', password: 'officer-demo-2026' },
  { username: 'officer_xlht', displayName: '锡林浩特市应急管理局 值班员', role: 'officer', regionCode: '152502', password: 'officer-demo-2026' },
  { username: 'keeper', displayName: '盟储备库 保管员', role: 'keeper', regionCode: '1525', password: 'keeper-demo-2026', depots: ['XL-01'] },
  { username: 'keeper_abg', displayName: '阿巴嘎旗储备库 保管员', role: 'keeper', regionCode: '152522', password: 'keeper-demo-2026', depots: ['ABG-01'] },
  { username: 'reporter', displayName: '宝力根苏木 灾害信息员', role: 'reporter', regionCode: '152502200', password: 'reporter-demo-2026' },
  { username: 'auditor', displayName: '锡林郭勒盟 审计监督', role: 'auditor', regionCode: '1525', password: 'auditor-demo-2026' },
] as const;

export function loadDemoUsers(db: Db) {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const d of DEMO_DEPOTS) ids.set(d.code, tx.insert(depots).values({ ...d, createdAt: now }).returning().get().id);
    for (const u of DEMO_USERS) {
      const { id } = tx.insert(users).values({
        username: u.username, displayName: u.displayName, role: u.role, regionCode: u.regionCode,
        passwordHash: hashPassword(u.password), createdAt: now,
      }).returning().get();
      for (const code of 'depots' in u ? u.depots : []) tx.insert(userDepots).values({ userId: id, depotId: ids.get(code)! }).run();
    }
  });
}
