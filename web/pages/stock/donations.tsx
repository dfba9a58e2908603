// 救灾捐赠: donors, goods received as donation receipts (linked to the donor, so their lots can be
// followed), money donations, where each donor's goods went, and the link to the public report.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DonorInput } from '../../../api/modules/stock/schemas';
import { stockApi, type DonationTrace, type Donor, type Lookups, type MoneyDonation } from '../../api/stock';
import { formatCount, formatYuan, t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Qty, StockError, dayOf, depotLabel, itemLabel, useLookups } from './parts';

const KINDS = ['company', 'organization', 'person'] as const;
const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function DonationsPage() {
  useLang();
  const me = useMe()!;
  const names = useLookups();
  const [donors, setDonors] = useState<Donor[]>([]);
  const [money, setMoney] = useState<MoneyDonation[]>([]);
  const [traces, setTraces] = useState<Map<number, DonationTrace>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const writer = me.role !== 'auditor';
  const officer = me.role === 'officer' || me.role === 'admin';

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const [{ donors: ds }, { donations }] = await Promise.all([stockApi.donors(), stockApi.moneyDonations()]);
        // Each donor's goods, followed through shipments: one small read per donor (a register, not a ledger).
        const ts = await Promise.all(ds.slice(0, 200).map((d) => stockApi.trace(d.id)));
        if (!live) return;
        setDonors(ds);
        setMoney(donations);
        setTraces(new Map(ts.map((x) => [x.donor.id, x])));
        setError(null);
      } catch (e) {
        if (live) setError(e);
      }
    })();
    return () => void (live = false);
  }, [version]);

  const moneyBy = useMemo(() => {
    const m = new Map<number, number>();
    for (const d of money) m.set(d.donorId, (m.get(d.donorId) ?? 0) + d.amountFen);
    return m;
  }, [money]);
  const donorName = (id: number) => donors.find((d) => d.id === id)?.name ?? `#${id}`;
  const trace = selected !== null ? traces.get(selected) : undefined;

  return (
    <div class="page donations-page">
      <header class="page-head">
        <h2>{t('stock.don.title')}</h2>
        <a href="/public/donations" target="_blank" rel="noopener" data-testid="public-link">{t('stock.don.publicLink')} ↗</a>
      </header>
      <ErrorBox error={error} />
      <div class="stock-grid">
        <div>
          <section class="card">
            <h3>{t('stock.don.donors')} <span class="tag">{donors.length}</span></h3>
            {donors.length === 0 && <p class="muted">{t('stock.don.none')}</p>}
            <div class="table-scroll">
              <table class="table" data-testid="donors">
                <thead><tr><th>{t('stock.don.name')}</th><th>{t('stock.don.kind')}</th><th>{t('stock.don.contactName')}</th><th class="num">{t('stock.don.moneyTotal')}</th><th>{t('stock.don.goodsTotal')}</th><th /></tr></thead>
                <tbody>
                  {donors.map((d) => {
                    const goods = traces.get(d.id)?.items ?? [];
                    return (
                      <tr data-donor={d.name} class={selected === d.id ? 'selected' : ''}>
                        <td>{d.name}{d.anonymous && <span class="tag">{t('stock.don.anonTag')}</span>}</td>
                        <td>{t(`stock.don.kind.${d.kind}`)}</td>
                        <td class="small">{[d.contactName, d.contactPhone].filter(Boolean).join(' ') || '—'}</td>
                        <td class="num">{moneyBy.has(d.id) ? formatYuan(moneyBy.get(d.id)) : '—'}</td>
                        <td class="small">{goods.length === 0 ? '—' : goods.map((g) => `${itemLabel(names, g.itemId)} ${formatCount(g.received)}${names?.item.get(g.itemId)?.unit ?? ''}`).join('、')}</td>
                        <td><button type="button" class="link" onClick={() => setSelected(selected === d.id ? null : d.id)} data-testid={`trace-${d.id}`}>{t('stock.don.trace')}</button></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          {trace && <TracePanel trace={trace} names={names} />}
          <section class="card">
            <h3>{t('stock.don.moneyList')}</h3>
            {money.length === 0 ? <p class="muted">{t('stock.don.noMoney')}</p> : (
              <div class="table-scroll">
                <table class="table" data-testid="money-donations">
                  <thead><tr><th>{t('stock.don.receivedOn')}</th><th>{t('stock.don.donor')}</th><th class="num">{t('stock.don.amount')}</th><th>{t('stock.don.purpose')}</th><th>{t('stock.don.receiptNo')}</th></tr></thead>
                  <tbody>
                    {money.map((m) => (
                      <tr><td>{m.receivedOn}</td><td>{donorName(m.donorId)}</td><td class="num">{formatYuan(m.amountFen)}</td><td>{m.purpose ?? '—'}</td><td>{m.receiptNo ?? '—'}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
        {writer && (
          <div class="stack">
            <GoodsDonationForm donors={donors} names={names} onDone={bump} />
            {officer && <MoneyDonationForm donors={donors} onDone={bump} />}
            <DonorForm onDone={bump} />
          </div>
        )}
      </div>
    </div>
  );
}

const TRACE_COLS = ['received', 'onHand', 'inTransit', 'issued', 'dispatched', 'writtenOff', 'lost', 'adjusted'] as const;

function TracePanel({ trace, names }: { trace: DonationTrace; names: Lookups | null }) {
  const shown = TRACE_COLS.filter((k) => k === 'received' || k === 'onHand' || trace.items.some((i) => i[k] !== 0));
  return (
    <section class="card" data-testid="donation-trace">
      <h3>{t('stock.don.traceTitle', { name: trace.donor.name })}</h3>
      {trace.items.length === 0 ? <p class="muted">{t('stock.don.noGoods')}</p> : (
        <div class="table-scroll">
          <table class="table">
            <thead><tr><th>{t('stock.item')}</th>{shown.map((k) => <th class="num">{t(`stock.don.t.${k}`)}</th>)}</tr></thead>
            <tbody>
              {trace.items.map((i) => (
                <tr><td>{itemLabel(names, i.itemId)}</td>{shown.map((k) => <td class="num"><Qty n={i[k]} unit={names?.item.get(i.itemId)?.unit} /></td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('stock.don.shipments')}</h4>
      {trace.shipments.length === 0 ? <p class="muted">{t('stock.don.noShipments')}</p> : (
        <ul class="trace-shipments">
          {trace.shipments.map((s) => (
            <li>
              {dayOf(s.sentAt)} · {itemLabel(names, s.itemId)} <Qty n={s.quantity} unit={names?.item.get(s.itemId)?.unit} /> → {s.toDepotId ? depotLabel(names, s.toDepotId) : s.toRegionCode}
              <span class={`tag status-${s.status}`}>{t(`stock.status.${s.status}`)}</span>
              {s.receivedAt && <small class="muted"> · {t('stock.status.received')} {dayOf(s.receivedAt)}</small>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const GOODS = { donorId: '', depotId: '', itemId: '', quantity: '', batchNo: '', expiresOn: '', producedOn: '', manufacturer: '', qualityGrade: '', note: '' };

/** A goods donation is a receipt with source = donation, named for its donor. */
function GoodsDonationForm({ donors, names, onDone }: { donors: Donor[]; names: Lookups | null; onDone: () => void }) {
  const me = useMe()!;
  const [f, setF] = useState(GOODS);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof GOODS) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const depots = (names?.depots ?? []).filter((d) => me.role === 'admin' || (me.role === 'keeper' ? me.depotIds.includes(d.id) : d.regionCode.startsWith(me.regionCode)));
  useEffect(() => {
    if (!f.depotId && depots.length === 1) setF((x) => ({ ...x, depotId: String(depots[0].id) }));
  }, [depots.length]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await stockApi.record({
        kind: 'receipt', source: 'donation', donorId: Number(f.donorId), depotId: Number(f.depotId), itemId: Number(f.itemId), quantity: Number(f.quantity),
        batchNo: opt(f.batchNo), expiresOn: opt(f.expiresOn), producedOn: opt(f.producedOn), manufacturer: opt(f.manufacturer), qualityGrade: opt(f.qualityGrade), note: opt(f.note),
      });
      const unit = names?.item.get(r.balance.itemId)?.unit ?? '';
      setDone(t('stock.don.received', {
        donor: donors.find((d) => d.id === Number(f.donorId))?.name ?? '', item: itemLabel(names, r.balance.itemId),
        quantity: `${formatCount(Number(f.quantity))} ${unit}`, depot: depotLabel(names, r.balance.depotId), balance: `${formatCount(r.balance.quantity)} ${unit}`,
      }));
      setF({ ...GOODS, donorId: f.donorId, depotId: f.depotId });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="goods-donation">
      <h3>{t('stock.don.goods')}</h3>
      <p class="muted small">{t('stock.don.goodsHint')}</p>
      <label>{t('stock.don.donor')}
        <select name="donorId" value={f.donorId} onChange={set('donorId')} required>
          <option value="">{t('stock.don.pickDonor')}</option>
          {donors.map((d) => <option value={d.id}>{d.name}</option>)}
        </select>
        {donors.length === 0 && <small class="muted">{t('stock.don.registerDonorFirst')}</small>}
      </label>
      <label>{t('stock.don.depot')}
        <select name="depotId" value={f.depotId} onChange={set('depotId')} required>
          <option value="" />
          {depots.map((d) => <option value={d.id}>{d.name}（{d.code}）</option>)}
        </select>
      </label>
      <label>{t('stock.item')}
        <select name="itemId" value={f.itemId} onChange={set('itemId')} required>
          <option value="" />
          {names?.items.map((i) => <option value={i.id}>{i.name}（{i.unit}）</option>)}
        </select>
      </label>
      <div class="grid2">
        <label>{t('stock.quantity')}<input name="quantity" type="number" inputMode="numeric" min={1} step={1} value={f.quantity} onInput={set('quantity')} required /></label>
        <label>{t('stock.batchNo')}<input name="batchNo" value={f.batchNo} onInput={set('batchNo')} maxLength={64} /></label>
        <label>{t('stock.expiresOn')}<input name="expiresOn" type="date" value={f.expiresOn} onInput={set('expiresOn')} /></label>
        <label>{t('stock.producedOn')}<input name="producedOn" type="date" value={f.producedOn} onInput={set('producedOn')} /></label>
        <label>{t('stock.manufacturer')}<input name="manufacturer" value={f.manufacturer} onInput={set('manufacturer')} maxLength={100} /></label>
        <label>{t('stock.quality')}<input name="qualityGrade" value={f.qualityGrade} onInput={set('qualityGrade')} maxLength={32} /></label>
      </div>
      <label>{t('stock.note')}<input name="note" value={f.note} onInput={set('note')} maxLength={500} /></label>
      <StockError error={error} />
      {done && <p class="ok" role="status">{done} {f.depotId && <button type="button" class="link" onClick={() => navigate(`/stock/depots/${f.depotId}`)}>{t('stock.open')}</button>}</p>}
      <button class="primary" type="submit" disabled={busy}>{t('stock.submit')}</button>
    </form>
  );
}

function MoneyDonationForm({ donors, onDone }: { donors: Donor[]; onDone: () => void }) {
  const EMPTY = { donorId: '', amount: '', receivedOn: today(), purpose: '', receiptNo: '', note: '' };
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      // Yuan as typed, to whole fen: 1,234.5 → 123450. Anything finer than a fen is the server's to refuse.
      const amountFen = Math.round(Number(f.amount.replace(/[,，\s]/g, '')) * 100);
      const r = await stockApi.recordMoney({ donorId: Number(f.donorId), amountFen, receivedOn: f.receivedOn, purpose: opt(f.purpose), receiptNo: opt(f.receiptNo), note: opt(f.note) });
      setDone(t('stock.don.moneyRecorded', { donor: donors.find((d) => d.id === r.donorId)?.name ?? '', amount: formatYuan(r.amountFen) }));
      setF({ ...EMPTY, receivedOn: f.receivedOn });
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="money-donation">
      <h3>{t('stock.don.money')}</h3>
      <label>{t('stock.don.donor')}
        <select name="donorId" value={f.donorId} onChange={set('donorId')} required>
          <option value="">{t('stock.don.pickDonor')}</option>
          {donors.map((d) => <option value={d.id}>{d.name}</option>)}
        </select>
      </label>
      <div class="grid2">
        <label>{t('stock.don.amount')}<input name="amount" inputMode="decimal" value={f.amount} onInput={set('amount')} required pattern="[0-9,，. ]+" /></label>
        <label>{t('stock.don.receivedOn')}<input name="receivedOn" type="date" value={f.receivedOn} onInput={set('receivedOn')} required /></label>
        <label>{t('stock.don.purpose')}<input name="purpose" value={f.purpose} onInput={set('purpose')} maxLength={200} /></label>
        <label>{t('stock.don.receiptNo')}<input name="receiptNo" value={f.receiptNo} onInput={set('receiptNo')} maxLength={64} /></label>
      </div>
      <ErrorBox error={error} />
      {done && <p class="ok" role="status">{done}</p>}
      <button class="primary" type="submit">{t('stock.submit')}</button>
    </form>
  );
}

function DonorForm({ onDone }: { onDone: () => void }) {
  const EMPTY = { name: '', kind: 'company', contactName: '', contactPhone: '', address: '', anonymous: false, note: '' };
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const d = await stockApi.createDonor({
        name: f.name.trim(), kind: f.kind as DonorInput['kind'], contactName: opt(f.contactName), contactPhone: opt(f.contactPhone),
        address: opt(f.address), anonymous: f.anonymous || undefined, note: opt(f.note),
      });
      setDone(t('stock.don.donorCreated', { name: d.name }));
      setF(EMPTY);
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="donor-form">
      <h3>{t('stock.don.newDonor')}</h3>
      <label>{t('stock.don.name')}<input name="name" value={f.name} onInput={set('name')} required maxLength={100} /></label>
      <label>{t('stock.don.kind')}
        <select name="kind" value={f.kind} onChange={set('kind')}>
          {KINDS.map((k) => <option value={k}>{t(`stock.don.kind.${k}`)}</option>)}
        </select>
      </label>
      <label class="radio"><input type="checkbox" name="anonymous" checked={f.anonymous} onChange={(e) => setF({ ...f, anonymous: e.currentTarget.checked })} />{t('stock.don.anonymous')}</label>
      <div class="grid2">
        <label>{t('stock.don.contactName')}<input name="contactName" value={f.contactName} onInput={set('contactName')} maxLength={50} /></label>
        <label>{t('stock.don.contactPhone')}<input name="contactPhone" type="tel" value={f.contactPhone} onInput={set('contactPhone')} /></label>
      </div>
      <label>{t('stock.don.address')}<input name="address" value={f.address} onInput={set('address')} maxLength={200} /></label>
      <p class="muted small">{t('stock.don.contactPrivate')}</p>
      <ErrorBox error={error} />
      {done && <p class="ok" role="status">{done}</p>}
      <button class="primary" type="submit">{t('stock.don.newDonor')}</button>
    </form>
  );
}
