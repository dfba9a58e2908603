// 救灾捐赠: donors, money donations (fen), goods donations (receipts with source = donation), where
// the donated goods went, and the public report (published names only, no contact data).
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { donors, moneyDonations } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { notFound } from '../../http/errors';
import { assertRegionInScope, assertRole, regionInScope, type ScopeCtx } from '../../http/scope';
import { stmt } from './ledger';
import type { DonorInput, MoneyDonationInput } from './schemas';

type Donor = typeof donors.$inferSelect;
export const ANONYMOUS_NAME = '爱心人士';

export function createDonor(tx: DbOrTx, w: WriteCtx, input: DonorInput) {
  assertRole(w.actor, 'keeper', 'officer', 'admin');
  if (input.regionCode) assertRegionInScope(w, input.regionCode);
  const row = tx.insert(donors).values({
    name: input.name, kind: input.kind, contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null,
    regionCode: input.regionCode ?? null, address: input.address ?? null, anonymous: input.anonymous ?? false, note: input.note ?? null,
    createdBy: w.actor.id || null, createdAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'donation.donor.create', entity: 'donor', entityId: row.id, regionCode: row.regionCode, after: row });
  return row;
}

export function listDonors(db: DbOrTx): Donor[] {
  return db.select().from(donors).orderBy(desc(donors.id)).limit(1000).all();
}

export function getDonor(db: DbOrTx, id: number): Donor {
  const d = db.select().from(donors).where(eq(donors.id, id)).get();
  if (!d) throw notFound('donor', id);
  return d;
}

/** Money is received by an officer's (or admin's) office, in its region. */
export function recordMoneyDonation(tx: DbOrTx, w: WriteCtx, input: MoneyDonationInput) {
  assertRole(w.actor, 'officer', 'admin');
  getDonor(tx, input.donorId);
  const row = tx.insert(moneyDonations).values({
    donorId: input.donorId, amountFen: input.amountFen, receivedOn: input.receivedOn, eventId: input.eventId ?? null,
    purpose: input.purpose ?? null, receiptNo: input.receiptNo ?? null, note: input.note ?? null, regionCode: w.actor.regionCode,
    createdBy: w.actor.id || null, createdAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'donation.money.record', entity: 'money_donation', entityId: row.id, regionCode: row.regionCode, after: row });
  return row;
}

export function listMoneyDonations(db: DbOrTx, s: ScopeCtx) {
  return db.select().from(moneyDonations).orderBy(desc(moneyDonations.id)).limit(1000).all()
    .filter((m) => regionInScope(s.actor, s.tree, m.regionCode));
}

interface FlowRow { itemId: number; kind: string; quantity: number }
const FLOW_SQL = `SELECT m.item_id AS itemId, coalesce(o.kind, m.kind) AS kind, sum(m.quantity) AS quantity
  FROM stock_movements m JOIN lots l ON l.id = m.lot_id LEFT JOIN stock_movements o ON o.id = m.reverses_id
  WHERE l.donor_id = ? GROUP BY m.item_id, coalesce(o.kind, m.kind)`;

