/**
 * Orders on the map (工单分布): the orders a user may see inside a box, grouped into clusters by a grid of cells
 * about 64 pixels wide at the zoom — each cluster's count is exactly the number of orders in its cell, and a
 * cluster of one names its order. The filters are the order list's, so a queue's map shows the queue's orders.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { ListOrdersQuery } from './orders.ts';
import { CRS_CODES, literals, STATE_CODES } from './vocabulary.ts';

const NUM = '-?[0-9]+(\\.[0-9]+)?';
// The list's filters without paging, and without the phone search (it is audited and belongs to the list).
const { page: _page, pageSize: _pageSize, phone: _phone, ...filters } = ListOrdersQuery.properties;

export const OrderMapQuery = Obj({
  ...filters,
  bbox: Type.String({ pattern: `^${NUM},${NUM},${NUM},${NUM}$`, description: 'minLng,minLat,maxLng,maxLat in crs' }),
  zoom: Type.Number({ minimum: 0, maximum: 24, description: 'the map zoom: cells are about 64 pixels wide at it' }),
  crs: Type.Optional(literals(CRS_CODES, { description: 'coordinates of bbox and of the answer (default wgs84)' })),
});
export type OrderMapFilter = Static<typeof OrderMapQuery>;

export const OrderClusterSchema = Obj({
  lng: Type.Number({ description: 'the mean position of its orders' }),
  lat: Type.Number(),
  count: Type.Integer({ minimum: 1 }),
  order: Nullable(Obj({ id: Type.Integer(), code: Type.String(), state: literals(STATE_CODES) }, 'the order, when the cluster holds one')),
});
export const OrderMapSchema = Obj({
  total: Type.Integer({ description: 'orders in the box: the sum of the counts' }),
  clusters: Type.Array(OrderClusterSchema),
});
export type OrderMap = Static<typeof OrderMapSchema>;

export const orderMapRoutes = {
  orderClusters: route({
    method: 'GET',
    path: '/api/v1/map/orders',
    tags: ['orders'],
    summary: '工单分布 The orders you may see in a box, clustered for the zoom (open orders unless a state filter says otherwise)',
    querystring: OrderMapQuery,
    response: { 200: OrderMapSchema },
  }),
};
