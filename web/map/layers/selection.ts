import { defineLayer } from '../planning-map';

export interface SelectionShape {
  /** The closed area (polygon or circle), once there is one. */
  area: GeoJSON.Feature<GeoJSON.Polygon> | null;
  /** Corners placed so far while a polygon is being drawn. */
  vertices: [number, number][];
}

/** The area a user draws to sum what lies inside: a translucent fill, a dashed edge, its corners. */
export const selectionLayer = defineLayer<SelectionShape>('selection', {
  toGeoJson: ({ area, vertices }) => ({
    type: 'FeatureCollection',
    features: [
      ...(area ? [{ ...area, properties: { part: 'area' } }] : []),
      ...(!area && vertices.length > 1 ? [{ type: 'Feature' as const, properties: { part: 'path' }, geometry: { type: 'LineString' as const, coordinates: vertices } }] : []),
      ...vertices.map((v) => ({ type: 'Feature' as const, properties: { part: 'vertex' }, geometry: { type: 'Point' as const, coordinates: v } })),
    ],
  }),
  layers: [
    { idSuffix: 'fill', type: 'fill', filter: ['==', ['get', 'part'], 'area'] as never, paint: { 'fill-color': '#6a3fb5', 'fill-opacity': 0.12 } },
    { idSuffix: 'edge', type: 'line', filter: ['in', ['get', 'part'], ['literal', ['area', 'path']]] as never, paint: { 'line-color': '#6a3fb5', 'line-width': 2, 'line-dasharray': [2, 1] } },
    { idSuffix: 'vertex', type: 'circle', filter: ['==', ['get', 'part'], 'vertex'] as never, paint: { 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': '#6a3fb5', 'circle-stroke-width': 2 } },
  ],
});
