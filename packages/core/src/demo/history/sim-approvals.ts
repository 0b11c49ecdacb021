/**
 * Twins of orders/actions/approval-actions.ts: extension (延期), suspension (挂账) and voiding (作废) wait
 * on the order as `pending_request` until the shift lead decides; resuming pushes every open clock back
 * by the time spent suspended, in its own unit.
 */
import type { ActionName, StateCode, Step } from '@liandong/contracts';
import type { TimeUnit } from '../../calendar/index.ts';
import { extendedHandleClock } from '../../orders/extension.rules.ts';
import type { PendingRequest } from '../../orders/order.types.ts';
import { HistoryBug } from './history-bug.ts';
import type { SimActor, SimOrder } from './history.types.ts';
import type { OrderSim } from './order-sim.ts';
import type { Effect, SimOutcome } from './sim-actions.ts';

export const ALL_STEPS: readonly Step[] = ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'];

function request(o: SimOrder, p: PendingRequest, note: string): SimOutcome {
  if (o.row.pending_request) throw new HistoryBug(`demo history: a ${o.row.pending_request.kind} request is already waiting`);
  return { to: o.row.state, patch: { pending_request: p }, note, data: { request: p.kind } };
}

function pendingOf<K extends PendingRequest['kind']>(o: SimOrder, kind: K): Extract<PendingRequest, { kind: K }> {
  const p = o.row.pending_request;
  if (!p || p.kind !== kind) throw new HistoryBug(`demo history: no ${kind} request waiting`);
  return p as Extract<PendingRequest, { kind: K }>;
}

/** The request stamp; a virtual actor has no user id, so `by` is null like actor_user_id. */
const stamp = (actor: SimActor, at: Date) => ({ by: actor.userId as number, at: at.toISOString() });

function resumeClocks(sim: OrderSim, o: SimOrder, since: Date, now: Date): void {
  const cal = sim.ctx.calendar;
  for (const d of o.deadlines.values()) {
    if (d.doneAt) continue;
    const unit = d.unit as TimeUnit;
    // Time left keeps its size; time already overdue keeps its lateness — both in the deadline's own unit.
    d.dueAt = d.dueAt > since ? cal.addDuration(now, cal.elapsed(since, d.dueAt, unit), unit) : cal.addDuration(d.dueAt, cal.elapsed(since, now, unit), unit);
  }
}

export const APPROVAL_EFFECTS: { [A in ActionName]?: Effect<A> } = {
  'request-extension': (_s, o, actor, at, b) => request(o, { kind: 'extension', value: b.value, unit: b.unit, reason: b.reason, ...stamp(actor, at) }, b.reason),
  'approve-extension': (sim, o, _a, at, body) => {
    const p = pendingOf(o, 'extension');
    const handle = o.deadlines.get('handle');
    const current = handle ? { dueAt: handle.dueAt, limitValue: handle.value, limitUnit: handle.unit } : null;
    const extended = extendedHandleClock(sim.ctx.calendar, current, { value: p.value, unit: p.unit as TimeUnit }, at);
    const dueAt = extended.dueAt;
    return {
      to: o.row.state,
      patch: { pending_request: null, extension_count: o.row.extension_count + 1 },
      note: body.note,
      data: { value: p.value, unit: p.unit, previousDueAt: handle?.dueAt ?? null, dueAt },
      after: () => {
        if (handle) Object.assign(handle, { dueAt, value: extended.limitValue });
        else o.deadlines.set('handle', { step: 'handle', startedAt: at, dueAt, value: p.value, unit: p.unit as TimeUnit, doneAt: null });
      },
    };
  },
  'deny-extension': (_s, o, _a, _at, body) => {
    pendingOf(o, 'extension');
    return { to: o.row.state, patch: { pending_request: null }, note: body.reason };
  },
  'request-suspension': (_s, o, actor, at, b) => request(o, { kind: 'suspension', reason: b.reason, ...stamp(actor, at) }, b.reason),
  suspend: (_s, o, _a, at, body) => {
    const p = o.row.pending_request;
    const reason = body.reason ?? (p?.kind === 'suspension' ? p.reason : undefined);
    if (!reason) throw new HistoryBug('demo history: suspension without a reason');
    return { to: 'suspended', patch: { resume_state: o.row.state, suspended_at: at, pending_request: null }, note: reason };
  },
  'deny-suspension': (_s, o, _a, _at, body) => {
    pendingOf(o, 'suspension');
    return { to: o.row.state, patch: { pending_request: null }, note: body.reason };
  },
  resume: (sim, o, _a, at, body) => {
    const to = (o.row.resume_state ?? 'pending_dispatch') as StateCode;
    const since = o.row.suspended_at ?? at;
    return {
      to,
      patch: { resume_state: null, suspended_at: null },
      note: body.note,
      data: { suspendedSince: since },
      after: () => resumeClocks(sim, o, since, at),
    };
  },
  'request-void': (_s, o, actor, at, b) => request(o, { kind: 'void', reason: b.reason, ...stamp(actor, at) }, b.reason),
  void: (sim, o, _a, at, body) => {
    const p = o.row.pending_request;
    const reason = body.reason ?? (p?.kind === 'void' ? p.reason : undefined);
    if (!reason) throw new HistoryBug('demo history: voiding without a reason');
    return { to: 'voided', patch: { pending_request: null, closed_at: at }, note: reason, after: () => sim.completeSteps(o, ALL_STEPS, at) };
  },
  'deny-void': (_s, o, _a, _at, body) => {
    pendingOf(o, 'void');
    return { to: o.row.state, patch: { pending_request: null }, note: body.reason };
  },
};
