// Scrapping (报废) only after approval: a keeper asks, an officer of an ancestor region decides, and
// only an approval posts the writeoff movement.
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { writeoffRequests } from '../../../db/schema/index';
import { writeAudit, type WriteCtx } from '../../http/audit';
import { DomainError, notFound } from '../../http/errors';
import { assertAncestorOfficer, type ScopeCtx } from '../../http/scope';
import { pickLotsForDisposal } from './fefo';
import { getDepot, getItem, lotsOnHand } from './ledger';
import { visibleDepotIds } from './queries';
import { assertCanMoveStock, recordMovement } from './service';
import type { WriteoffDecisionInput, WriteoffRequestInput } from './schemas';

type Row = typeof writeoffRequests.$inferSelect;
const toOut = (r: Row, withPhoto = false) => {
  const { photo, ...rest } = r;
  return withPhoto ? { ...rest, hasPhoto: photo != null, photo } : { ...rest, hasPhoto: photo != null };
};

export function requestWriteoff(tx: DbOrTx, w: WriteCtx, input: WriteoffRequestInput) {
  const depot = getDepot(tx, input.depotId);
  getItem(tx, input.itemId);
  assertCanMoveStock(w, depot);
  const pick = pickLotsForDisposal(lotsOnHand(tx, depot.id, input.itemId), input.quantity, { batchNo: input.batchNo });
  if ('shortBy' in pick) {
    throw new DomainError('INSUFFICIENT_STOCK', `only ${pick.available} on hand to scrap, ${input.quantity} requested`,
      { depotId: depot.id, itemId: input.itemId, batchNo: input.batchNo ?? null, available: pick.available, requested: input.quantity });
  }
  const row = tx.insert(writeoffRequests).values({
    depotId: depot.id, itemId: input.itemId, quantity: input.quantity, batchNo: input.batchNo ?? null, reason: input.reason,
    note: input.note ?? null, photo: input.photo ?? null, status: 'pending', requestedBy: w.actor.id || null,
    requestedByName: w.actor.username, requestedAt: w.now,
  }).returning().get();
  writeAudit(tx, w, { action: 'stock.writeoff.request', entity: 'writeoff_request', entityId: row.id, regionCode: depot.regionCode, after: toOut(row) });
  return toOut(row);
}

export function decideWriteoff(tx: DbOrTx, w: WriteCtx, id: number, input: WriteoffDecisionInput) {
  const req = tx.select().from(writeoffRequests).where(eq(writeoffRequests.id, id)).get();
  if (!req) throw notFound('writeoff request', id);
  const depot = getDepot(tx, req.depotId);
  assertAncestorOfficer(w, depot.regionCode);
  if (req.status !== 'pending') throw new DomainError('INVALID_TRANSITION', `this request is already ${req.status}`, { status: req.status });
  let posted;
  if (input.decision === 'approve') {
    posted = recordMovement(tx, w, {
      kind: 'writeoff', depotId: req.depotId, itemId: req.itemId, quantity: req.quantity, batchNo: req.batchNo ?? undefined,
      note: `报废 write-off #${req.id} (${req.reason})${req.note ? `: ${req.note}` : ''}`,
    }, { writeoffRequestId: req.id });
  }
  const row = tx.update(writeoffRequests).set({
    status: input.decision === 'approve' ? 'approved' : 'rejected', decidedBy: w.actor.id || null, decidedByName: w.actor.username,
    decidedAt: w.now, decisionNote: input.note ?? null, postingId: posted?.movement.postingId ?? null,
  }).where(eq(writeoffRequests.id, id)).returning().get();
  writeAudit(tx, w, { action: `stock.writeoff.${input.decision}`, entity: 'writeoff_request', entityId: id, regionCode: depot.regionCode, before: { status: req.status }, after: toOut(row) });
  return { request: toOut(row), ...(posted ? { movements: posted.movements, balance: posted.balance } : {}) };
}

export function listWriteoffs(db: DbOrTx, s: ScopeCtx, q: { status?: Row['status']; depotId?: number }) {
  const depotIds = visibleDepotIds(db, s, q);
  if (!depotIds.length) return [];
  const where: SQL[] = [inArray(writeoffRequests.depotId, depotIds)];
  if (q.status) where.push(eq(writeoffRequests.status, q.status));
  return db.select().from(writeoffRequests).where(and(...where)).orderBy(desc(writeoffRequests.id)).limit(500).all().map((r) => toOut(r));
}

export function getWriteoff(db: DbOrTx, s: ScopeCtx, id: number) {
  const req = db.select().from(writeoffRequests).where(eq(writeoffRequests.id, id)).get();
  if (!req) throw notFound('writeoff request', id);
  visibleDepotIds(db, s, { depotId: req.depotId });
  return toOut(req, true);
}
