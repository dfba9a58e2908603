// The planning workspace: one map, the demands and constraints beside it, the result below.
// /dispatch/events/:eventId/plan starts from the event's needs; /dispatch/plans/:id opens a plan.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { dispatchApi, type DispatchDepot, type Needs, type PlanOut } from '../../api/dispatch';
import { stockApi, type Item } from '../../api/stock';
import { t, useLang } from '../../i18n/index';
import '../../i18n/dispatch';
import { navigate } from '../../router';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Constraints, DemandTable, DepotPicker, type Arc, type DemandRow } from './inputs';
import { DispatchMap, type DispatchMapData } from './plan-map';
import { ApproveBar, CompareCard, FlowsCard, PlanSummaryCard, UnmetCard } from './plan-result';

const REFRESH_MS = 15_000;

function rowsFromNeeds(needs: Needs): DemandRow[] {
  return needs.demands.filter((d) => d.quantity > 0).map((d) => ({
    key: `${d.source}|${d.regionCode}|${d.itemId}|${d.requestId ?? ''}`, source: d.source, regionCode: d.regionCode, regionName: d.regionName ?? d.regionCode,
    itemId: d.itemId, itemName: d.itemName, unit: d.unit, suggested: d.suggested, shipped: d.shipped, quantity: d.quantity, priority: d.priority, include: true, requestId: d.requestId,
  }));
}

function rowsFromPlan(plan: PlanOut, needs: Needs | null, items: Map<number, Item>, regionName: (code: string) => string): DemandRow[] {
  return plan.inputs.demands.map((d, i) => {
    const n = needs?.demands.find((x) => x.source === 'standard' && x.regionCode === d.regionCode && x.itemId === d.itemId);
    const item = items.get(d.itemId);
    return {
      key: `plan|${i}`, source: d.requestId ? 'request' : 'plan', regionCode: d.regionCode, regionName: regionName(d.regionCode), itemId: d.itemId,
      itemName: item?.name ?? `#${d.itemId}`, unit: item?.unit ?? '', suggested: n?.suggested ?? null, shipped: n?.shipped ?? null,
      quantity: d.quantity, priority: d.priority, include: true, requestId: d.requestId ?? null,
    };
  });
}

