/**
 * 网格实时负荷: the area's own outlines on the dark ground (no national map, no base tiles, nothing from the
 * internet) — its grids filled by their open orders now, a heat layer of the orders of the last 24 hours, the
 * names of its towns (or villages) as labels. Drawn at the wall's resolution (the stage's scale as pixel ratio).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Map as MapLibre, Marker, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ScreenMap as ScreenMapData, ScreenSnapshot } from '@liandong/contracts';
import { labelPoint } from '../map/label-point.ts';
import { fetchScreenMap } from './screen-api.ts';
import { useStageScale } from './Stage.tsx';

setWorkerUrl(workerUrl);

/** The four colours of a grid's load, light to heavy. */
const LOAD_COLOURS = ['#1565a8', '#15a3b8', '#e6b422', '#f2552c'];

/**
 * Where the colours change: at 1, and at the median, the top fifth and the top 5 % of the loaded grids (the area's
 * own spread, whatever its scale), each at least one more than the one before.
 */
export function loadSteps(loads: number[]): [number, string][] {
  const sorted = loads.filter((n) => n > 0).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 1;
  const steps: number[] = [1];
  for (const q of [0.5, 0.8, 0.95]) steps.push(Math.max(steps[steps.length - 1]! + 1, at(q)));
  return steps.map((n, i) => [n, LOAD_COLOURS[i]!]);
}

const fc = (features: unknown[]) => ({ type: 'FeatureCollection' as const, features }) as never;
const shapes = (list: ScreenMapData['outline'], props: (code: string) => Record<string, unknown> = () => ({})) =>
  list.map((s) => ({ type: 'Feature', properties: { code: s.code, name: s.name, ...props(s.code) }, geometry: s.geometry }));

/** The area of a shape's bounding box (degrees²): which names go first. */
function extent(g: ScreenMapData['parts'][number]['geometry']): number {
  const points = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

function style(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: fc([]) };
  return {
    version: 8,
    sources: { outline: empty, parts: empty, grids: empty, heat: empty },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': 'rgba(0,0,0,0)' } },
      { id: 'parts-fill', type: 'fill', source: 'parts', paint: { 'fill-color': '#0a2a55', 'fill-opacity': 0.75 } },
      {
        id: 'grids-fill',
        type: 'fill',
        source: 'grids',
        paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.62 },
      },
      { id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': '#2c6fb0', 'line-width': 0.5, 'line-opacity': 0.7 } },
      {
        id: 'heat',
        type: 'heatmap',
        source: 'heat',
        paint: {
          // A cell of n orders weighs as n orders at one point.
          'heatmap-weight': ['get', 'n'] as never,
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 9, 6, 12, 16, 15, 32] as never,
          'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 9, 0.12, 12, 0.4, 15, 1] as never,
          'heatmap-opacity': 0.75,
          'heatmap-color': [
            'interpolate',
            ['linear'],
            ['heatmap-density'],
            0,
            'rgba(0,0,0,0)',
            0.2,
            'rgba(0,229,255,0.55)',
            0.45,
            '#36e3a0',
            0.7,
            '#ffd23f',
            1,
            '#ff4d2e',
          ] as never,
        },
      },
      { id: 'parts-line', type: 'line', source: 'parts', paint: { 'line-color': '#49b6ff', 'line-width': 1.6, 'line-opacity': 0.9 } },
      { id: 'outline-glow', type: 'line', source: 'outline', paint: { 'line-color': '#00e5ff', 'line-width': 10, 'line-blur': 8, 'line-opacity': 0.55 } },
      { id: 'outline-line', type: 'line', source: 'outline', paint: { 'line-color': '#7ff3ff', 'line-width': 2.6 } },
    ],
  };
}

export default function ScreenMap({ v }: { v: ScreenSnapshot }) {
  const { t } = useTranslation();
  const scale = useStageScale();
  const data = useQuery({ queryKey: ['screen-map'], queryFn: fetchScreenMap, staleTime: Infinity, retry: 3 });
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const loaded = useRef(false);
  const latest = useRef(v);
  latest.current = v;
  const steps = useMemo(() => loadSteps(v.gridLoad.map((g) => g.open)), [v.gridLoad]);

  const paint = () => {
    const m = map.current;
    const d = data.data;
    if (!m || !d || !loaded.current) return;
    const load = new Map(latest.current.gridLoad.map((g) => [g.code, g.open]));
    m.setPaintProperty('grids-fill', 'fill-color', ['step', ['get', 'open'], 'rgba(0,0,0,0)', ...steps.flat()]);
    (m.getSource('grids') as GeoJSONSource).setData(fc(shapes(d.grids, (code) => ({ open: load.get(code) ?? 0 }))));
    (m.getSource('heat') as GeoJSONSource).setData(
      fc(latest.current.points.map(([lng, lat, n]) => ({ type: 'Feature', properties: { n }, geometry: { type: 'Point', coordinates: [lng, lat] } }))),
    );
  };

  useEffect(() => {
    const d = data.data;
    if (!d || !box.current) return;
    const m = new MapLibre({ container: box.current, style: style(), attributionControl: false, interactive: false, pixelRatio: scale, fadeDuration: 0 });
    map.current = m;
    if (d.bounds) m.fitBounds([d.bounds[0], d.bounds[1], d.bounds[2], d.bounds[3]], { padding: 28, duration: 0 });
    const labels: Marker[] = [];
    m.on('load', () => {
      loaded.current = true;
      (m.getSource('outline') as GeoJSONSource).setData(fc(shapes(d.outline)));
      (m.getSource('parts') as GeoJSONSource).setData(fc(shapes(d.parts)));
      // The larger parts first; a name that would overlap one already placed is left out (no glyphs: no collision of the map's own).
      const bySize = [...d.parts].sort((a, b) => extent(b.geometry) - extent(a.geometry));
      for (const p of bySize) {
        const el = document.createElement('div');
        el.className = 'scr-map-label';
        el.textContent = p.name;
        labels.push(new Marker({ element: el }).setLngLat(labelPoint(p.geometry as never)).addTo(m));
      }
      requestAnimationFrame(() => {
        const placed: DOMRect[] = [];
        for (const l of labels) {
          const r = l.getElement().getBoundingClientRect();
          if (placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top)) l.getElement().style.visibility = 'hidden';
          else placed.push(r);
        }
      });
      paint();
    });
    return () => {
      labels.forEach((l) => l.remove());
      m.remove();
      map.current = null;
      loaded.current = false;
    };
  }, [data.data]);

  useEffect(() => map.current?.setPixelRatio(scale), [scale]);
  useEffect(paint, [v.gridLoad, v.points, data.data, steps]);

  return (
    <section className="scr-panel scr-map" aria-labelledby="scr-map-title">
      <h2 id="scr-map-title" className="scr-panel-title">
        {t('screen.map.title')}
      </h2>
      <div ref={box} className="scr-map-canvas" role="img" aria-label={t('screen.map.label', { area: v.area.name })} />
      <div className="scr-map-legend" aria-hidden>
        <div className="scr-map-legend-title">{t('screen.map.legend')}</div>
        <div className="scr-map-legend-row">
          {steps.map(([n, colour], i) => {
            const next = steps[i + 1]?.[0];
            return (
              <span key={n}>
                <i style={{ background: colour }} />
                {next === undefined ? `≥${n}` : next - 1 === n ? `${n}` : `${n}–${next - 1}`}
              </span>
            );
          })}
        </div>
        <div className="scr-map-legend-row">
          <span>
            <i className="scr-heat-swatch" />
            {t('screen.map.heat')}
          </span>
        </div>
      </div>
    </section>
  );
}
