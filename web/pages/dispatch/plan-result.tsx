// A computed plan: what it meets, what it costs, how it compares with the previous version, its
// routes with loading, the unmet demand in red, approval, and then where the goods are.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { dispatchApi, type Comparison, type FlowOut, type PlanOut } from '../../api/dispatch';
import { formatCount, formatDateTime, t } from '../../i18n/index';
import '../../i18n/dispatch';
import { navigate } from '../../router';
import { ErrorBox } from '../../ui/error-box';

const km = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
const signed = (n: number, digits = 0) => `${n > 0 ? '+' : ''}${n.toLocaleString('zh-CN', { maximumFractionDigits: digits })}`;

export function PlanSummaryCard({ plan }: { plan: PlanOut }) {
  const unmet = plan.unmet.reduce((s, u) => s + u.quantity, 0);
  return (
    <section class="card plan-summary" data-testid="plan-summary">
      <h3>{t('dispatch.result')} <span class="muted small">{t('dispatch.version', { n: plan.version })}</span> <span class={`tag plan-${plan.status}`}>{t(`dispatch.status.${plan.status}`)}</span></h3>
      <div class="stat-row">
        <div class="stat"><span class="muted">{t('dispatch.demanded')}</span><strong>{formatCount(plan.demanded)}</strong></div>
        <div class="stat"><span class="muted">{t('dispatch.met')}</span><strong data-testid="plan-met">{formatCount(plan.met)}</strong></div>
        <div class={`stat ${unmet > 0 ? 'bad' : ''}`}><span class="muted">{t('dispatch.unmet')}</span><strong data-testid="plan-unmet">{formatCount(unmet)}</strong></div>
        <div class="stat"><span class="muted">{t('dispatch.cost')}</span><strong data-testid="plan-cost">{km(plan.cost)}</strong></div>
        <div class="stat"><span class="muted">{t('dispatch.weight')}</span><strong>{(plan.totals.weightKg / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} t</strong></div>
      </div>
      <p class="muted small">{t('dispatch.computeMs', { ms: plan.computeMs })} · {t('dispatch.createdBy')} {plan.createdByName} {formatDateTime(plan.createdAt)}
        {plan.approvedAt && <> · {t('dispatch.approvedBy')} {plan.approvedByName} {formatDateTime(plan.approvedAt)}</>}</p>
    </section>
  );
}

export function CompareCard({ plan }: { plan: PlanOut }) {
  const [cmp, setCmp] = useState<Comparison | null>(null);
  useEffect(() => {
    setCmp(null);
    if (plan.previousId) dispatchApi.compare(plan.id).then(setCmp).catch(() => setCmp(null));
  }, [plan.id]);
  if (!plan.previousId || !cmp) return null;
  const rows: [string, number, number, number, number][] = [
    ['cost', cmp.base.cost, cmp.current.cost, cmp.delta.cost, 1],
    ['met', cmp.base.met, cmp.current.met, cmp.delta.met, 0],
    ['unmet', cmp.base.unmetTotal, cmp.current.unmetTotal, cmp.delta.unmet, 0],
  ];
  return (
    <section class="card" data-testid="compare">
      <h3>{t('dispatch.compare')}</h3>
      <table class="table">
        <thead><tr><th></th><th class="num">{t('dispatch.previous')} ({t('dispatch.version', { n: cmp.base.version })})</th><th class="num">{t('dispatch.current')} ({t('dispatch.version', { n: cmp.current.version })})</th><th class="num">{t('dispatch.change')}</th></tr></thead>
        <tbody>
          {rows.map(([k, a, b, d, digits]) => {
            const worse = (k === 'met' && d < 0) || (k !== 'met' && d > 0);
            return <tr data-row={k}><th>{t(`dispatch.compareRow.${k}`)}</th><td class="num">{km(a)}</td><td class="num">{km(b)}</td><td class={`num ${d === 0 ? '' : worse ? 'bad' : 'ok-text'}`}>{signed(d, digits)}</td></tr>;
          })}
        </tbody>
      </table>
    </section>
  );
}

function trucksText(f: FlowOut) {
  const ts = f.loading.trucks;
  if (!ts.length) return '—';
  const small = ts[0], big = ts[ts.length - 1];
  return `${small.code}×${small.trucks} / ${big.code}×${big.trucks}`;
}

export function FlowsCard({ plan, itemFilter }: { plan: PlanOut; itemFilter: number }) {
  const flows = plan.flows.filter((f) => !itemFilter || f.itemId === itemFilter);
  const tracked = plan.status === 'approved';
  return (
    <section class="card" data-testid="flows">
      <h3>{tracked ? t('dispatch.tracking') : t('dispatch.flows')} <span class="muted small">{flows.length}</span></h3>
      {tracked && plan.tracking && (
        <p class="tracking-line" data-testid="tracking-summary">
          <span class="tag state-in_transit">{t('dispatch.state.in_transit')} {plan.tracking.inTransit}</span>
          <span class="tag state-overdue">{t('dispatch.state.overdue')} {plan.tracking.overdue}</span>
          <span class="tag state-delivered">{t('dispatch.state.delivered')} {plan.tracking.delivered}</span>
          {plan.tracking.lost > 0 && <span class="tag state-lost">{t('dispatch.lost')} {formatCount(plan.tracking.lost)}</span>}
        </p>
      )}
      <div class="table-scroll">
        <table class="table flows-table">
          <thead>
            <tr>
              <th>{t('dispatch.from')}</th><th>{t('dispatch.to')}</th><th>{t('dispatch.item')}</th><th class="num">{t('dispatch.qty')}</th>
              <th class="num">{t('dispatch.km')}</th><th class="num">{t('dispatch.hours')}</th><th class="num">{t('dispatch.weight')}</th><th>{t('dispatch.trucks')}</th>
              {tracked && <><th>{t('dispatch.status')}</th><th>{t('dispatch.eta')}</th><th></th></>}
            </tr>
          </thead>
          <tbody>
            {flows.map((f) => (
              <tr key={f.id} data-testid="flow-row">
                <td>{f.depotName}</td><td>{f.regionName ?? f.regionCode}</td><td>{f.itemName}</td>
                <td class="num">{formatCount(f.quantity)} <span class="muted small">{f.unit}</span></td>
                <td class="num">{km(f.km)}</td><td class="num">{f.hours.toFixed(1)}</td>
                <td class="num">{formatCount(Math.round(f.loading.weightKg))} kg<div class="muted small">{f.loading.volumeM3.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} m³</div></td>
                <td class="small" title={f.loading.trucks.map((x) => `${x.name} ×${x.trucks}`).join('\n')}>{trucksText(f)}</td>
                {tracked && f.tracking && (
                  <>
                    <td>
                      <span class={`tag state-${f.tracking.state}`}>{t(`dispatch.state.${f.tracking.state}`)}</span>
                      {f.tracking.state === 'delivered' && <div class="small">{t('dispatch.delivered')} {formatCount(f.tracking.delivered)}{f.tracking.lost > 0 && <span class="bad"> · {t('dispatch.lost')} {formatCount(f.tracking.lost)}</span>}</div>}
                    </td>
                    <td class="small">{f.tracking.state === 'delivered' ? formatDateTime(f.tracking.receivedAt) : formatDateTime(f.tracking.etaAt)}</td>
                    <td>{f.shipmentId && <a href={`/dispatch/waybills/${f.shipmentId}`} onClick={(e) => { e.preventDefault(); navigate(`/dispatch/waybills/${f.shipmentId}`); }}>{t('dispatch.waybill')}</a>}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function UnmetCard({ plan, itemFilter }: { plan: PlanOut; itemFilter: number }) {
  const unmet = plan.unmet.filter((u) => !itemFilter || u.itemId === itemFilter);
  const item = (id: number) => plan.flows.find((f) => f.itemId === id)?.itemName;
  return (
    <section class="card" data-testid="unmet">
      <h3>{t('dispatch.unmetList')}</h3>
      {unmet.length === 0 ? <p class="ok">{t('dispatch.allMet')}</p> : (
        <div class="table-scroll unmet-scroll"><table class="table unmet-table">
          <tbody>
            {unmet.map((u) => <tr><td>{u.regionName ?? u.regionCode}</td><td>{item(u.itemId) ?? `#${u.itemId}`}</td><td class="num bad">{formatCount(u.quantity)}</td></tr>)}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** Approve (two steps: the first click asks) or drop a draft. */
export function ApproveBar({ plan, names, onDone }: { plan: PlanOut; names: { depot: (id: number) => string; item: (id: number) => string }; onDone: (message: string | null) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (plan.status !== 'draft') return null;
  async function approve() {
    setBusy(true); setError(null);
    try {
      const out = await dispatchApi.approve(plan.id);
      onDone(t('dispatch.approved', { n: out.shipments.length }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false); setAsking(false);
    }
  }
  async function cancel() {
    setBusy(true);
    try {
      await dispatchApi.cancel(plan.id);
      onDone(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const stale = error instanceof ApiError && error.code === 'STALE_PLAN'
    ? ((error.details as { short?: { depotId: number; itemId: number; planned: number; available: number }[] })?.short ?? []) : null;
  return (
    <section class="card approve-bar" data-testid="approve-bar">
      {!asking
        ? <button type="button" class="primary" disabled={busy || plan.flows.length === 0} onClick={() => setAsking(true)}>{t('dispatch.approve')}</button>
        : (
          <div class="confirm" role="alertdialog">
            <p>{t('dispatch.approveConfirm')}</p>
            <button type="button" class="primary" disabled={busy} onClick={approve} data-testid="confirm-approve">{t('dispatch.approve')}</button>
            <button type="button" onClick={() => setAsking(false)}>{t('dispatch.notNow')}</button>
          </div>
        )}
      <button type="button" disabled={busy} onClick={cancel}>{t('dispatch.cancelPlan')}</button>
      {stale ? (
        <div class="error" role="alert" data-testid="stale">
          <strong>{t('error.STALE_PLAN')}</strong> — {t('dispatch.stale', {
            items: stale.map((s) => t('dispatch.staleItem', { depot: names.depot(s.depotId), item: names.item(s.itemId), planned: s.planned, available: s.available })).join('；'),
          })}
        </div>
      ) : <ErrorBox error={error} />}
    </section>
  );
}