export function PlanWorkspacePage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const planId = params.id ? Number(params.id) : null;
  const [plan, setPlan] = useState<PlanOut | null>(null);
  const [eventId, setEventId] = useState<number | null>(params.eventId ? Number(params.eventId) : null);
  const [needs, setNeeds] = useState<Needs | null>(null);
  const [depots, setDepots] = useState<DispatchDepot[]>([]);
  const [items, setItems] = useState<Map<number, Item>>(new Map());
  const [rows, setRows] = useState<DemandRow[]>([]);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [maxHours, setMaxHours] = useState('');
  const [closedArcs, setClosedArcs] = useState<Arc[]>([]);
  const [itemFilter, setItemFilter] = useState(0);
  const [running, setRunning] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const readOnly = !can(me, 'review');

  async function load() {
    const [{ depots: ds }, { items: its }] = await Promise.all([dispatchApi.depots(planId ?? undefined), stockApi.items()]);
    const p = planId ? await dispatchApi.plan(planId) : null;
    const ev = p ? p.eventId : params.eventId ? Number(params.eventId) : null;
    const n = ev ? await dispatchApi.needs(ev) : null;
    const itemMap = new Map(its.map((i) => [i.id, i]));
    const townName = (code: string) => n?.townships.find((x) => x.regionCode === code)?.name
      ?? p?.flows.find((f) => f.regionCode === code)?.regionName ?? p?.unmet.find((u) => u.regionCode === code)?.regionName ?? code;
    return { ds, itemMap, p, ev, n, townName };
  }

  useEffect(() => {
    let live = true;
    setLoaded(false);
    load().then(({ ds, itemMap, p, ev, n, townName }) => {
      if (!live) return;
      setDepots(ds); setItems(itemMap); setPlan(p); setEventId(ev); setNeeds(n);
      setRows(p ? rowsFromPlan(p, n, itemMap, townName) : n ? rowsFromNeeds(n) : []);
      setPicked(new Set(p ? p.inputs.depotIds : ds.map((d) => d.id)));
      setMaxHours(p?.inputs.maxHours != null ? String(p.inputs.maxHours) : '');
      setClosedArcs(p?.inputs.closedArcs ?? []);
      setError(null);
      setLoaded(true);
    }).catch((e) => live && setError(e));
    return () => void (live = false);
  }, [planId, params.eventId]);

  // Approved: watch the goods arrive.
  useEffect(() => {
    if (plan?.status !== 'approved') return;
    const timer = setInterval(() => void dispatchApi.plan(plan.id).then(setPlan).catch(() => {}), REFRESH_MS);
    return () => clearInterval(timer);
  }, [plan?.id, plan?.status]);

  const townships = useMemo(() => {
    const byCode = new Map<string, { code: string; name: string; lon: number; lat: number }>();
    for (const x of needs?.townships ?? []) if (x.lon != null && x.lat != null) byCode.set(x.regionCode, { code: x.regionCode, name: x.name ?? x.regionCode, lon: x.lon, lat: x.lat });
    return byCode;
  }, [needs]);
  const viewItems = useMemo(() => (itemFilter ? [itemFilter] : [...new Set(rows.filter((r) => r.include).map((r) => r.itemId))]), [rows, itemFilter]);

  const mapData = useMemo((): DispatchMapData => {
    const inView = new Set(viewItems);
    const depotPoint = new Map(depots.map((d) => [d.id, d]));
    const demand = new Map<string, number>();
    for (const r of rows) if (r.include && inView.has(r.itemId)) demand.set(r.regionCode, (demand.get(r.regionCode) ?? 0) + r.quantity);
    const unmet = new Map<string, number>();
    for (const u of plan?.unmet ?? []) if (inView.has(u.itemId)) unmet.set(u.regionCode, (unmet.get(u.regionCode) ?? 0) + u.quantity);
    const routes = new Map<string, { depotId: number; regionCode: string; quantity: number; states: string[] }>();
    for (const f of plan?.flows ?? []) {
      if (!inView.has(f.itemId)) continue;
      const key = `${f.depotId}|${f.regionCode}`;
      const r = routes.get(key) ?? { depotId: f.depotId, regionCode: f.regionCode, quantity: 0, states: [] };
      r.quantity += f.quantity;
      if (f.tracking) r.states.push(f.tracking.state);
      routes.set(key, r);
    }
    const routeState = (s: string[]) => (!s.length ? undefined : s.includes('overdue') ? 'overdue' : s.every((x) => x === 'delivered') ? 'delivered' : 'in_transit');
    return {
      depots: depots.map((d) => ({
        id: d.id, name: d.name, lon: d.lon, lat: d.lat, picked: picked.has(d.id),
        available: d.stock.filter((s) => inView.has(s.itemId)).reduce((n, s) => n + s.available, 0),
      })),
      townships: [...townships.values()].filter((x) => demand.has(x.code) || unmet.has(x.code))
        .map((x) => ({ ...x, demand: demand.get(x.code) ?? 0, unmet: plan ? unmet.get(x.code) ?? 0 : null })),
      flows: [...routes.values()].flatMap((r) => {
        const d = depotPoint.get(r.depotId), to = townships.get(r.regionCode);
        return d && to ? [{ depotId: r.depotId, regionCode: r.regionCode, from: [d.lon, d.lat] as [number, number], to: [to.lon, to.lat] as [number, number], quantity: r.quantity, state: routeState(r.states) }] : [];
      }),
    };
  }, [depots, townships, rows, plan, picked, viewItems]);

  async function run() {
    setError(null); setNotice(null);
    const demands = rows.filter((r) => r.include && r.quantity > 0)
      .map((r) => ({ regionCode: r.regionCode, itemId: r.itemId, quantity: r.quantity, priority: r.priority, ...(r.requestId ? { requestId: r.requestId } : {}) }));
    const hours = maxHours.trim() === '' ? null : Number(maxHours);
    const common = { demands, depotIds: [...picked], closedArcs, closedRegions: plan?.inputs.closedRegions ?? [], roadKm: plan?.inputs.roadKm ?? [] };
    setRunning(true);
    try {
      const out = plan?.status === 'draft'
        ? await dispatchApi.recompute(plan.id, { ...common, maxHours: hours })
        : await dispatchApi.create({ ...common, ...(eventId ? { eventId } : {}), ...(hours !== null ? { maxHours: hours } : {}) });
      navigate(`/dispatch/plans/${out.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  }

  function closeRoad(arc: Arc) {
    if (readOnly || closedArcs.some((a) => a.depotId === arc.depotId && a.regionCode === arc.regionCode)) return;
    setClosedArcs([...closedArcs, arc]);
    const depot = depots.find((d) => d.id === arc.depotId)?.name ?? arc.depotId;
    setNotice(`${t('dispatch.closedRoads')}：${depot} → ${townships.get(arc.regionCode)?.name ?? arc.regionCode}`);
  }

  const itemOptions = [...new Map(rows.map((r) => [r.itemId, r.itemName])).entries()];
  const names = { depot: (id: number) => depots.find((d) => d.id === id)?.name ?? `#${id}`, item: (id: number) => items.get(id)?.name ?? `#${id}` };
  const townList = [...townships.values()].filter((x) => rows.some((r) => r.regionCode === x.code));

  return (
    <div class="page dispatch-page" data-testid="dispatch-workspace" data-loaded={loaded ? 'yes' : 'no'}>
      <header class="page-head">
        <h2>{t('dispatch.plan')}{plan && <> #{plan.id} <span class="muted small">{t('dispatch.version', { n: plan.version })}</span></>}</h2>
        <a href="/dispatch" onClick={(e) => { e.preventDefault(); navigate(eventId ? `/dispatch?event=${eventId}` : '/dispatch'); }}>{t('dispatch.title')}</a>
      </header>
      <ErrorBox error={error} />
      {notice && <p class="ok" role="status">{notice}</p>}
      <div class="dispatch-grid">
        <div class="dispatch-main">
          <div class="map-controls">
            <label>{t('dispatch.item')}
              <select value={itemFilter} onChange={(e) => setItemFilter(Number(e.currentTarget.value))} name="itemFilter">
                <option value={0}>{t('dispatch.allItems')}</option>
                {itemOptions.map(([id, name]) => <option value={id}>{name}</option>)}
              </select>
            </label>
          </div>
          <DispatchMap data={mapData} onRouteClick={closeRoad} />
          {plan && (
            <>
              <PlanSummaryCard plan={plan} />
              <CompareCard plan={plan} />
              {can(me, 'review') && <ApproveBar plan={plan} names={names} onDone={(message) => {
                setNotice(message);
                void dispatchApi.plan(plan.id).then(setPlan).catch(setError);
                void dispatchApi.depots(plan.id).then((r) => setDepots(r.depots)).catch(setError);
              }} />}
              <UnmetCard plan={plan} itemFilter={itemFilter} />
              <FlowsCard plan={plan} itemFilter={itemFilter} />
            </>
          )}
        </div>
        <aside class="dispatch-side">
          <div class="run-bar card">
            <button type="button" class="primary wide" disabled={running || readOnly || !loaded} onClick={run} data-testid="run-plan">
              {plan?.status === 'draft' ? t('dispatch.rerun') : plan ? t('dispatch.newFromThis') : t('dispatch.run')}
            </button>
            {running && <div class="dispatch-running" role="status" data-testid="computing"><span class="spinner" />{t('dispatch.computing')}</div>}
          </div>
          <DemandTable rows={rows} onChange={setRows} itemFilter={itemFilter} readOnly={readOnly} />
          <DepotPicker depots={depots} picked={picked} onChange={setPicked} itemIds={viewItems} readOnly={readOnly} />
          <Constraints maxHours={maxHours} onMaxHours={setMaxHours} closedArcs={closedArcs} onClosedArcs={setClosedArcs}
            depots={depots.filter((d) => picked.has(d.id))} townships={townList} readOnly={readOnly} />
        </aside>
      </div>
    </div>
  );
}
