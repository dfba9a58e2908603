import { useState } from 'preact/hooks';
import { stockApi, type Lookups, type Shipment } from '../../api/stock';
import { formatDateTime, t } from '../../i18n/index';
import { Qty, StockError, depotLabel, itemLabel, useLoad } from './parts';

/** Goods on their way to this depot, each with a proof-of-delivery form. */
export function IncomingShipments({ depotId, names, version, onReceived }: { depotId: number; names: Lookups | null; version: number; onReceived: () => void }) {
  const list = useLoad(() => stockApi.shipments({ status: 'in_transit', depotId }), [depotId, version]);
  // A booked delivery leaves the in-transit list at once; its confirmation stays on screen.
  const [booked, setBooked] = useState<{ id: number; text: string }[]>([]);
  const onBooked = (id: number, text: string) => { setBooked([...booked, { id, text }]); onReceived(); };
  const incoming = (list.data?.shipments ?? []).filter((s) => s.toDepotId === depotId);
  const outgoing = (list.data?.shipments ?? []).filter((s) => s.fromDepotId === depotId);
  return (
    <section class="card" data-testid="incoming">
      <h3>{t('stock.incoming')}</h3>
      <StockError error={list.error} />
      {booked.map((b) => <p class="ok" role="status" data-booked={b.id}>#{b.id} {b.text}</p>)}
      {incoming.length === 0 && <p class="muted">{t('stock.noIncoming')}</p>}
      {incoming.map((s) => <ReceiveForm key={s.id} s={s} names={names} onReceived={(text) => onBooked(s.id, text)} />)}
      {outgoing.length > 0 && (
        <details>
          <summary>{t('stock.outgoing')} ({outgoing.length})</summary>
          <ul class="plain">
            {outgoing.map((s) => <li>#{s.id} {itemLabel(names, s.itemId)} <Qty n={s.quantity} /> → {s.toDepotId ? depotLabel(names, s.toDepotId) : s.toRegionCode} <span class="muted">{formatDateTime(s.sentAt)}</span></li>)}
          </ul>
        </details>
      )}
    </section>
  );
}

export function ReceiveForm({ s, names, onReceived }: { s: Shipment; names: Lookups | null; onReceived: (confirmation: string) => void }) {
  const [good, setGood] = useState(String(s.quantity));
  const [damaged, setDamaged] = useState('0');
  const [reason, setReason] = useState('');
  const [receiver, setReceiver] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const missing = s.quantity - (Number(good) || 0) - (Number(damaged) || 0);
  const unit = names?.item.get(s.itemId)?.unit;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stockApi.receive(s.id, {
        receivedQuantity: Number(good), damagedQuantity: Number(damaged) || 0,
        lossReason: reason.trim() || undefined, receiverName: receiver.trim() || undefined,
      });
      const text = t('stock.receivedOk', { good, damaged: Number(damaged) || 0, missing: Math.max(0, missing) });
      setDone(text);
      onReceived(text);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="receive-form" onSubmit={submit} data-testid={`receive-${s.id}`} data-shipment={s.id}>
      <p>
        <strong>#{s.id} {itemLabel(names, s.itemId)}</strong> <Qty n={s.quantity} unit={unit} />
        <span class="muted"> · {t('stock.from')} {depotLabel(names, s.fromDepotId)} · {formatDateTime(s.sentAt)}</span>
        {s.lots.length > 0 && <span class="muted small"> · {s.lots.map((l) => `${l.batchNo}×${l.quantity}`).join('，')}</span>}
      </p>
      <div class="grid2">
        <label>{t('stock.good')}<input name="receivedQuantity" type="number" min={0} max={s.quantity} inputMode="numeric" value={good} onInput={(e) => setGood(e.currentTarget.value)} required /></label>
        <label>{t('stock.damaged')}<input name="damagedQuantity" type="number" min={0} max={s.quantity} inputMode="numeric" value={damaged} onInput={(e) => setDamaged(e.currentTarget.value)} /></label>
      </div>
      {missing > 0 && <p class="warn">{t('stock.shortfall', { n: missing })}</p>}
      {(missing !== 0 || Number(damaged) > 0) && (
        <label>{t('stock.lossReason')}<input name="lossReason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={200} /></label>
      )}
      <label>{t('stock.receiver')}<input name="receiverName" value={receiver} onInput={(e) => setReceiver(e.currentTarget.value)} maxLength={50} /></label>
      <StockError error={error} />
      {done ? <p class="ok" role="status">{done}</p> : <button class="primary" type="submit" disabled={busy}>{t('stock.receive')}</button>}
    </form>
  );
}
