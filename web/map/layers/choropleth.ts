import { defineLayer } from '../planning-map';

import { colorFor, type Classes } from './choropleth-classes';

export { classify, colorFor, CHOROPLETH_COLORS, ZERO_COLOR, type Classes } from './choropleth-classes';

export interface ChoroplethInput {
  /** County polygons or township points, each with properties.code and properties.name. */
  features: GeoJSON.Feature[];
  values: Record<string, number>;
  classes: Classes;
}

const isPolygon: unknown = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isPoint: unknown = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

/** One indicator by county (filled polygons) or by township (coloured points). */
export const choroplethLayer = defineLayer<ChoroplethInput>('choropleth', {
  toGeoJson: ({ features, values, classes }) => ({
    type: 'FeatureCollection',
    features: features.filter((f) => f.geometry).map((f) => {
      const code = String(f.properties?.code);
      const value = values[code] ?? 0;
      // A unit with no figures shows its name only: "no report" must not read as "zero damage".
      const label = code in values ? `${f.properties?.name ?? code}\n${value.toLocaleString('zh-CN')}` : String(f.properties?.name ?? code);
      return { ...f, properties: { ...f.properties, code, value, color: colorFor(value, classes), label } };
    }),
  }),
  layers: [
    { idSuffix: 'fill', type: 'fill', filter: isPolygon, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.85 } } as never,
    { idSuffix: 'line', type: 'line', filter: isPolygon, paint: { 'line-color': '#5b4a47', 'line-width': 0.8 } } as never,
    {
      idSuffix: 'dot', type: 'circle', filter: isPoint,
      paint: { 'circle-color': ['get', 'color'], 'circle-radius': 7, 'circle-stroke-color': '#5b4a47', 'circle-stroke-width': 1 },
    } as never,
    {
      idSuffix: 'label', type: 'symbol',
      layout: { 'text-field': ['get', 'label'], 'text-size': 12, 'text-allow-overlap': false, 'text-offset': [0, 0.2] },
      paint: { 'text-color': '#1d2521', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ],
  clickable: ['fill', 'dot'],
});
