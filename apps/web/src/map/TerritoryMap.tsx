/**
 * The territory map (地图): maplibre-gl over the API's vector layers (map-style.ts), reloaded for the box and
 * zoom in view. A click picks a point (the caller's location), shown with a marker; the grid it falls in is
 * outlined. Points go in and out in WGS-84; when the base map is GCJ-02 the map works in it and converts.
 * Staff see every layer; the citizen portal's map (`source="public"`) only the administrative outlines, from the
 * public routes. Controls over the map (the console's professional-grid switch) come in as children.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Map as MapLibre, Marker, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { PUBLIC_MAP_LAYERS, type CrsCode, type LayerCollection, type ListOrdersFilter, type MapConfig, type MapLayerName } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { baseStyle, VECTOR_LAYERS } from './map-style.ts';
import { fromMap, toMap, type LngLat } from './crs.ts';
import { OrderClusters } from './order-clusters.ts';
import { labelPoint } from './label-point.ts';

setWorkerUrl(workerUrl);

export interface TerritoryMapProps {
  /** What the map is for, read by screen readers (and tests). */
  label: string;
  /** The picked point, WGS-84. */
  picked?: LngLat | null;
  /** The grid to outline, by code (the picked point's). */
  pickedGrid?: string | null;
  onPick?: (p: LngLat) => void;
  /** Open the map close around the picked point (an order's page) rather than on the whole district. */
  focus?: boolean;
  /** The zoom `focus` opens at (15: a street; 14: a whole basic grid). */
  focusZoom?: number;
  height?: number | string;
  /** Show the orders of this list filter as clusters (工单分布), reloaded with the view. */
  orders?: Partial<ListOrdersFilter>;
  /** An order's point clicked (a cluster of one). */
  onOrder?: (id: number) => void;
  /** Whose layers: staff's (signed in, every layer) or the public's (outlines of the divisions only). */
  source?: 'staff' | 'public';
  /** Professional grids (专业网格) drawn over the rest. */
  professional?: boolean;
  /** Controls laid over the map. */
  children?: ReactNode;
}

const PUBLIC = new Set<MapLayerName>(PUBLIC_MAP_LAYERS);

/** The map's configuration and a layer, from the routes the reader may use. */
const fetchers = {
  staff: {
    config: () => call('territory.mapConfig'),
    layer: (layer: MapLayerName, query: { zoom: number; crs: CrsCode; bbox?: string }) => call('territory.mapLayer', { params: { layer }, query }),
  },
  public: {
    config: () => call('public.mapConfig'),
    layer: (layer: MapLayerName, query: { zoom: number; crs: CrsCode; bbox?: string }) =>
      call('public.mapLayer', { params: { layer: layer as (typeof PUBLIC_MAP_LAYERS)[number] }, query }),
  },
};

