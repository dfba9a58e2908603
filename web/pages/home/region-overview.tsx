// The user's region at a glance: its counties on a small offline map, and its population card.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type RegionWithPath } from '../../api/client';
import { formatCount, t } from '../../i18n/index';
import { savedBasemap } from '../../map/basemap';
import { boundariesLayer } from '../../map/layers/boundaries';
import { PlanningMap } from '../../map/planning-map';
import { ErrorBox } from '../../ui/error-box';
import { Go } from './parts';

/** Townships and villages see their whole county. */
const mapRegionCode = (r: RegionWithPath) => (r.level === 'township' || r.level === 'village' ? r.path.find((p) => p.level === 'county')?.code ?? r.code : r.code);

export function RegionOverview({ regionCode, showMapLink }: { regionCode: string; showMapLink: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const [region, setRegion] = useState<RegionWithPath | null>(null);
  const [selected, setSelected] = useState<RegionWithPath | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let map: PlanningMap | null = null;
    let cancelled = false;
    (async () => {
      const [mine, provinces, cfg] = await Promise.all([api.region(regionCode), api.provinces(), api.mapConfig().catch(() => null)]);
      if (cancelled) return;
      setRegion(mine);
      setSelected(mine);
      map = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection);
      const fc = (await api.boundaries(mapRegionCode(mine), 'county')) as GeoJSON.FeatureCollection;
      if (cancelled) return;
      await map.show(boundariesLayer, fc);
      map.fitTo(fc);
      map.onClick(boundariesLayer, (p) => api.region(String(p.code)).then(setSelected).catch(setError));
    })().catch((e) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [regionCode]);

  return (
    <section class="card home-card region-overview" data-testid="home-region">
      <header>
        <h3>{t('home.yourRegion')}{region && <span class="muted"> · {region.path.map((p) => p.name).join(' / ')}</span>}</h3>
        {showMapLink && <Go href="/map" class="more" testid="open-map">{t('home.openMap')} →</Go>}
      </header>
      <ErrorBox error={error} />
      <div class="overview-body">
        <div class="map mini-map" ref={el} data-testid="region-map" />
        {selected && (
          <div class="region-card" data-testid="region-card">
            <h4>{selected.name} <span class="tag">{t(`level.${selected.level}`)}</span></h4>
            <dl>
              <dt>{t('region.code')}</dt><dd>{selected.code}</dd>
              <dt>{t('region.population')}</dt><dd>{formatCount(selected.population)}{selected.populationSource === 'demo' && <span class="tag demo">{t('region.demo')}</span>}</dd>
              <dt>{t('region.agriPopulation')}</dt><dd>{formatCount(selected.agriPopulation)}</dd>
            </dl>
            {selected.approximate && <p class="muted">{t('region.approximate')}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
