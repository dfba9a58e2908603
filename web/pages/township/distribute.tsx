// 冬春救助发放 on a phone, often with no signal: township staff open the county-decided roster of
// their township (kept on the device from the last time online), find the household in front of
// them and record what it received — the money (from which allocation), or goods from a depot
// (officers: goods leave a depot through the stock ledger). Each record goes to the offline outbox
// with its Idempotency-Key and is sent once when the network returns; the server refuses paying a
// household twice in one season, so two phones cannot both pay it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DistributionInput } from '../../../api/modules/recovery/schemas';
import { ApiError } from '../../api/client';
import { recoveryApi, type Allocation, type Campaign, type RosterRow } from '../../api/recovery';
import { stockApi, type Depot, type Item } from '../../api/stock';
import { formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import '../../i18n/recovery';
import '../../i18n/township';
import { enqueue, startQueue, type QueuedWrite } from '../../offline/queue';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Flags, fenToYuan, fromLocalInput, localInput, yuanToFen } from '../recovery/parts';
import { OutboxList, useOnline, useOutbox } from './outbox';

/** What the form needs, kept on the device for use with no signal. */
interface FieldPicture {
  campaigns: Campaign[];
  rows: Record<number, RosterRow[]>;
  allocations: Record<string, Allocation[]>;
  depots: Depot[];
  items: Item[];
  savedAt: string;
}
const cacheKey = (username: string) => `relief.township.distribute.${username}`;
function readCache(username: string): FieldPicture | null {
  try {
    return JSON.parse(localStorage.getItem(cacheKey(username)) ?? 'null');
  } catch {
    return null;
  }
}

const GOODS_ROLES = ['officer', 'admin'];

async function loadPicture(username: string, goods: boolean): Promise<FieldPicture> {
  const { campaigns } = await recoveryApi.campaigns();
  const [rows, funds, stock] = await Promise.all([
    Promise.all(campaigns.map(async (c) => [c.id, (await recoveryApi.roster(c.id)).rows] as const)),
    // The user's own area: a township reads its county's allocations.
    recoveryApi.allocations(),
    goods ? Promise.all([stockApi.depots(), stockApi.items()]) : Promise.resolve(null),
  ]);
  const allocations: FieldPicture['allocations'] = {};
  for (const a of funds.allocations) {
    if (a.category === 'winter_spring' && a.balanceFen > 0) (allocations[a.countyCode] ??= []).push(a);
  }
  const picture: FieldPicture = {
    campaigns, rows: Object.fromEntries(rows), allocations,
    depots: stock?.[0].depots ?? [], items: stock?.[1].items ?? [], savedAt: new Date().toISOString(),
  };
  localStorage.setItem(cacheKey(username), JSON.stringify(picture));
  return picture;
}

type RowState = 'paid' | 'queued' | 'failed' | 'open';

