/**
 * How the territory is drawn (地图样式): a plain background, the deployment's base tiles if it set any, and the
 * vector layers the API serves — district and town outlines always, villages and grids as one zooms in,
 * professional grids as an overlay. No glyphs or sprites: nothing is fetched from the internet.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { MapConfig, MapLayerName } from '@liandong/contracts';

/** The layers the map loads from the API, and from which zoom each is worth drawing. */
export const VECTOR_LAYERS: { name: MapLayerName; minZoom: number }[] = [
  { name: 'district', minZoom: 0 },
  { name: 'towns', minZoom: 0 },
  { name: 'villages', minZoom: 11 },
  { name: 'grids', minZoom: 12.5 },
  { name: 'professional', minZoom: 0 },
];

export const SPECIALTY_COLOURS: Record<string, string> = { work_safety: '#d4380d', fire: '#cf1322', environment: '#389e0d', labour: '#531dab' };

const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };

export function baseStyle(config: MapConfig): StyleSpecification {
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': config.basemap ? '#dfe6ee' : '#eef2f6' } }];
  const sources: StyleSpecification['sources'] = {};
  if (config.basemap) {
    sources.basemap = { type: 'raster', tiles: [config.basemap.tiles], tileSize: 256, attribution: config.basemap.attribution };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  for (const l of VECTOR_LAYERS) sources[l.name] = empty;
  sources.pick = empty;
  const fill = !config.basemap;
  layers.push(
    { id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': '#ffffff', 'fill-opacity': fill ? 0.9 : 0 } },
    { id: 'grids-line', type: 'line', source: 'grids', minzoom: 12.5, paint: { 'line-color': '#7d9bc1', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
    { id: 'villages-line', type: 'line', source: 'villages', minzoom: 11, paint: { 'line-color': '#5b7db1', 'line-width': 1 } },
    { id: 'towns-fill', type: 'fill', source: 'towns', paint: { 'fill-color': '#1d5fb8', 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.12, 0.03] } },
    { id: 'towns-line', type: 'line', source: 'towns', paint: { 'line-color': '#1d5fb8', 'line-width': 1.6 } },
    { id: 'district-line', type: 'line', source: 'district', paint: { 'line-color': '#0b3c7d', 'line-width': 2.6 } },
    {
      id: 'professional-fill',
      type: 'fill',
      source: 'professional',
      layout: { visibility: 'none' },
      paint: {
        'fill-color': ['match', ['get', 'specialty'], ...Object.entries(SPECIALTY_COLOURS).flat(), '#8c8c8c'] as never,
        'fill-opacity': 0.12,
        'fill-outline-color': '#8c8c8c',
      },
    },
    { id: 'pick-grid', type: 'line', source: 'pick', paint: { 'line-color': '#fa541c', 'line-width': 2.4 } },
  );
  return { version: 8, sources, layers };
}
