// 恢复重建地图: villages coloured by how far their rebuild has got, townships ringed by how much of
// the winter-spring roster has been paid.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type FeatureCollection } from '../../api/client';
import { recoveryApi, type MapTownship, type MapVillage } from '../../api/recovery';
import { t, useLang } from '../../i18n/index';
import { savedBasemap } from '../../map/basemap';
import { boundariesLayer } from '../../map/layers/boundaries';
import { recoveryVillagesLayer, STAGE_COLORS, winterCoverageLayer } from '../../map/layers/recovery';
import { PlanningMap } from '../../map/planning-map';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Link, RecoveryTabs } from './parts';

export function RecoveryMapPage() {
  useLang();
  const me = useMe()!;
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<{ village?: MapVillage; township?: MapTownship } | null>(null);

  useEffect(() => {
    let map: PlanningMap | null = null;
    let cancelled = false;
    (async () => {
      try {
        const mine = await api.region(me.regionCode);
        const county = mine.level === 'township' || mine.level === 'village' ? mine.path.find((p) => p.level === 'county')!.code : mine.code;
        const [provinces, cfg, fc, data] = await Promise.all([api.provinces(), api.mapConfig().catch(() => null),
          api.boundaries(county, 'county') as Promise<FeatureCollection>, recoveryApi.map(me.regionCode)]);
        if (cancelled) return;
        map = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection);
        await map.show(boundariesLayer, fc as GeoJSON.FeatureCollection);
        map.fitTo(fc as GeoJSON.FeatureCollection);
        await map.show(winterCoverageLayer, data.townships);
        await map.show(recoveryVillagesLayer, data.villages);
        map.onClick(recoveryVillagesLayer, (p) => setPicked({ village: data.villages.find((v) => v.code === p.code) }));
        map.onClick(winterCoverageLayer, (p) => setPicked({ township: data.townships.find((x) => x.code === p.code) }));
      } catch (e) {
        setError(e);
      }
    })();
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [me.regionCode]);

  return (
    <div class="map-page recovery">
      <div class="map" ref={el} data-testid="recovery-map" />
      <aside class="side-panel">
        <RecoveryTabs role={me.role} />
        <h2>{t('rec.map.title')}</h2>
        <ErrorBox error={error} />
        <h3 class="small">{t('rec.map.villages')}</h3>
        <ul class="legend">
          {Object.entries(STAGE_COLORS).map(([k, c]) => <li><span class="swatch" style={{ background: c }} />{t(`rec.map.stage.${k}`)}</li>)}
        </ul>
        <h3 class="small">{t('rec.map.townships')}</h3>
        <ul class="legend">
          {[['#b3261e', '0%'], ['#d9a400', '50%'], ['#1f7a46', '100%']].map(([c, l]) => <li><span class="swatch ring" style={{ borderColor: c }} />{l}</li>)}
        </ul>
        {picked?.village && (
          <section class="card" data-testid="map-village">
            <h3>{picked.village.name}</h3>
            <p>{t(`rec.map.stage.${picked.village.stage}`)} · {picked.village.cases} / {picked.village.households}</p>
            <Link href={`/recovery/cases?regionCode=${picked.village.code}`}>{t('nav.recoveryCases')}</Link>
          </section>
        )}
        {picked?.township && (
          <section class="card">
            <h3>{picked.township.name}</h3>
            <p>{t('rec.map.coverage', { paid: picked.township.paidHouseholds, total: picked.township.rosterHouseholds })}</p>
          </section>
        )}
      </aside>
    </div>
  );
}
