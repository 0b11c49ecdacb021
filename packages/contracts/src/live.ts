/**
 * Live updates (实时推送): a server-sent-events stream of the changes to the orders the reader may see, so queues,
 * counts and an open order update without reload, whichever server process the change happened in.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, STATE_CODES, TIMELINE_ACTIONS } from './vocabulary.ts';

/** One order changed: what happened last and the state it is in now (`event: order`). */
export const OrderChangeSchema = Obj({
  orderId: Type.Integer(),
  code: Type.String(),
  state: literals(STATE_CODES),
  action: literals(TIMELINE_ACTIONS),
  at: DateTime,
});
export type OrderChange = Static<typeof OrderChangeSchema>;

/** The stream's event names: an order changed; or many may have (reload everything); or the stream is alive. */
export const LIVE_EVENTS = { order: 'order', reset: 'reset', ready: 'ready' } as const;

export const liveRoutes = {
  orderChanges: route({
    method: 'GET',
    path: '/api/v1/live/orders',
    tags: ['live'],
    summary: '实时推送 Server-sent events: each change to an order you may see (event: order, data: OrderChange as JSON); event: reset when many may have changed',
    response: { 200: Type.String({ description: 'text/event-stream' }) },
    binary: true,
    contentType: 'text/event-stream',
  }),
};
