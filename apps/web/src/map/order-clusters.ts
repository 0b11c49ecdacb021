/**
 * Orders drawn on the territory map as clusters (工单分布), from GET /api/v1/map/orders for the view: a round badge
 * with the count (the map has no glyphs, so badges are HTML markers), sized by it; a click on a cluster zooms in,
 * a click on a single order opens it. The count of orders in view is shown in a corner.
 */
import { Marker, type Map as MapLibre } from 'maplibre-gl';
import type { TFunction } from 'i18next';
import type { CrsCode, ListOrdersFilter } from '@liandong/contracts';
import { call } from '../shared/api.ts';

export class OrderClusters {
  private markers: Marker[] = [];
  private seq = 0;
  private readonly legend: HTMLDivElement;

  constructor(
    private readonly map: MapLibre,
    private readonly crs: CrsCode,
    private readonly onOrder: (id: number) => void,
    private readonly t: TFunction,
  ) {
    this.legend = document.createElement('div');
    this.legend.className = 'map-orders-total';
    this.legend.setAttribute('role', 'status');
    map.getContainer().appendChild(this.legend);
  }

  async load(filter: Partial<ListOrdersFilter>, zoom: number, bbox: string): Promise<void> {
    const seq = ++this.seq;
    const { page: _p, pageSize: _s, phone: _phone, ...rest } = filter;
    const data = await call('orders.orderClusters', { query: { ...rest, bbox, zoom, crs: this.crs } });
    if (seq !== this.seq) return;
    this.clear();
    this.legend.textContent = this.t('map.ordersInView', { n: data.total });
    for (const c of data.clusters) {
      const el = document.createElement('button');
      el.type = 'button';
      if (c.order) {
        const id = c.order.id;
        el.className = 'map-order';
        el.setAttribute('aria-label', this.t('map.order', { code: c.order.code }));
        el.title = c.order.code;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.onOrder(id);
        });
      } else {
        el.className = 'map-cluster';
        const size = Math.round(26 + Math.min(22, Math.log10(c.count) * 10));
        el.style.width = el.style.height = `${size}px`;
        el.textContent = String(c.count);
        el.setAttribute('aria-label', this.t('map.cluster', { n: c.count }));
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.map.easeTo({ center: [c.lng, c.lat], zoom: Math.min(18, this.map.getZoom() + 2) });
        });
      }
      this.markers.push(new Marker({ element: el }).setLngLat([c.lng, c.lat]).addTo(this.map));
    }
  }

  clear(): void {
    this.markers.forEach((m) => m.remove());
    this.markers = [];
  }
}
