import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type FeatureCollection, type RegionWithPath } from '../api/client';
import { formatCount, t, useLang } from '../i18n/index';
import { PlanningMap } from '../map/planning-map';
import { savedBasemap } from '../map/basemap';
import { boundariesLayer, townshipsLayer, type TownPoint } from '../map/layers/boundaries';
import { useMe } from '../session';
import { ErrorBox } from '../ui/error-box';

/** The region a user's map shows: townships and villages see their whole county. */
function mapRegionCode(r: RegionWithPath): string {
  return r.level === 'township' || r.level === 'village' ? r.path.find((p) => p.level === 'county')?.code ?? r.code : r.code;
}

export function HomePage() {
  useLang();
  const me = useMe()!;
  const el = useRef<HTMLDivElement>(null);
  const [region, setRegion] = useState<RegionWithPath | null>(null);
  const [selected, setSelected] = useState<RegionWithPath | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let map: PlanningMap | null = null;
    let cancelled = false;
    (async () => {
      try {
        const [mine, provinces, cfg] = await Promise.all([api.region(me.regionCode), api.provinces(), api.mapConfig().catch(() => null)]);
        if (cancelled) return;
        setRegion(mine);
        setSelected(mine);
        map = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection);
        const code = mapRegionCode(mine);
        const fc: FeatureCollection = await api.boundaries(code, 'county');
        await map.show(boundariesLayer, fc as GeoJSON.FeatureCollection);
        map.fitTo(fc as GeoJSON.FeatureCollection);
        map.onClick(boundariesLayer, (p) => api.region(String(p.code)).then(setSelected));
        map.onClick(townshipsLayer, (p) => api.region(String(p.code)).then(setSelected));
        // Township points for a league or county (a whole province has too many to be useful here).
        if (code.length >= 4) {
          const counties = code.length === 6 ? [code] : fc.features.map((f) => String(f.properties.code));
          const lists = await Promise.all(counties.map((c) => api.childRegions(c)));
          const towns: TownPoint[] = lists.flatMap((l) => l.regions).filter((r) => r.lon != null && r.lat != null)
            .map((r) => ({ code: r.code, name: r.name, lon: r.lon!, lat: r.lat! }));
          await map.show(townshipsLayer, towns);
        }
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [me.regionCode]);

  return (
    <div class="map-page">
      <div class="map" ref={el} data-testid="region-map">
        {loading && <div class="map-loading">{t('map.loading')}</div>}
      </div>
      <aside class="side-panel">
        <h2>{t('home.welcome', { name: me.username })}</h2>
        <ErrorBox error={error} />
        {region && <p class="muted">{t('home.yourRegion')}: {region.path.map((p) => p.name).join(' / ')}</p>}
        {selected && <RegionCard r={selected} />}
      </aside>
    </div>
  );
}

function RegionCard({ r }: { r: RegionWithPath }) {
  return (
    <section class="card region-card" data-testid="region-card">
      <h3>{r.name} <span class="tag">{t(`level.${r.level}`)}</span></h3>
      <dl>
        <dt>{t('region.code')}</dt><dd>{r.code}</dd>
        <dt>{t('region.population')}</dt><dd>{formatCount(r.population)}{r.populationSource === 'demo' && <span class="tag demo">{t('region.demo')}</span>}</dd>
        <dt>{t('region.agriPopulation')}</dt><dd>{formatCount(r.agriPopulation)}</dd>
      </dl>
      {r.approximate && <p class="muted">{t('region.approximate')}</p>}
    </section>
  );
}