export function DistributePage() {
  useLang();
  const me = useMe()!;
  const online = useOnline();
  const goodsAllowed = GOODS_ROLES.includes(me.role);
  const [picture, setPicture] = useState<FieldPicture | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const [village, setVillage] = useState('');
  const [openRow, setOpenRow] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const writes = useOutbox(me.username, 'distribution');

  useEffect(() => void startQueue(me.username), [me.username]);
  const refresh = () => {
    // Offline: what this device knew when last online; asking the network would only fail.
    if (!navigator.onLine) {
      const cached = readCache(me.username);
      if (cached) { setPicture(cached); setFromCache(true); }
      return;
    }
    loadPicture(me.username, goodsAllowed)
      .then((p) => { setPicture(p); setFromCache(false); setError(null); })
      .catch((e) => {
        const cached = readCache(me.username);
        if (cached) { setPicture(cached); setFromCache(true); }
        if (!(e instanceof ApiError && e.status === 0) || !cached) setError(e);
      });
  };
  useEffect(refresh, [me.username, online]);
  useEffect(() => {
    if (picture && (campaignId === null || !picture.campaigns.some((c) => c.id === campaignId))) {
      // The township's own county first, then the latest season.
      const own = picture.campaigns.filter((c) => me.regionCode.startsWith(c.countyCode) || c.countyCode.startsWith(me.regionCode));
      setCampaignId((own.length ? own : picture.campaigns).at(-1)?.id ?? null);
    }
  }, [picture]);

  const campaign = picture?.campaigns.find((c) => c.id === campaignId) ?? null;
  const rows = (campaignId !== null && picture?.rows[campaignId]) || [];
  const decided = rows.filter((r) => r.step === 'county_decided');
  const villages = [...new Map(decided.map((r) => [r.villageCode, r.villageName])).entries()];
  const stateOf = (r: RosterRow): { state: RowState; write?: QueuedWrite } => {
    const mine = writes.filter((w) => (w.body as DistributionInput).rosterRowId === r.id);
    const live = mine.find((w) => w.state === 'pending' || w.state === 'sending');
    if (r.distributions.some((d) => d.kind === 'money') || (r.moneyFen === 0 && r.distributions.length > 0)) return { state: 'paid' };
    if (live) return { state: 'queued', write: live };
    const sent = mine.find((w) => w.state === 'sent');
    if (sent) return { state: 'paid', write: sent };
    const failed = mine.find((w) => w.state === 'failed');
    if (failed) return { state: 'failed', write: failed };
    return { state: 'open' };
  };
  // Who still has to receive comes first; those already paid sink to the bottom.
  const RANK: Record<RowState, number> = { failed: 0, open: 1, queued: 2, paid: 3 };
  const shown = useMemo(() => decided
    .map((r) => ({ r, rank: RANK[stateOf(r).state] })).sort((a, b) => a.rank - b.rank).map((x) => x.r)
    .filter((r) => !village || r.villageCode === village)
    .filter((r) => !q.trim() || r.household.headName.includes(q.trim()) || r.household.idNumber.endsWith(q.trim())), [decided, village, q]);
  const todo = decided.filter((r) => stateOf(r).state === 'open' || stateOf(r).state === 'failed').length;

  return (
    <div class="page narrow township-page distribute-page" data-testid="distribute-page">
      <h2>{t('tw.dist.title')} <span class={`net ${online ? 'on' : 'off'}`} data-testid="network">{online ? t('report.online') : t('report.offline')}</span></h2>
      {fromCache && picture && <p class="muted">{t('tw.cached', { at: formatDateTime(picture.savedAt) })}</p>}
      {!online && <p class="warn-box" role="status">{t('tw.dist.offlineNote')}</p>}
      <ErrorBox error={error} />
      {picture && picture.campaigns.length === 0 && <p class="muted">{t('rec.roster.noCampaign')}</p>}
      {picture && !fromCache && !online && !readCache(me.username) && <p class="muted">{t('tw.noCache')}</p>}

      {campaign && (
        <section class="card dist-head">
          {picture!.campaigns.length > 1 && (
            <label>{t('rec.roster.campaign')}
              <select name="campaign" value={String(campaignId)} onChange={(e) => setCampaignId(Number(e.currentTarget.value))}>
                {picture!.campaigns.map((c) => <option value={c.id}>{c.countyName} {c.season}</option>)}
              </select>
            </label>
          )}
          <p class="dist-summary" data-testid="dist-summary">
            {campaign.countyName} {campaign.season} · {t('tw.dist.summary', { decided: decided.length, todo })}
          </p>
          <div class="dist-filters">
            {villages.length > 1 && (
              <select name="village" value={village} onChange={(e) => setVillage(e.currentTarget.value)} aria-label={t('rec.case.village')}>
                <option value="">{t('tw.dist.allVillages')}</option>
                {villages.map(([code, name]) => <option value={code}>{name}</option>)}
              </select>
            )}
            <input type="search" name="q" placeholder={t('tw.dist.search')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          </div>
        </section>
      )}
      {notice && <p class="ok" role="status" data-testid="dist-notice">{notice}</p>}
      {campaign && decided.length === 0 && <p class="muted">{t('tw.dist.none')}</p>}

      <ul class="dist-list" data-testid="dist-list">
        {shown.map((r) => {
          const s = stateOf(r);
          return (
            <li class={`card dist-row st-${s.state}`} data-row={r.id} data-state={s.state}>
              <div class="dist-who">
                <strong>{r.household.headName}</strong> <Flags flags={r.household.flags} />
                <span class={`queue-state ${s.state === 'queued' ? 'pending' : s.state === 'paid' ? 'sent' : s.state === 'failed' ? 'failed' : 'open'}`}>{t(`tw.dist.state.${s.state}`)}</span>
              </div>
              <div class="muted small">{r.villageName} · <span class="mono">{r.household.idNumber}</span> · {t('rec.roster.people')} {r.peopleNeedingAid}</div>
              <div class="dist-plan">
                {r.moneyFen > 0 && <span>{t('tw.dist.money')} <strong>{formatYuan(r.moneyFen)}</strong>（{t(`rec.pay.${r.paymentMethod}`)}）</span>}
                {r.goods.length > 0 && <span>{t('tw.dist.goodsPlanned')} {r.goods.map((g) => `${g.item}×${g.quantity}`).join('、')}</span>}
              </div>
              {r.distributions.length > 0 && (
                <ul class="plain small">{r.distributions.map((d) => (
                  <li>{formatDateTime(d.distributedAt)} · {d.kind === 'money' ? `${t('tw.dist.money')} ${formatYuan(d.amountFen)}` : `${t('tw.dist.goodsPlanned')} ×${d.quantity}（${formatYuan(d.valueFen)}）`}</li>
                ))}</ul>
              )}
              {s.state === 'failed' && s.write?.error && <div class="error small">{t(`error.${s.write.error.code}`) !== `error.${s.write.error.code}` ? t(`error.${s.write.error.code}`) : s.write.error.code} — {s.write.error.message}</div>}
              {r.duplicateStatus === 'flagged' && <div class="warn small">{t('rec.hh.dupFlag')}</div>}
              {(r.moneyFen > 0 || goodsAllowed) && (s.state === 'open' || s.state === 'failed' || (goodsAllowed && r.goods.length > 0 && s.state === 'paid'))
                && r.duplicateStatus !== 'flagged' && openRow !== r.id && (
                <button type="button" class="primary wide" data-testid={`record-${r.id}`} onClick={() => { setOpenRow(r.id); setNotice(null); }}>{t('tw.dist.record')}</button>
              )}
              {openRow === r.id && campaign && (
                <RecordForm row={r} moneyDone={r.distributions.some((d) => d.kind === 'money') || s.state === 'queued'}
                  allocations={picture!.allocations[campaign.countyCode] ?? []} depots={picture!.depots} items={picture!.items} goodsAllowed={goodsAllowed}
                  onCancel={() => setOpenRow(null)}
                  onQueue={async (body, label) => {
                    await enqueue({ kind: 'distribution', path: recoveryApi.distributionsPath, body, label, username: me.username });
                    setOpenRow(null);
                    setNotice(t('tw.dist.queued', { label, state: t(`tw.state.${navigator.onLine ? 'sending' : 'pending'}`) }));
                  }} />
              )}
            </li>
          );
        })}
      </ul>

      <OutboxList username={me.username} kind="distribution" onSent={refresh} title={t('tw.dist.outbox')} testid="outbox" />
    </div>
  );
}

function RecordForm({ row, moneyDone, allocations, depots, items, goodsAllowed, onQueue, onCancel }: {
  row: RosterRow; moneyDone: boolean; allocations: Allocation[]; depots: Depot[]; items: Item[]; goodsAllowed: boolean;
  onQueue: (body: DistributionInput, label: string) => Promise<void>; onCancel: () => void;
}) {
  const canMoney = row.moneyFen > 0 && !moneyDone;
  const planned = row.goods[0];
  const guessItem = planned ? items.find((i) => i.name.includes(planned.item) || planned.item.includes(i.name)) : undefined;
  const [kind, setKind] = useState<'money' | 'goods'>(canMoney ? 'money' : 'goods');
  const [f, setF] = useState({
    allocationId: String(allocations.find((a) => a.balanceFen >= row.moneyFen)?.id ?? ''), at: localInput(new Date()),
    depotId: String(depots[0]?.id ?? ''), itemId: String(guessItem?.id ?? ''), quantity: String(planned?.quantity ?? ''),
    value: planned ? fenToYuan(planned.valueFen) : '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const goodsOk = goodsAllowed && Number(f.depotId) > 0 && Number(f.itemId) > 0 && /^\d+$/.test(f.quantity) && Number(f.quantity) > 0 && yuanToFen(f.value || '0') !== null;
  const ok = kind === 'money' ? canMoney && Number(f.allocationId) > 0 && !!f.at : goodsOk && !!f.at;

  async function submit(e: Event) {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    const at = fromLocalInput(f.at);
    const item = items.find((i) => i.id === Number(f.itemId));
    const body: DistributionInput = kind === 'money'
      ? { kind: 'money', rosterRowId: row.id, allocationId: Number(f.allocationId), paidAt: at }
      : { kind: 'goods', rosterRowId: row.id, depotId: Number(f.depotId), itemId: Number(f.itemId), quantity: Number(f.quantity), valueFen: yuanToFen(f.value || '0') ?? 0, distributedAt: at };
    const what = kind === 'money' ? `${t('tw.dist.money')} ${formatYuan(row.moneyFen)}` : `${item?.name ?? ''}×${f.quantity}`;
    try {
      await onQueue(body, `${row.household.headName} · ${row.villageName} · ${what}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form dist-form" onSubmit={submit} data-testid="dist-form">
      <fieldset class="dist-kind">
        <legend>{t('tw.dist.what')}</legend>
        <label class="radio"><input type="radio" name="kind" value="money" checked={kind === 'money'} disabled={!canMoney} onChange={() => setKind('money')} />
          {t('tw.dist.money')}{row.moneyFen > 0 && ` ${formatYuan(row.moneyFen)}`}</label>
        <label class="radio"><input type="radio" name="kind" value="goods" checked={kind === 'goods'} disabled={!goodsAllowed} onChange={() => setKind('goods')} />
          {t('tw.dist.goods')}</label>
        {!goodsAllowed && row.goods.length > 0 && <small class="muted">{t('tw.dist.goodsByDepot')}</small>}
      </fieldset>
      {kind === 'money' && (
        <label>{t('rec.case.allocation')}
          <select name="allocationId" value={f.allocationId} onChange={set('allocationId')} required>
            <option value="" />
            {allocations.map((a) => <option value={a.id}>{a.documentNo} · {t('rec.funds.balance')} {formatYuan(a.balanceFen)}</option>)}
          </select>
          {allocations.length === 0 && <small class="bad">{t('tw.dist.noAllocation')}</small>}
        </label>
      )}
      {kind === 'goods' && (
        <>
          <label>{t('tw.dist.depot')}<select name="depotId" value={f.depotId} onChange={set('depotId')} required>
            {depots.map((d) => <option value={d.id}>{d.name}</option>)}</select></label>
          <label>{t('tw.dist.item')}<select name="itemId" value={f.itemId} onChange={set('itemId')} required>
            <option value="" />
            {items.map((i) => <option value={i.id}>{i.name}（{i.unit}）</option>)}</select></label>
          <div class="grid2">
            <label>{t('tw.dist.quantity')}<input name="quantity" inputMode="numeric" pattern="[0-9]*" value={f.quantity} onInput={set('quantity')} required /></label>
            <label>{t('tw.dist.value')}<input name="value" inputMode="decimal" value={f.value} onInput={set('value')} /></label>
          </div>
        </>
      )}
      <label>{t('tw.dist.at')}<input name="at" type="datetime-local" value={f.at} onInput={set('at')} required /></label>
      <p class="muted small">{t('tw.dist.receiverNote', { name: row.household.headName })}</p>
      <ErrorBox error={error} />
      <div class="dist-actions">
        <button type="button" onClick={onCancel}>{t('tw.cancel')}</button>
        <button type="submit" class="primary" disabled={!ok || busy} data-testid="dist-submit">{t('tw.dist.confirm')}</button>
      </div>
    </form>
  );
}