/** Where one donor's goods went: received, still held, issued, dispatched to regions, written off, lost. */
export function traceDonation(db: DbOrTx, donorId: number) {
  const donor = getDonor(db, donorId);
  // A reversal counts against the kind it reverses; transfers between depots move goods without using them.
  const flows = stmt(db, FLOW_SQL).all(donorId) as FlowRow[];
  const byItem = new Map<number, { itemId: number; received: number; onHand: number; issued: number; dispatched: number; writtenOff: number; adjusted: number; inTransit: number; lost: number }>();
  const of = (itemId: number) => byItem.get(itemId) ?? byItem.set(itemId, { itemId, received: 0, onHand: 0, issued: 0, dispatched: 0, writtenOff: 0, adjusted: 0, inTransit: 0, lost: 0 }).get(itemId)!;
  for (const f of flows) {
    const r = of(f.itemId);
    if (f.kind === 'receipt') r.received += f.quantity;
    else if (f.kind === 'issue') r.issued -= f.quantity;
    else if (f.kind === 'dispatch') r.dispatched -= f.quantity;
    else if (f.kind === 'writeoff') r.writtenOff -= f.quantity;
    else if (f.kind === 'adjustment') r.adjusted += f.quantity;
  }
  for (const b of stmt(db, `SELECT b.item_id AS itemId, sum(b.quantity) AS q FROM stock_balances b JOIN lots l ON l.id = b.lot_id
      WHERE l.donor_id = ? GROUP BY b.item_id`).all(donorId) as { itemId: number; q: number }[]) of(b.itemId).onHand += b.q;
  // Shipments carrying the donor's lots: still on the road, or lost on it.
  for (const s of stmt(db, `SELECT s.item_id AS itemId, s.status, s.id, j.value AS part FROM shipments s, json_each(s.lots) j
      JOIN lots l ON l.id = json_extract(j.value, '$.lotId') WHERE l.donor_id = ? AND s.status = 'in_transit'`).all(donorId) as { itemId: number; part: string }[]) {
    of(s.itemId).inTransit += (JSON.parse(s.part) as { quantity: number }).quantity;
  }
  for (const l of stmt(db, `SELECT t.item_id AS itemId, sum(t.quantity) AS q FROM transit_losses t JOIN lots l ON l.id = t.lot_id
      WHERE l.donor_id = ? GROUP BY t.item_id`).all(donorId) as { itemId: number; q: number }[]) of(l.itemId).lost += l.q;
  const destinations = stmt(db, `SELECT s.id AS shipmentId, s.kind, s.status, s.to_depot_id AS toDepotId, s.to_region_code AS toRegionCode,
      s.item_id AS itemId, json_extract(j.value, '$.quantity') AS quantity, s.sent_at AS sentAt, s.received_at AS receivedAt
    FROM shipments s, json_each(s.lots) j JOIN lots l ON l.id = json_extract(j.value, '$.lotId') WHERE l.donor_id = ? ORDER BY s.id`).all(donorId);
  return { donor: { id: donor.id, name: donor.name, kind: donor.kind }, items: [...byItem.values()], shipments: destinations };
}

/** The public report: published names only (anonymous donors as 爱心人士), money in fen, goods received and used. */
export function publicDonationReport(db: DbOrTx) {
  const money = stmt(db, `SELECT d.id, d.name, d.kind, d.anonymous, count(m.id) AS donations, coalesce(sum(m.amount_fen), 0) AS amountFen
    FROM donors d LEFT JOIN money_donations m ON m.donor_id = d.id GROUP BY d.id ORDER BY amountFen DESC, d.id`).all() as
    { id: number; name: string; kind: string; anonymous: number; donations: number; amountFen: number }[];
  const goods = stmt(db, `SELECT l.donor_id AS donorId, m.item_id AS itemId, i.name AS itemName, i.unit,
      sum(CASE WHEN coalesce(o.kind, m.kind) = 'receipt' THEN m.quantity ELSE 0 END) AS received,
      -sum(CASE WHEN coalesce(o.kind, m.kind) IN ('issue', 'dispatch') THEN m.quantity ELSE 0 END) AS used
    FROM stock_movements m JOIN lots l ON l.id = m.lot_id JOIN items i ON i.id = m.item_id LEFT JOIN stock_movements o ON o.id = m.reverses_id
    WHERE l.donor_id IS NOT NULL GROUP BY l.donor_id, m.item_id ORDER BY l.donor_id, m.item_id`).all() as
    { donorId: number; itemId: number; itemName: string; unit: string; received: number; used: number }[];
  const published = (d: { name: string; anonymous: number }) => (d.anonymous ? ANONYMOUS_NAME : d.name);
  const donorsOut = money.map((d) => ({
    name: published(d), kind: d.kind, moneyFen: d.amountFen, moneyDonations: d.donations,
    goods: goods.filter((g) => g.donorId === d.id).map(({ itemName, unit, received, used }) => ({ item: itemName, unit, received, used })),
  })).filter((d) => d.moneyFen > 0 || d.goods.length > 0);
  const totals = {
    moneyFen: donorsOut.reduce((s, d) => s + d.moneyFen, 0),
    goods: Object.values(goods.reduce<Record<string, { item: string; unit: string; received: number; used: number }>>((acc, g) => {
      const t = acc[g.itemName] ?? (acc[g.itemName] = { item: g.itemName, unit: g.unit, received: 0, used: 0 });
      t.received += g.received;
      t.used += g.used;
      return acc;
    }, {})),
  };
  return { generatedAt: new Date().toISOString(), donors: donorsOut, totals };
}
