import type { Queryable } from '@liandong/db';
import type { StateCode } from '@liandong/contracts';
import type { ActionHandler } from '../action.types.ts';
import { completeDeadlines, releaseUnits } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';
import { requestCallbacks } from '../callback-links.ts';
import type { OrderRow } from '../order.types.ts';

/** 签收: the unit takes responsibility; the handling clock started at dispatch goes on. */
export const sign: ActionHandler<'sign'> = async ({ tx, order, body, now }) => ({
  to: 'handling',
  note: body.note,
  after: () => completeDeadlines(tx, order.id, ['sign'], now),
});

/** 退单: the unit says it is not its matter; back to the dispatching centre, counted against the return rate. */
export const returnOrder: ActionHandler<'return'> = async ({ tx, order, body, now, services }) => ({
  to: 'pending_dispatch',
  patch: { handler_unit_id: null, return_count: order.return_count + 1, pending_request: null },
  note: body.reason,
  data: { unitId: order.handler_unit_id },
  after: async () => {
    await completeDeadlines(tx, order.id, ['sign', 'handle'], now);
    await releaseUnits(tx, order.id, 'lead');
    await startSteps(tx, services, order, ['dispatch'], now);
  },
});

/** Someone can be called back (回访) when a reporter left a phone number. */
export async function hasCallableReporter(q: Queryable, orderId: number): Promise<boolean> {
  const r = await q.query('select 1 from order_reporters where order_id = $1 and phone is not null limit 1', [orderId]);
  return r.rowCount > 0;
}

/** After handling: an on-site check (核查) when the order lies in a grid, else straight to callback or closure. */
async function stepAfterHandling(q: Queryable, order: OrderRow): Promise<StateCode> {
  if (order.grid_code) return 'pending_check';
  return (await hasCallableReporter(q, order.id)) ? 'pending_callback' : 'pending_close';
}

/** 反馈: the unit reports the result, usually with photos. */
export const feedback: ActionHandler<'feedback'> = async ({ tx, order, body, now, services }) => {
  const to = await stepAfterHandling(tx, order);
  return {
    to,
    patch: { pending_request: null },
    note: body.result,
    attachmentIds: body.attachments,
    after: async () => {
      await completeDeadlines(tx, order.id, ['handle'], now);
      if (to === 'pending_check') await startSteps(tx, services, order, ['check'], now);
      if (to === 'pending_callback') {
        await startSteps(tx, services, order, ['callback'], now);
        await requestCallbacks(tx, services, order, now);
      }
    },
  };
};
