/** 签收, 退单, 反馈: the handling unit's steps. */
import type { StateCode } from '@liandong/contracts';
import type { OrderRow } from '../order.types.ts';
import type { Decide } from './decision.types.ts';
import { world, type Asking } from './asks.ts';
import { wrongState } from '../../shared/errors.ts';

/** 签收: the unit takes responsibility; the handling clock started at dispatch goes on. */
export const sign: Decide<'sign'> = function* ({ body }) {
  return { to: 'handling', note: body.note, effects: [{ effect: 'complete', steps: ['sign'] }] };
};

/** 退单: the unit says it is not its matter; back to the dispatching centre, counted against the return rate. */
export const returnOrder: Decide<'return'> = function* ({ order, body }) {
  // 首单负责制: the first receiver handles or coordinates; it does not bounce the same order back twice.
  if (order.handler_unit_id != null && (yield* world.returnedBefore(order.handler_unit_id))) {
    throw wrongState(
      '首单负责制：本单位已退回过该工单，不能再次退单；确非本单位职责的，请报值班长协调改派',
      'First-receiver responsibility: your unit has returned this order once; it cannot return it again. If it is truly not yours, ask the shift lead to redispatch it',
    );
  }
  return {
    to: 'pending_dispatch',
    patch: { handler_unit_id: null, return_count: order.return_count + 1, pending_request: null },
    note: body.reason,
    data: { unitId: order.handler_unit_id },
    effects: [
      { effect: 'withdraw', steps: ['sign', 'handle'] },
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
  // The lead's result waits for every co-handler's part (协办反馈), or says why it goes without one.
  const parts = yield* world.coParts();
  const waiting = parts.filter((p) => !p.reportedAt);
  if (waiting.length && !body.withoutCoReports) {
    const names = waiting.map((p) => p.name).join('、');
    throw wrongState(`协办单位尚未反馈：${names}；请待其反馈，或说明未反馈的原因后办结`, `Co-handlers have not reported yet: ${names}; wait for them, or say why the result goes without`);
  }
  const to = yield* stepAfterHandling(order);
  return {
    to,
    patch: { pending_request: null },
    note: body.result,
    attachmentIds: body.attachments,
    data: parts.length
      ? { coReports: parts.map((p) => ({ unitId: p.unitId, unitName: p.name, report: p.report })), ...(waiting.length ? { withoutCoReports: body.withoutCoReports } : {}) }
      : {},
    effects: [
      { effect: 'complete', steps: ['handle'] },
      ...(to === 'pending_check' ? [{ effect: 'start' as const, steps: ['check' as const] }] : []),
      ...(to === 'pending_callback' ? [{ effect: 'start' as const, steps: ['callback' as const] }, { effect: 'requestCallbacks' as const }] : []),
    ],
  };
};
