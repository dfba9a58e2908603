import { useEffect, useState } from 'preact/hooks';
import type { MovementInput } from '../../../api/modules/stock/schemas';
import { stockApi, type Donor, type Lookups } from '../../api/stock';
import { navigate } from '../../router';
import { formatCount, t } from '../../i18n/index';
import { StockError } from './parts';

type Kind = 'receipt' | 'issue' | 'transfer' | 'adjustment';
const KINDS: Kind[] = ['receipt', 'issue', 'transfer', 'adjustment'];
const EMPTY = { itemId: '', quantity: '', batchNo: '', expiresOn: '', producedOn: '', origin: '', manufacturer: '', qualityGrade: '', source: 'purchase', donorId: '', toDepotId: '', note: '' };

/** Receive, issue, transfer or adjust: one form, the fields follow the kind. */
export function MovementForm({ depotId, names, onDone }: { depotId: number; names: Lookups | null; onDone: () => void }) {
  const [kind, setKind] = useState<Kind>('receipt');
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [donors, setDonors] = useState<Donor[] | null>(null);
  // A donation names its donor (so its lots can be followed); the register loads when first needed.
  useEffect(() => {
    if (kind === 'receipt' && f.source === 'donation' && donors === null) stockApi.donors().then((r) => setDonors(r.donors)).catch(() => setDonors([]));
  }, [kind, f.source]);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());

  function body(): MovementInput {
    const base = { depotId, itemId: Number(f.itemId), quantity: Number(f.quantity), batchNo: opt(f.batchNo), note: opt(f.note) };
    switch (kind) {
      case 'receipt':
        return { ...base, kind, expiresOn: opt(f.expiresOn), producedOn: opt(f.producedOn), origin: opt(f.origin), manufacturer: opt(f.manufacturer),
          qualityGrade: opt(f.qualityGrade), source: f.source as 'purchase', ...(f.source === 'donation' && f.donorId ? { donorId: Number(f.donorId) } : {}) };
      case 'issue': return { ...base, kind };
      case 'transfer': return { ...base, kind, toDepotId: Number(f.toDepotId) };
      case 'adjustment': return { ...base, kind, note: f.note.trim() };
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await stockApi.record(body());
      const unit = names?.item.get(r.balance.itemId)?.unit ?? '';
      setDone(t('stock.recorded', { kind: t(`stock.kind.${kind === 'transfer' ? 'transfer' : kind}`), quantity: `${formatCount(Math.abs(Number(f.quantity)))} ${unit}`, balance: `${formatCount(r.balance.quantity)} ${unit}` }));
      setF({ ...EMPTY, itemId: f.itemId, source: f.source, donorId: f.donorId, toDepotId: f.toDepotId });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form movement-form" onSubmit={submit} data-testid="movement-form">
      <h3>{t('stock.actions')}</h3>
      <div class="segmented" role="tablist">
        {KINDS.map((k) => (
          <button type="button" role="tab" aria-selected={kind === k} class={kind === k ? 'on' : ''} data-kind={k}
            onClick={() => { setKind(k); setError(null); setDone(null); }}>{t(`stock.kind.${k === 'transfer' ? 'transfer' : k}`)}</button>
        ))}
      </div>
      <label>{t('stock.item')}
        <select name="itemId" value={f.itemId} onChange={set('itemId')} required>
          <option value="" />
          {names?.items.map((i) => <option value={i.id}>{i.name}（{i.unit}）</option>)}
        </select>
      </label>
      <label>{t('stock.quantity')}
        <input name="quantity" type="number" inputMode="numeric" step="1" min={kind === 'adjustment' ? undefined : 1} value={f.quantity} onInput={set('quantity')} required />
        {kind === 'adjustment' && <small class="muted">{t('stock.adjustHint')}</small>}
      </label>
      {kind === 'transfer' && (
        <label>{t('stock.toDepot')}
          <select name="toDepotId" value={f.toDepotId} onChange={set('toDepotId')} required>
            <option value="" />
            {names?.depots.filter((d) => d.id !== depotId).map((d) => <option value={d.id}>{d.name}（{d.code}）</option>)}
          </select>
        </label>
      )}
      <label>{t('stock.batchNo')}
        <input name="batchNo" value={f.batchNo} onInput={set('batchNo')} maxLength={64} />
        {kind !== 'receipt' && <small class="muted">{t('stock.batchHint')}</small>}
      </label>
      {kind === 'receipt' && (
        <div class="grid2">
          <label>{t('stock.expiresOn')}<input name="expiresOn" type="date" value={f.expiresOn} onInput={set('expiresOn')} /></label>
          <label>{t('stock.producedOn')}<input name="producedOn" type="date" value={f.producedOn} onInput={set('producedOn')} /></label>
          <label>{t('stock.origin')}<input name="origin" value={f.origin} onInput={set('origin')} /></label>
          <label>{t('stock.manufacturer')}<input name="manufacturer" value={f.manufacturer} onInput={set('manufacturer')} /></label>
          <label>{t('stock.quality')}<input name="qualityGrade" value={f.qualityGrade} onInput={set('qualityGrade')} /></label>
          <label>{t('stock.source')}
            <select name="source" value={f.source} onChange={set('source')}>
              {['purchase', 'allocation', 'donation'].map((s) => <option value={s}>{t(`stock.source.${s}`)}</option>)}
            </select>
          </label>
          {f.source === 'donation' && (
            <label>{t('stock.don.donor')}
              <select name="donorId" value={f.donorId} onChange={set('donorId')} required>
                <option value="">{t('stock.don.pickDonor')}</option>
                {donors?.map((d) => <option value={d.id}>{d.name}</option>)}
              </select>
              <small><a href="/stock/donations" onClick={(e) => { e.preventDefault(); navigate('/stock/donations'); }}>{t('stock.don.registerDonorFirst')}</a></small>
            </label>
          )}
        </div>
      )}
      <label>{kind === 'adjustment' ? t('stock.noteRequired') : t('stock.note')}
        <input name="note" value={f.note} onInput={set('note')} required={kind === 'adjustment'} maxLength={500} />
      </label>
      <StockError error={error} />
      {done && <p class="ok" role="status">{done}</p>}
      <button class="primary" type="submit" disabled={busy}>{t('stock.submit')}</button>
    </form>
  );
}
