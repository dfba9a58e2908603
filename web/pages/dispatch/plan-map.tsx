import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { t } from '../../i18n/index';
import '../../i18n/dispatch';
import { savedBasemap } from '../../map/basemap';
import { PlanningMap } from '../../map/planning-map';
import { dispatchDepotsLayer, type DispatchDepotOnMap } from '../../map/layers/dispatch-depots';
import { dispatchFlowsLayer, type FlowOnMap } from '../../map/layers/dispatch-flows';
import { dispatchNeedsLayer, NEED_COLORS, type TownshipNeedOnMap } from '../../map/layers/dispatch-needs';

export interface DispatchMapData { depots: DispatchDepotOnMap[]; townships: TownshipNeedOnMap[]; flows: FlowOnMap[] }

/** The planning map: depots sized by stock, townships coloured by need, routes as lines. */
export function DispatchMap({ data, onRouteClick }: { data: DispatchMapData; onRouteClick?: (r: { depotId: number; regionCode: string }) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<PlanningMap | null>(null);
  const fitted = useRef(false);
  const [ready, setReady] = useState(false);
  const click = useRef(onRouteClick);
  click.current = onRouteClick;

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [provinces, cfg] = await Promise.all([api.provinces().catch(() => null), api.mapConfig().catch(() => null)]);
      if (cancelled) return;
      const m = new PlanningMap(el.current!, savedBasemap(), cfg, provinces as GeoJSON.FeatureCollection | null);
      map.current = m;
      // Routes first, so depots and townships are drawn over them.
      await m.show(dispatchFlowsLayer, []);
      await m.show(dispatchNeedsLayer, []);
      await m.show(dispatchDepotsLayer, []);
      m.onClick(dispatchFlowsLayer, (p) => click.current?.({ depotId: Number(p.depotId), regionCode: String(p.regionCode) }));
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
      map.current?.destroy();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    void m.show(dispatchFlowsLayer, data.flows);
    void m.show(dispatchNeedsLayer, data.townships);
    void m.show(dispatchDepotsLayer, data.depots);
    const points = [...data.townships.map((x) => [x.lon, x.lat]), ...data.depots.filter((d) => d.picked).map((d) => [d.lon, d.lat])];
    if (!fitted.current && points.length > 1) {
      fitted.current = true;
      m.fitTo({ type: 'FeatureCollection', features: points.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })) });
    }
  }, [ready, data]);

  return (
    <div class="dispatch-map">
      <div class="map" ref={el} data-testid="dispatch-map" />
      <div class="dispatch-legend" data-testid="dispatch-legend">
        <div><span class="dot" style={{ background: '#1f4fa8' }} />{t('dispatch.legend.depot')}</div>
        <div><span class="dot" style={{ background: NEED_COLORS.need }} />{t('dispatch.legend.need')}</div>
        <div><span class="dot" style={{ background: NEED_COLORS.unmet }} />{t('dispatch.legend.unmet')}</div>
        <div><span class="dot" style={{ background: NEED_COLORS.met }} />{t('dispatch.legend.met')}</div>
        <div><span class="line-swatch" />{t('dispatch.legend.flow')}</div>
      </div>
    </div>
  );
}
