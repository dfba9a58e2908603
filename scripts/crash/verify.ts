// After a crash: is every acknowledged write in the database, exactly as it was answered?
import type Database from 'better-sqlite3';
import type { Ack } from './workload';

/** The audit row each kind of write leaves in its own transaction. */
function auditOf(ack: Ack): [string, string | number, string] {
  const j = ack.json;
  switch (ack.kind) {
    case 'movement': return ['stock_posting', j.movement.postingId, `stock.movement.${JSON.parse(ack.body).kind}`];
    case 'receive': return ['shipment', j.shipment.id, 'stock.shipment.receive'];
    case 'report': return ['report', j.id, 'report.submit'];
    case 'review': return ['report', j.id, `report.${JSON.parse(ack.body).decision}`];
  }
}

export interface AckCheck { survived: number; lost: { ack: Ack; why: string }[] }

/** Checks each acknowledged write against the tables (by id), its audit row and its idempotency record. */
export function checkAcks(sqlite: Database.Database, acks: readonly Ack[]): AckCheck {
  const movement = sqlite.prepare('SELECT kind, depot_id AS depotId, item_id AS itemId, quantity FROM stock_movements WHERE id = ?');
  const shipment = sqlite.prepare('SELECT status, quantity, received_quantity AS receivedQuantity FROM shipments WHERE id = ?');
  const report = sqlite.prepare('SELECT event_id AS eventId, township_code AS townshipCode, stage, status, reviewed_at AS reviewedAt FROM reports WHERE id = ?');
  const audit = sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ? AND username = ?');
  const idem = sqlite.prepare('SELECT k.status, k.body FROM idempotency_keys k JOIN users u ON u.id = k.user_id WHERE u.username = ? AND k.key = ?');
  const lost: AckCheck['lost'] = [];
  for (const ack of acks) {
    const why = missing(ack);
    if (why) lost.push({ ack, why });
  }
  return { survived: acks.length - lost.length, lost };

  function missing(ack: Ack): string | null {
    const j = ack.json;
    switch (ack.kind) {
      case 'movement': {
        const ms = (j?.movements ?? [j?.movement]) as { id: number; kind: string; depotId: number; itemId: number; quantity: number }[];
        if (!ms.length || !ms[0]) return 'answer carried no movement';
        for (const m of ms) {
          const row = movement.get(m.id) as { kind: string; depotId: number; itemId: number; quantity: number } | undefined;
          if (!row) return `movement ${m.id} missing`;
          if (row.kind !== m.kind || row.depotId !== m.depotId || row.itemId !== m.itemId || row.quantity !== m.quantity) return `movement ${m.id} differs: ${JSON.stringify(row)} vs ${JSON.stringify(m)}`;
        }
        if (j.shipment && !shipment.get(j.shipment.id)) return `shipment ${j.shipment.id} missing`;
        break;
      }
      case 'receive': {
        const row = shipment.get(j?.shipment?.id) as { status: string; receivedQuantity: number | null } | undefined;
        if (!row) return `shipment ${j?.shipment?.id} missing`;
        if (row.status !== 'received' || row.receivedQuantity !== j.shipment.receivedQuantity) return `shipment ${j.shipment.id} is ${row.status} (${row.receivedQuantity}), was answered received (${j.shipment.receivedQuantity})`;
        for (const m of (j.movements ?? []) as { id: number; quantity: number }[]) {
          const mv = movement.get(m.id) as { quantity: number } | undefined;
          if (!mv || mv.quantity !== m.quantity) return `arrival movement ${m.id} missing or different`;
        }
        break;
      }
      case 'report': {
        const row = report.get(j?.id) as { eventId: number; townshipCode: string; stage: string } | undefined;
        if (!row) return `report ${j?.id} missing`;
        if (row.townshipCode !== j.regionCode || row.stage !== j.stage || row.eventId !== j.eventId) return `report ${j.id} differs`;
        break;
      }
      case 'review': {
        const row = report.get(j?.id) as { status: string; reviewedAt: string | null } | undefined;
        if (!row) return `report ${j?.id} missing`;
        const accepted = JSON.parse(ack.body).decision === 'accept';
        const ok = accepted ? row.status === 'accepted' || row.status === 'superseded' : row.status === 'returned';
        if (!ok || !row.reviewedAt) return `report ${j.id} is ${row.status}, the review answered ${accepted ? 'accept' : 'return'}`;
        break;
      }
    }
    const [entity, entityId, action] = auditOf(ack);
    if ((audit.get(entity, String(entityId), action, ack.user) as { n: number }).n === 0) return `no audit row ${action} for ${entity} ${entityId} by ${ack.user}`;
    const stored = idem.get(ack.user, ack.key) as { status: number; body: string } | undefined;
    if (!stored) return `idempotency record for key ${ack.key} missing`;
    if (stored.status !== ack.status || stored.body !== ack.text) return `idempotency record for key ${ack.key} differs from the answer given`;
    return null;
  }
}
