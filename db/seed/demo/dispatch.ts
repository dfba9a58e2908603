// DEMO: two supply requests (物资请领) in the Xilin Gol blizzard, so the dispatch desk opens with
// explicit requests beside the needs computed from the reports. Invented, never official.
import { eq } from 'drizzle-orm';
import type { Db } from '../../client';
import { events, items, supplyRequests, users } from '../../schema/index';
import type { WriteCtx } from '../../../api/http/audit';
import { loadRegionTree } from '../../../api/modules/regions/service';
import { createSupplyRequest } from '../../../api/modules/dispatch/needs-service';
import { DEMO_EVENT_NAME } from './events';

const REQUESTS = [
  { username: 'reporter_152522200', regionCode: '152522200', itemCode: 'TENT-12', quantity: 40, priority: 5, hours: 20, note: '【演示】集中安置点新增转移牧民，现有帐篷不足。' },
  { username: 'reporter_152525200', regionCode: '152525200', itemCode: 'GENERATOR', quantity: 3, priority: 4, hours: 27, note: '【演示】苏木政府驻地停电，安置点需发电机。' },
];

export function loadDemoDispatch(db: Db) {
  const tree = loadRegionTree(db);
  const event = db.select().from(events).where(eq(events.name, DEMO_EVENT_NAME)).get();
  if (!event) return;
  const start = new Date(event.startedAt).getTime();
  db.transaction((tx) => {
    for (const r of REQUESTS) {
      const u = tx.select().from(users).where(eq(users.username, r.username)).get();
      const item = tx.select().from(items).where(eq(items.code, r.itemCode)).get();
      if (!u || !item) continue;
      const w: WriteCtx = {
        actor: { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode, depotIds: [] }, tree, requestId: 'demo-seed',
        now: new Date(start + r.hours * 3600_000).toISOString(),
      };
      const row = createSupplyRequest(tx, w, { eventId: event.id, regionCode: r.regionCode, itemId: item.id, quantity: r.quantity, priority: r.priority, note: r.note });
      tx.update(supplyRequests).set({ demo: true }).where(eq(supplyRequests.id, row.id)).run();
    }
  });
}
