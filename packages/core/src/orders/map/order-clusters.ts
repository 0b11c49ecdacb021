/**
 * 工单分布: the orders an actor may see inside a box, counted per cell of a grid about 64 pixels wide at the map's
 * zoom, in one grouped query over the order's point (the GiST index orders_point). The scope and the filters are the
 * order list's (orderScopeSql, orderFilterSql), so a cluster's count is the number of orders the list would give
 * for its cell. Without a state filter, the open orders (not closed or voided) are shown.
 */
import type { Queryable } from '@liandong/db';
import type { ListOrdersFilter, OrderMap, OrderMapFilter } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { fromWgs84, toWgs84 } from '../../territory/coordinates.ts';
import { invalidField } from '../../shared/errors.ts';
import { orderScopeSql } from '../order-scope.ts';
import { orderFilterSql } from '../order-filters.ts';

/** Cell width in degrees at a zoom: 64 pixels of a 512-pixel tile. */
export const cellDegrees = (zoom: number): number => (64 * 360) / (512 * 2 ** Math.max(0, Math.min(22, Math.floor(zoom))));

const OPEN = 'new,open,handling,suspended';

export async function orderClusters(q: Queryable, actor: Actor, f: OrderMapFilter, now: Date): Promise<OrderMap> {
  const [a, b, c, d] = f.bbox.split(',').map(Number) as [number, number, number, number];
  if (!(a < c && b < d) || Math.abs(a) > 180 || Math.abs(c) > 180 || Math.abs(b) > 90 || Math.abs(d) > 90) {
    throw invalidField('bbox', '范围应为 最小经度,最小纬度,最大经度,最大纬度', 'must be minLng,minLat,maxLng,maxLat');
  }
  const crs = f.crs ?? 'wgs84';
  const [minLng, minLat] = toWgs84(a, b, crs);
  const [maxLng, maxLat] = toWgs84(c, d, crs);
  const { bbox: _b, zoom, crs: _c, ...rest } = f;
  const filter: ListOrdersFilter = rest.state || rest.stateType ? rest : { ...rest, stateType: OPEN };
  const cell = cellDegrees(zoom);
  const params: unknown[] = [cell, minLng, minLat, maxLng, maxLat];
  const where = [`point(o.lng, o.lat) <@ box(point($2, $3), point($4, $5))`, orderScopeSql(actor, params), ...orderFilterSql(actor, filter, now, params)];
  const r = await q.query<{ n: number; lng: number; lat: number; id: string; code: string; state: string }>(
    `select count(*)::int as n, avg(o.lng) as lng, avg(o.lat) as lat, min(o.id) as id, min(o.code) as code, min(o.state) as state
       from orders o join order_states st on st.code = o.state
      where ${where.join(' and ')}
      group by floor(o.lng / $1), floor(o.lat / $1)`,
    params,
  );
  const clusters = r.rows.map((row) => {
    const [lng, lat] = fromWgs84(Number(row.lng), Number(row.lat), crs);
    return {
      lng: Math.round(lng * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      count: row.n,
      order: row.n === 1 ? { id: Number(row.id), code: row.code, state: row.state as never } : null,
    };
  });
  return { total: clusters.reduce((s, x) => s + x.count, 0), clusters };
}
