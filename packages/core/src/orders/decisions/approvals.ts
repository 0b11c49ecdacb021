/**
 * Extension (延期), suspension (挂账) and voiding (作废) need a shift lead's approval. A request waits on the
 * order (`pending_request`); the shift lead approves or denies it, or acts directly. Whether a request may be
 * made or answered now is the rules' (lifecycle.rules.ts orderCondition), checked before any decision.
 */
import { STEPS, type StateCode } from '@liandong/contracts';
import type { TimeUnit } from '../../calendar/index.ts';
import { invalidField } from '../../shared/errors.ts';
import type { OrderRow, PendingRequest } from '../order.types.ts';
import { extendedHandleClock } from '../clock-moves.rules.ts';
import { KIND_ZH } from '../lifecycle.rules.ts';
import type { Decide } from './decision.types.ts';
import { world } from './asks.ts';
import type { Decision } from './effects.ts';

function pendingOf<K extends PendingRequest['kind']>(order: OrderRow, kind: K): Extract<PendingRequest, { kind: K }> {
  const p = order.pending_request;
  if (!p || p.kind !== kind) throw new Error(`no ${kind} request on order ${order.id}: orderCondition should have refused`);
  return p as Extract<PendingRequest, { kind: K }>;
}

/** A request waits for a shift lead of the centre that dispatched the order, who is told in the centre's inbox. */
const request = (order: OrderRow, p: PendingRequest, note: string): Decision => ({
  to: order.state,
  patch: { pending_request: p },
  note,
  data: { request: p.kind },
  effects: order.dispatch_unit_id
    ? [{ effect: 'notify', template: 'order.request', vars: { orderCode: order.code, kind: KIND_ZH[p.kind], reason: note }, unitId: order.dispatch_unit_id }]
    : [],
});
/** The request's stamp; a person without an account has no user id (by null, like the event's actor). */
const stamp = ({ actor, now }: { actor: { userId: number | null }; now: Date }) => ({ by: actor.userId as number, at: now.toISOString() });
const answered = (order: OrderRow, note: string): Decision => ({ to: order.state, patch: { pending_request: null }, note, effects: [] });

export const requestExtension: Decide<'request-extension'> = function* (i) {
  const { order, body } = i;
  return request(order, { kind: 'extension', value: body.value, unit: body.unit, reason: body.reason, ...stamp(i) }, body.reason);
};

/** 批准延期: the handling clock moves by the time granted, and its limit grows with it. */
export const approveExtension: Decide<'approve-extension'> = function* ({ order, body, now }) {
  const p = pendingOf(order, 'extension');
  const calendar = yield* world.calendar();
  const handle = (yield* world.clocks()).find((d) => d.step === 'handle') ?? null;
  const clock = extendedHandleClock(calendar, handle, { value: p.value, unit: p.unit as TimeUnit }, now);
  return {
    to: order.state,
    patch: { pending_request: null, extension_count: order.extension_count + 1 },
    note: body.note,
    data: { value: p.value, unit: p.unit, previousDueAt: handle?.dueAt ?? null, dueAt: clock.dueAt },
    effects: [{ effect: 'extendHandle', clock, existed: handle !== null }],
  };
};

export const denyExtension: Decide<'deny-extension'> = function* ({ order, body }) {
  pendingOf(order, 'extension');
  return answered(order, body.reason);
};

export const requestSuspension: Decide<'request-suspension'> = function* (i) {
  return request(i.order, { kind: 'suspension', reason: i.body.reason, ...stamp(i) }, i.body.reason);
};

/** 挂账: the clocks stop until resumed. Approves a waiting request, or suspends directly with a reason. */
export const suspend: Decide<'suspend'> = function* ({ order, body, now }) {
  const p = order.pending_request;
  const reason = body.reason ?? (p?.kind === 'suspension' ? p.reason : undefined);
  if (!reason) throw invalidField('reason', '直接挂账须填写理由', 'a reason is required to suspend without a request');
  return {
    to: 'suspended',
    patch: { resume_state: order.state, suspended_at: now, pending_request: null },
    note: reason,
    // The clock stops: no supervision fires while suspended; resume plans the timers again.
    effects: [{ effect: 'cancelTimers' }],
  };
};

export const denySuspension: Decide<'deny-suspension'> = function* ({ order, body }) {
  pendingOf(order, 'suspension');
  return answered(order, body.reason);
};

/** 恢复: every running clock is pushed back by the time spent suspended, in its own unit. */
export const resume: Decide<'resume'> = function* ({ order, body, now }) {
  const since = order.suspended_at ?? now;
  return {
    to: (order.resume_state ?? 'pending_dispatch') as StateCode,
    patch: { resume_state: null, suspended_at: null },
    note: body.note,
    data: { suspendedSince: since },
    effects: [{ effect: 'resumeClocks', since }],
  };
};

export const requestVoid: Decide<'request-void'> = function* (i) {
  return request(i.order, { kind: 'void', reason: i.body.reason, ...stamp(i) }, i.body.reason);
};

/** 作废: approves a waiting request, or voids directly with a reason. */
export const voidOrder: Decide<'void'> = function* ({ order, body, now }) {
  const p = order.pending_request;
  const reason = body.reason ?? (p?.kind === 'void' ? p.reason : undefined);
  if (!reason) throw invalidField('reason', '直接作废须填写理由', 'a reason is required to void without a request');
  return { to: 'voided', patch: { pending_request: null, closed_at: now }, note: reason, effects: [{ effect: 'withdraw', steps: STEPS }] };
};

export const denyVoid: Decide<'deny-void'> = function* ({ order, body }) {
  pendingOf(order, 'void');
  return answered(order, body.reason);
};
