/** 签收, 退单, 反馈: the handling unit's steps. */
import type { StateCode } from '@liandong/contracts';
import type { OrderRow } from '../order.types.ts';
import type { Decide } from './decision.types.ts';
import { world, type Asking } from './asks.ts';

/** 签收: the unit takes responsibility; the handling clock started at dispatch goes on. */
export const sign: Decide<'sign'> = function* ({ body }) {
  return { to: 'handling', note: body.note, effects: [{ effect: 'complete', steps: ['sign'] }] };
};

/** 退单: the unit says it is not its matter; back to the dispatching centre, counted against the return rate. */
export const returnOrder: Decide<'return'> = function* ({ order, body }) {
  return {
    to: 'pending_dispatch',
    patch: { handler_unit_id: null, return_count: order.return_count + 1, pending_request: null },
    note: body.reason,
    data: { unitId: order.handler_unit_id },
    effects: [
      { effect: 'complete', steps: ['sign', 'handle'] },
      { effect: 'release', role: 'lead' },
      { effect: 'start', steps: ['dispatch'] },
    ],
  };
};

/** After handling: an on-site check (核查) when the order lies in a grid, else straight to callback or closure. */
function* stepAfterHandling(order: OrderRow): Asking<StateCode> {
  if (order.grid_code) return 'pending_check';
  return (yield* world.callable()) ? 'pending_callback' : 'pending_close';
}

/** 反馈: the unit reports the result, usually with photos. */
export const feedback: Decide<'feedback'> = function* ({ order, body }) {
  const to = yield* stepAfterHandling(order);
  return {
    to,
    patch: { pending_request: null },
    note: body.result,
    attachmentIds: body.attachments,
    effects: [
      { effect: 'complete', steps: ['handle'] },
      ...(to === 'pending_check' ? [{ effect: 'start' as const, steps: ['check' as const] }] : []),
      ...(to === 'pending_callback' ? [{ effect: 'start' as const, steps: ['callback' as const] }, { effect: 'requestCallbacks' as const }] : []),
    ],
  };
};
