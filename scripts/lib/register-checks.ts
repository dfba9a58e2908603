// Modules with invariants of their own register them with the health check here. Importing this
// file (backup, restore, the crash and load harnesses) makes checkDatabaseHealth run them.
//
// Each check reads plain rows with SQL and hands them to the module's own pure checker, so the
// rules live in one place (api/modules/…) and the harnesses only decide what to read.
import type Database from 'better-sqlite3';
import { checkLedgerInvariants, type LedgerRows } from '../../api/modules/stock/conservation';
import { latestAcceptedByTownship } from '../../api/modules/reports/rollup';
import { toTownshipReport } from '../../api/modules/reports/projection';
import { FIGURE_KEYS, fillFigures, type Figures } from '../../api/modules/reports/schemas';
import { LEDGER_CHECKS } from './db-health';

/** The stock ledger as plain rows: movements, the balance projection, shipments and transit losses. */
export function readLedgerRows(sqlite: Database.Database): LedgerRows {
  const q = (s: string) => sqlite.prepare(s).all() as never[];
  return {
    movements: q('SELECT id, kind, depot_id AS depotId, item_id AS itemId, lot_id AS lotId, quantity, reverses_id AS reversesId, shipment_id AS shipmentId FROM stock_movements ORDER BY id'),
    balances: q('SELECT depot_id AS depotId, item_id AS itemId, lot_id AS lotId, quantity FROM stock_balances'),
    shipments: q('SELECT id, item_id AS itemId, from_depot_id AS fromDepotId, to_depot_id AS toDepotId, to_region_code AS toRegionCode, quantity, status, received_quantity AS receivedQuantity FROM shipments'),
    losses: q('SELECT shipment_id AS shipmentId, item_id AS itemId, quantity FROM transit_losses'),
  };
}

/**
 * Stock conservation (api/modules/stock/conservation.ts): per (depot, item, lot) the stored balance
 * equals the sum of its movements and never went negative; per item, on hand + in transit +
 * recorded losses + issued/written off/delivered = everything received + adjusted; every
 * shipment's goods are accounted for; reversals mirror their original once.
 */
export function stockConservation(sqlite: Database.Database): string[] {
  return checkLedgerInvariants(readLedgerRows(sqlite)).map((v) => `stock ${v.rule}: ${v.message}`);
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The township_figures projection equals a replay of the stored reports: for every (event,
 * township), the row names the latest accepted report (rollup.ts decides which) and carries its
 * figures; no township with an accepted report lacks a row, and no row exists without one.
 */
export function reportProjection(sqlite: Database.Database): string[] {
  const out: string[] = [];
  const reports = sqlite.prepare(`SELECT id, event_id AS eventId, township_code AS townshipCode, stage, status,
    submitted_at AS submittedAt, reviewed_at AS reviewedAt, figures FROM reports WHERE status IN ('accepted', 'superseded')`).all() as
    { id: number; eventId: number; townshipCode: string; stage: 'initial' | 'update' | 'final'; status: 'accepted' | 'superseded'; submittedAt: string; reviewedAt: string | null; figures: string }[];
  const byEvent = new Map<number, typeof reports>();
  for (const r of reports) (byEvent.get(r.eventId) ?? byEvent.set(r.eventId, []).get(r.eventId)!).push(r);
  const cols = FIGURE_KEYS.map((k) => `${snake(k)} AS ${k}`).join(', ');
  const rows = sqlite.prepare(`SELECT event_id AS eventId, township_code AS townshipCode, report_id AS reportId, ${cols} FROM township_figures`).all() as
    ({ eventId: number; townshipCode: string; reportId: number } & Figures)[];
  const stored = new Map(rows.map((r) => [`${r.eventId}/${r.townshipCode}`, r]));
  const expected = new Set<string>();
  for (const [eventId, list] of byEvent) {
    for (const [town, chosen] of latestAcceptedByTownship(list.map(toTownshipReport))) {
      const key = `${eventId}/${town}`;
      expected.add(key);
      const row = stored.get(key);
      if (!row) { out.push(`reports projection: event ${eventId} township ${town} has accepted report ${chosen.id} but no township_figures row`); continue; }
      if (row.reportId !== chosen.id) out.push(`reports projection: event ${eventId} township ${town} counts report ${row.reportId}, the replay chooses ${chosen.id}`);
      const want = fillFigures(chosen.figures);
      const diff = FIGURE_KEYS.filter((k) => Number(row[k]) !== want[k]);
      if (diff.length) out.push(`reports projection: event ${eventId} township ${town} figures differ from report ${chosen.id} in ${diff.join(', ')}`);
      const accepted = list.filter((r) => r.townshipCode === town && r.status === 'accepted');
      if (accepted.length !== 1 || accepted[0].id !== chosen.id) out.push(`reports projection: event ${eventId} township ${town} has ${accepted.length} reports in status accepted, expected only ${chosen.id}`);
    }
  }
  for (const key of stored.keys()) if (!expected.has(key)) out.push(`reports projection: township_figures row ${key} has no accepted report behind it`);
  return out;
}

for (const check of [stockConservation, reportProjection]) {
  if (!LEDGER_CHECKS.includes(check)) LEDGER_CHECKS.push(check);
}
