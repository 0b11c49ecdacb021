/**
 * Extension (延期), suspension (挂账) and voiding (作废) need a shift lead's approval. A request waits
 * on the order (`pending_request`); the shift lead approves or denies it, or acts directly.
 */
import type { StateCode, Step } from '@liandong/contracts';
import { invalidField } from '../../shared/errors.ts';
import type { TimeUnit } from '../../calendar/index.ts';
import type { ActionContext, ActionHandler } from '../action.types.ts';
import { completeDeadlines, listDeadlines, setDeadlineDue, startDeadline } from '../order.repository.ts';
import { cancelClockTimers } from '../clock-timers.ts';
import { rescheduleRunningClocks } from '../deadlines.ts';
import { extendedHandleClock } from '../extension.rules.ts';
import type { PendingRequest } from '../order.types.ts';

/** The waiting request the action answers; its presence is checked by the rules (orderCondition) before any handler runs. */
function pendingOf<K extends PendingRequest['kind']>(ctx: ActionContext, kind: K): Extract<PendingRequest, { kind: K }> {
  const p = ctx.order.pending_request;
  if (!p || p.kind !== kind) throw new Error(`no ${kind} request on order ${ctx.order.id}: orderCondition should have refused`);
  return p as Extract<PendingRequest, { kind: K }>;
}

function request(ctx: ActionContext, p: PendingRequest, note: string) {
  return { to: ctx.order.state, patch: { pending_request: p }, note, data: { request: p.kind } };
}

const stamp = (ctx: ActionContext) => ({ by: ctx.actor.userId, at: ctx.now.toISOString() });

export const requestExtension: ActionHandler<'request-extension'> = async (ctx) =>
  request(ctx, { kind: 'extension', value: ctx.body.value, unit: ctx.body.unit, reason: ctx.body.reason, ...stamp(ctx) }, ctx.body.reason);

export const approveExtension: ActionHandler<'approve-extension'> = async (ctx) => {
  const p = pendingOf(ctx, 'extension');
  const { tx, order, now, services } = ctx;
  const calendar = await services.calendar(tx);
  const handle = (await listDeadlines(tx, order.id)).find((d) => d.step === 'handle');
  const current = handle ? { dueAt: handle.due_at, limitValue: handle.limit_value, limitUnit: handle.limit_unit as TimeUnit } : null;
  const extended = extendedHandleClock(calendar, current, { value: p.value, unit: p.unit as TimeUnit }, now);
  const dueAt = extended.dueAt;
  return {
    to: order.state,
    patch: { pending_request: null, extension_count: order.extension_count + 1 },
    note: ctx.body.note,
    data: { value: p.value, unit: p.unit, previousDueAt: handle?.due_at ?? null, dueAt },
    after: async () => {
      if (!handle) {
        await startDeadline(tx, { orderId: order.id, step: 'handle', startedAt: now, dueAt, value: p.value, unit: p.unit });
        return;
      }
      await setDeadlineDue(tx, order.id, 'handle', dueAt, extended.limitValue);
      await rescheduleRunningClocks(tx, services, order, now);
    },
  };
};

export const denyExtension: ActionHandler<'deny-extension'> = async (ctx) => {
  pendingOf(ctx, 'extension');
  return { to: ctx.order.state, patch: { pending_request: null }, note: ctx.body.reason };
};

export const requestSuspension: ActionHandler<'request-suspension'> = async (ctx) =>
  request(ctx, { kind: 'suspension', reason: ctx.body.reason, ...stamp(ctx) }, ctx.body.reason);

/** 挂账: the clocks stop until resumed. Approves a waiting request, or suspends directly with a reason. */
export const suspend: ActionHandler<'suspend'> = async (ctx) => {
  const p = ctx.order.pending_request;
  const reason = ctx.body.reason ?? (p?.kind === 'suspension' ? p.reason : undefined);
  if (!reason) throw invalidField('reason', '直接挂账须填写理由', 'a reason is required to suspend without a request');
  return {
    to: 'suspended',
    patch: { resume_state: ctx.order.state, suspended_at: ctx.now, pending_request: null },
    note: reason,
    // The clock stops: no supervision fires while suspended; resume plans the timers again.
    after: () => cancelClockTimers(ctx.tx, ctx.order.id),
  };
};

export const denySuspension: ActionHandler<'deny-suspension'> = async (ctx) => {
  pendingOf(ctx, 'suspension');
  return { to: ctx.order.state, patch: { pending_request: null }, note: ctx.body.reason };
};

/** 恢复: every running clock is pushed back by the time spent suspended, in its own unit. */
export const resume: ActionHandler<'resume'> = async ({ tx, order, body, now, services }) => {
  const to = (order.resume_state ?? 'pending_dispatch') as StateCode;
  const since = order.suspended_at ?? now;
  return {
    to,
    patch: { resume_state: null, suspended_at: null },
    note: body.note,
    data: { suspendedSince: since },
    after: async () => {
      const calendar = await services.calendar(tx);
      for (const d of await listDeadlines(tx, order.id)) {
        if (d.done_at) continue;
        const unit = d.limit_unit as TimeUnit;
        // Time left keeps its size; time already overdue keeps its lateness — both in the deadline's own unit.
        const dueAt =
          d.due_at > since
            ? calendar.addDuration(now, calendar.elapsed(since, d.due_at, unit), unit)
            : calendar.addDuration(d.due_at, calendar.elapsed(since, now, unit), unit);
        await setDeadlineDue(tx, order.id, d.step as Step, dueAt);
      }
      await rescheduleRunningClocks(tx, services, order, now);
    },
  };
};

export const requestVoid: ActionHandler<'request-void'> = async (ctx) =>
  request(ctx, { kind: 'void', reason: ctx.body.reason, ...stamp(ctx) }, ctx.body.reason);

/** 作废: approves a waiting request, or voids directly with a reason. */
export const voidOrder: ActionHandler<'void'> = async (ctx) => {
  const p = ctx.order.pending_request;
  const reason = ctx.body.reason ?? (p?.kind === 'void' ? p.reason : undefined);
  if (!reason) throw invalidField('reason', '直接作废须填写理由', 'a reason is required to void without a request');
  return {
    to: 'voided',
    patch: { pending_request: null, closed_at: ctx.now },
    note: reason,
    after: () => completeDeadlines(ctx.tx, ctx.order.id, ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'], ctx.now),
  };
};

export const denyVoid: ActionHandler<'deny-void'> = async (ctx) => {
  pendingOf(ctx, 'void');
  return { to: ctx.order.state, patch: { pending_request: null }, note: ctx.body.reason };
};
