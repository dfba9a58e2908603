// Drawing a selection on the map: a polygon (click the corners, double-click or Enter to close) or a
// radius (click the centre, then the edge). Escape cancels. While drawing, map clicks do not pick.
import type { MapMouseEvent } from 'maplibre-gl';
import { distance } from '@turf/turf';
import type { PlanningMap } from '../../map/planning-map';
import { selectionLayer } from '../../map/layers/selection';
import { polygonArea, radiusArea, type Area } from './selection-sums';

export type DrawMode = 'polygon' | 'radius';

export class DrawTool {
  mode: DrawMode | null = null;
  private corners: [number, number][] = [];
  private centre: [number, number] | null = null;

  constructor(private readonly pm: PlanningMap, private readonly onDone: (area: Area | null, mode: DrawMode | null) => void, private readonly onModeChange: (m: DrawMode | null) => void) {
    const map = pm.map;
    map.on('click', (e) => this.click(e));
    map.on('dblclick', (e) => {
      if (this.mode !== 'polygon') return;
      e.preventDefault();
      this.finish();
    });
    map.on('mousemove', (e) => this.preview(e));
  }

  get drawing() {
    return this.mode !== null;
  }

  start(mode: DrawMode) {
    this.mode = mode;
    this.corners = [];
    this.centre = null;
    this.pm.map.doubleClickZoom.disable();
    this.pm.map.getCanvas().style.cursor = 'crosshair';
    this.onModeChange(mode);
    void this.pm.show(selectionLayer, { area: null, vertices: [] });
  }

  /** Enter closes a polygon; Escape abandons the drawing. */
  key(e: KeyboardEvent) {
    if (!this.mode) return false;
    if (e.key === 'Escape') return (this.stop(), this.onDone(null, null), true);
    if (e.key === 'Enter' && this.mode === 'polygon') return (this.finish(), true);
    return false;
  }

  /** A circle drawn without a pointer: around a picked object, `km` wide. */
  circleAround(centre: [number, number], km: number) {
    const area = radiusArea(centre, km);
    void this.pm.show(selectionLayer, { area, vertices: [centre] });
    this.onDone(area, 'radius');
  }

  clear() {
    this.stop();
    void this.pm.show(selectionLayer, { area: null, vertices: [] });
  }

  private stop() {
    this.mode = null;
    // Later than the closing click: its browser dblclick must not zoom the map just drawn on.
    setTimeout(() => this.mode || this.pm.map.doubleClickZoom.enable(), 600);
    this.pm.map.getCanvas().style.cursor = '';
    this.onModeChange(null);
  }

  private click(e: MapMouseEvent) {
    const p: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    if (this.mode === 'polygon') {
      this.corners.push(p);
      void this.pm.show(selectionLayer, { area: null, vertices: this.corners });
    } else if (this.mode === 'radius') {
      if (!this.centre) {
        this.centre = p;
        void this.pm.show(selectionLayer, { area: null, vertices: [p] });
      } else {
        const area = radiusArea(this.centre, Math.max(0.1, distance(this.centre, p, { units: 'kilometers' })));
        const centre = this.centre;
        this.stop();
        void this.pm.show(selectionLayer, { area, vertices: [centre] });
        this.onDone(area, 'radius');
      }
    }
  }

  private preview(e: MapMouseEvent) {
    if (this.mode === 'radius' && this.centre) {
      const km = Math.max(0.1, distance(this.centre, [e.lngLat.lng, e.lngLat.lat], { units: 'kilometers' }));
      void this.pm.show(selectionLayer, { area: radiusArea(this.centre, km), vertices: [this.centre] });
    }
  }

  private finish() {
    // A double-click also fired two clicks on the same spot: drop the repeated corner.
    const corners = this.corners.filter((c, i, all) => i === 0 || c[0] !== all[i - 1][0] || c[1] !== all[i - 1][1]);
    const area = polygonArea(corners);
    this.stop();
    void this.pm.show(selectionLayer, { area, vertices: corners });
    this.onDone(area, area ? 'polygon' : null);
  }
}
