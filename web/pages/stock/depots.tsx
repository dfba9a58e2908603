import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { stockApi, type Depot } from '../../api/stock';
import { formatCount, t, useLang } from '../../i18n/index';
import { savedBasemap } from '../../map/basemap';
import { depotsLayer, type DepotOnMap } from '../../map/layers/depots';
import { PlanningMap } from '../../map/planning-map';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import '../../i18n/stock';

/** Lowest coverage per depot: the item it is shortest of decides its colour. */
function worstCoverage(rows: { depotId: number; coverage: number | null }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) if (r.coverage !== null) out.set(r.depotId, Math.min(out.get(r.depotId) ?? Infinity, r.coverage));
  return out;
}

export function DepotsPage() {
  useLang();
  const me = useMe()!;
  const el = useRef<HTMLDivElement>(null);
  const [depots, setDepots] = useState<Depot[]>([]);
  const [cover, setCover] = useState<Map<number, number>>(new Map());
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let map: PlanningMap | null = null;
    let cancelled = false;
    (async () => {
      try {
        const scopeCode = me.role === 'admin' ? undefined : me.regionCode;
        const [{ depots: all }, adequacy, provinces, cfg] = await Promise.all([
          stockApi.depots(), stockApi.adequacy(me.role === 'keeper' ? undefined : scopeCode).catch(() => null), api.provinces(), api.mapConfig().catch(() => null),
        ]);
        if (cancelled) return;
        const mineFirst = (d: Depot) => (me.depotIds.includes(d.id) ? 0 : 1);
        const shown = all.filter((d) => me.role === 'admin' || me.depotIds.includes(d.id) || d.regionCode.startsWith(me.regionCode))
          .sort((a, b) => mineFirst(a) - mineFirst(b) || a.id - b.id);
        const worst = worstCoverage(adequacy?.depots ?? []);
        setDepots(shown);
        setCover(worst);
        map = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection);
        const onMap: DepotOnMap[] = shown.map((d) => ({ id: d.id, name: d.name, tier: d.tier, lon: d.lon, lat: d.lat, worstCoverage: worst.get(d.id) ?? null }));
        await map.show(depotsLayer, onMap);
        map.fitTo(depotsLayer.toGeoJson(onMap));
        map.onClick(depotsLayer, (p) => navigate(`/stock/depots/${p.id}`));
      } catch (e) {
        setError(e);
      }
    })();
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [me.id]);

  return (
    <div class="map-page">
      <div class="map" ref={el} data-testid="depot-map" />
      <aside class="side-panel">
        <h2>{t('stock.depots')}</h2>
        <p class="side-links">
          <a href="/stock/items" onClick={(e) => { e.preventDefault(); navigate('/stock/items'); }}>{t('stock.cat.title')}</a>
          {(me.role === 'admin' || me.role === 'officer') && <> · <a href="/stock/register-depot" onClick={(e) => { e.preventDefault(); navigate('/stock/register-depot'); }} data-testid="register-depot">{t('stock.depot.new')}</a></>}
        </p>
        <ErrorBox error={error} />
        <p class="muted legend">
          <span class="dot" style="background:#b3261e" /> &lt;50% <span class="dot" style="background:#d98a00" /> &lt;100% <span class="dot" style="background:#1f7a46" /> ≥100% · {t('stock.worstGap')}
        </p>
        <ul class="depot-list" data-testid="depot-list">
          {depots.map((d) => (
            <li>
              <a href={`/stock/depots/${d.id}`} onClick={(e) => { e.preventDefault(); navigate(`/stock/depots/${d.id}`); }}>{d.name}</a>
              {me.depotIds.includes(d.id) && <span class="tag mine">{t('stock.yours')}</span>}
              <div class="muted small">
                {d.code} · {t(`stock.tier.${d.tier}`)}
                {cover.has(d.id) && <> · {t('stock.worstGap')} {Math.round(cover.get(d.id)! * 100)}%</>}
                {d.relocateCapacityPeople != null && <> · {t('stock.people')} {formatCount(d.relocateCapacityPeople)}</>}
              </div>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