export default function TerritoryMap({ label, picked, pickedGrid, onPick, focus = false, focusZoom = 15, height = 420, orders, onOrder, source = 'staff', professional = false, children }: TerritoryMapProps) {
  const { t } = useTranslation();
  const api = fetchers[source];
  const config = useQuery({ queryKey: ['map-config', source], queryFn: api.config, staleTime: Infinity });
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const marker = useRef<Marker | null>(null);
  const grids = useRef<LayerCollection | null>(null);
  const [ready, setReady] = useState(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const ordersRef = useRef(orders);
  ordersRef.current = orders;
  const orderRef = useRef(onOrder);
  orderRef.current = onOrder;
  const clusters = useRef<OrderClusters | null>(null);
  const pickedGridRef = useRef(pickedGrid);
  pickedGridRef.current = pickedGrid;
  /** Outlines the picked grid, once the grids layer holding it is loaded (it is from zoom 12.5). */
  const outlinePicked = (m: MapLibre) => {
    const feature = grids.current?.features.find((f) => f.properties.code === pickedGridRef.current);
    (m.getSource('pick') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: feature ? [feature] : [] } as never);
  };

  useEffect(() => {
    if (!config.data || !box.current) return;
    const cfg: MapConfig = config.data;
    const crs: CrsCode = cfg.basemap?.crs ?? 'wgs84';
    const m = new MapLibre({ container: box.current, style: baseStyle(cfg), attributionControl: false, dragRotate: false, pitchWithRotate: false, maxZoom: 18 });
    map.current = m;
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    if (cfg.bounds) {
      const [a, b, c, d] = cfg.bounds;
      const sw = toMap({ lng: a, lat: b }, crs);
      const ne = toMap({ lng: c, lat: d }, crs);
      m.fitBounds([sw.lng, sw.lat, ne.lng, ne.lat], { padding: 16, duration: 0 });
    }
    // Town names as labels (the map has no glyphs to draw text with), hidden once villages show.
    const labels: Marker[] = [];
    const zoomClass = () => box.current?.classList.toggle('map-zoomed-in', m.getZoom() >= 12.5);
    m.on('zoom', zoomClass);
    if (ordersRef.current) clusters.current = new OrderClusters(m, crs, (id) => orderRef.current?.(id), t);
    let loading = 0;
    const load = async () => {
      const seq = ++loading;
      const z = Math.floor(m.getZoom());
      const b = m.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
      if (ordersRef.current) void clusters.current?.load(ordersRef.current, z, bbox).catch(() => undefined);
      await Promise.all(
        VECTOR_LAYERS.filter((l) => m.getZoom() >= l.minZoom && (source === 'staff' || PUBLIC.has(l.name))).map(async (l) => {
          const data = await api.layer(l.name, { zoom: z, crs, ...(l.name === 'district' || l.name === 'towns' ? {} : { bbox }) });
          if (seq !== loading) return;
          if (l.name === 'grids') {
            grids.current = data;
            outlinePicked(m);
          }
          if (l.name === 'towns' && labels.length === 0) {
            for (const f of data.features) {
              const el = document.createElement('div');
              el.className = 'map-label';
              el.textContent = f.properties.name;
              labels.push(new Marker({ element: el }).setLngLat(labelPoint(f.geometry)).addTo(m));
            }
          }
          (m.getSource(l.name) as GeoJSONSource | undefined)?.setData(data as never);
        }),
      );
      setReady(true);
    };
    // A layer that fails to load (the network) is loaded again with the next move.
    const reload = () => void load().catch(() => undefined);
    m.on('load', reload);
    m.on('moveend', reload);
    m.on('click', (e) => pickRef.current?.(fromMap({ lng: e.lngLat.lng, lat: e.lngLat.lat }, crs)));
    return () => {
      clusters.current?.clear();
      labels.forEach((l) => l.remove());
      m.remove();
      map.current = null;
    };
  }, [config.data]);

  // The picked point's marker, and the map moved to it when it lies outside the view.
  useEffect(() => {
    const m = map.current;
    const crs = config.data?.basemap?.crs ?? 'wgs84';
    marker.current?.remove();
    marker.current = null;
    if (!m || !picked) return;
    const p = toMap(picked, crs);
    marker.current = new Marker({ color: '#fa541c' }).setLngLat([p.lng, p.lat]).addTo(m);
    if (focus) m.jumpTo({ center: [p.lng, p.lat], zoom: focusZoom });
    else if (!m.getBounds().contains([p.lng, p.lat])) m.easeTo({ center: [p.lng, p.lat], zoom: Math.max(m.getZoom(), 14) });
    // The point's coordinates, not the object a refetch renews, decide when the map moves.
  }, [picked?.lng, picked?.lat, ready, config.data, focus]);

  // The picked grid outlined (from the grids layer once it is loaded at this zoom).
  useEffect(() => {
    if (map.current) outlinePicked(map.current);
  }, [pickedGrid, ready]);

  useEffect(() => {
    const m = map.current;
    if (m?.getLayer('professional-fill')) m.setLayoutProperty('professional-fill', 'visibility', professional ? 'visible' : 'none');
  }, [professional, ready]);

  return (
    <div className="territory-map" style={{ height }}>
      <div ref={box} className="territory-map-canvas" style={{ position: 'absolute', inset: 0 }} role="application" aria-label={label} />
      {children}
    </div>
  );
}
