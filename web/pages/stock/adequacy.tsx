import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { stockApi, type GapRow, type Lookups } from '../../api/stock';
import { t, useLang } from '../../i18n/index';
import { savedBasemap } from '../../map/basemap';
import { depotsLayer } from '../../map/layers/depots';
import { PlanningMap } from '../../map/planning-map';
import { navigate } from '../../router';
import { can, useMe } from '../../session';
import { RegionPicker } from '../../ui/region-picker';
import { Qty, StockError, depotLabel, itemLabel, useLoad, useLookups } from './parts';

const pct = (c: number | null) => (c == null ? '—' : `${Math.round(c * 100)}%`);

/** The officer's pre-disaster worry list: per depot and item, target, held, incoming and gap. */
export function AdequacyPage() {
  useLang();
  const me = useMe()!;
  const names = useLookups();
  const [region, setRegion] = useState(me.role === 'admin' ? '15' : me.regionCode);
  const data = useLoad(() => stockApi.adequacy(region || undefined), [region]);
  const el = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<PlanningMap | null>(null);

  useEffect(() => {
    let cancelled = false;
    let made: PlanningMap | null = null;
    Promise.all([api.provinces(), api.mapConfig().catch(() => null)]).then(([provinces, cfg]) => {
      if (cancelled || !el.current) return;
      made = new PlanningMap(el.current, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection);
      made.onClick(depotsLayer, (p) => navigate(`/stock/depots/${p.id}`));
      setMap(made);
    }).catch(() => undefined);
    return () => { cancelled = true; made?.destroy(); };
  }, []);
  useEffect(() => {
    if (!data.data || !names || !map) return;
    const worst = new Map<number, number>();
    for (const r of data.data.depots) if (r.coverage !== null) worst.set(r.depotId, Math.min(worst.get(r.depotId) ?? Infinity, r.coverage));
    const ds = [...new Set(data.data.depots.map((r) => r.depotId))].map((id) => names.depot.get(id)).filter((d) => d != null)
      .map((d) => ({ id: d.id, name: d.name, tier: d.tier, lon: d.lon, lat: d.lat, worstCoverage: worst.get(d.id) ?? null }));
    map.show(depotsLayer, ds).then(() => ds.length && map.fitTo(depotsLayer.toGeoJson(ds)));
  }, [data.data, names, map]);

  const gaps = (data.data?.depots ?? []).filter((r) => r.target > 0).sort((a, b) => (a.coverage ?? 1) - (b.coverage ?? 1));
  const top = (data.data?.regions ?? []).filter((r) => r.regionCode === (data.data?.regionCode ?? region));
  return (
    <div class="page">
      <h2>{t('stock.adequacy')}</h2>
      <div class="filter"><label for="adequacy-region">{t('stock.regionFilter')}</label><RegionPicker id="adequacy-region" value={region} onChange={setRegion} /></div>
      <StockError error={data.error} />
      <div class="adequacy-top">
        <div>
          <div class="map small-map" ref={el} data-testid="adequacy-map" />
          <p class="muted legend small">{t('stock.worstGap')}: <span class="dot" style="background:#b3261e" /> &lt;50% <span class="dot" style="background:#d98a00" /> &lt;100% <span class="dot" style="background:#1f7a46" /> ≥100%</p>
        </div>
        <section class="card">
          <h3>{t('stock.byRegion')}</h3>
          <table class="table" data-testid="adequacy-regions">
            <thead><tr><th>{t('stock.item')}</th><th class="num">{t('stock.target')}</th><th class="num">{t('stock.usable')}</th><th class="num">{t('stock.inTransitIn')}</th><th class="num">{t('stock.gap')}</th><th class="num">{t('stock.netGap')}</th></tr></thead>
            <tbody>{top.map((r) => (
              <tr><td>{itemLabel(names, r.itemId)}</td><td class="num"><Qty n={r.target} /></td><td class="num"><Qty n={r.onHand} /></td><td class="num"><Qty n={r.inTransitIn} /></td><td class={`num ${r.gap ? 'bad' : ''}`}><Qty n={r.gap} /></td><td class="num"><Qty n={r.netGap} /></td></tr>
            ))}</tbody>
          </table>
        </section>
      </div>
      <section class="card">
        <h3>{t('stock.byDepot')}</h3>
        <DepotGapTable rows={gaps} names={names} />
      </section>
      {can(me, 'review') && <TargetForm names={names} onDone={data.reload} />}
    </div>
  );
}

function DepotGapTable({ rows, names }: { rows: GapRow[]; names: Lookups | null }) {
  return (
    <div class="table-scroll">
      <table class="table" data-testid="adequacy-depots">
        <thead><tr><th>{t('stock.depot')}</th><th>{t('stock.item')}</th><th class="num">{t('stock.target')}</th><th class="num">{t('stock.usable')}</th><th class="num">{t('stock.inTransitIn')}</th><th class="num">{t('stock.gap')}</th><th class="num">{t('stock.coverage')}</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr class={r.coverage != null && r.coverage < 0.5 ? 'lot-expired' : r.gap > 0 ? 'lot-expiring' : ''}>
            <td>{depotLabel(names, r.depotId)}</td><td>{itemLabel(names, r.itemId)}</td><td class="num"><Qty n={r.target} /></td><td class="num"><Qty n={r.onHand} /></td>
            <td class="num"><Qty n={r.inTransitIn} /></td><td class="num"><Qty n={r.gap} /></td><td class="num">{pct(r.coverage)}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function TargetForm({ names, onDone }: { names: Lookups | null; onDone: () => void }) {
  const [f, setF] = useState({ depotId: '', itemId: '', targetQuantity: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await stockApi.setTarget({ depotId: Number(f.depotId), itemId: Number(f.itemId), targetQuantity: Number(f.targetQuantity) });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="card form inline-form" onSubmit={submit}>
      <h3>{t('stock.setTarget')}</h3>
      <select value={f.depotId} onChange={set('depotId')} required aria-label={t('stock.depot')}><option value="" />{names?.depots.map((d) => <option value={d.id}>{d.name}</option>)}</select>
      <select value={f.itemId} onChange={set('itemId')} required aria-label={t('stock.item')}><option value="" />{names?.items.map((i) => <option value={i.id}>{i.name}</option>)}</select>
      <input type="number" min={0} value={f.targetQuantity} onInput={set('targetQuantity')} required aria-label={t('stock.target')} />
      <button class="primary" type="submit">{t('common.save')}</button>
      <StockError error={error} />
    </form>
  );
}
