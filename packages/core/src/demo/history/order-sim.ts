/**
 * performAction in memory: every history event goes through the same rules (`checkAction`: role, responsibility,
 * state; `orderCondition`; `isAllowedTarget`) and the same decision as the live action (orders/decisions/), answered
 * from the loaded district (sim-world.ts); its effects change the order, its clocks and its units in memory.
 * A refusal throws: it is a bug in the generator, never data to write.
 *
 * Time: an action proposed after endAt is not applied and freezes the order, which then stays in the state
 * it had "now" — that is how the last days end up with orders in every live state.
 */
import type { ActionBody, ActionName, StateCode, Step } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { arrivalBy, checkAction, eventDataOf, isAllowedTarget, orderCondition, orderFacts } from '../../orders/lifecycle.rules.ts';
import { DECISIONS, decideNow, type DecidedAction, type Decide } from '../../orders/decisions/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { DEFAULT_STEP_LIMITS, type StepLimit } from '../../orders/deadlines.ts';
import { responsibilitiesOf } from '../../orders/order-scope.ts';
import type { OrderPatch, OrderRow } from '../../orders/order.types.ts';
import type { HistoryContext } from './history-context.ts';
import type { SimActor, SimEvent, SimOrder } from './history.types.ts';
import type { SimReporter } from './history.types.ts';
import { applySimEffects, memoryReporterId, simAnswers } from './sim-world.ts';
import { HistoryBug } from './history-bug.ts';
import { supervisedUnit } from '../../supervision/raise-supervision.ts';
import type { RunEnd } from '../../orders/step-runs.ts';

export { HistoryBug };

/** The API body, except that a callback names the reporter object (its id exists only once written). */
export type ActionBodyLike<A extends ActionName> = A extends 'callback'
  ? Omit<ActionBody<'callback'>, 'reporterId'> & { reporter?: SimReporter }
  : ActionBody<A>;

export function holdsOf(actor: SimActor, row: OrderRow) {
  // The live rule itself; a virtual actor has no user id, which the rule does not read.
  return responsibilitiesOf({ ...actor, userId: actor.userId ?? 0, username: '', displayName: '' } as Actor, row);
}

/** Throws unless the actor may take the action on the order as it is (the API would answer 403/409). */
export function assertMayAct(action: ActionName, state: StateCode, row: OrderRow, actor: SimActor): void {
  const verdict = checkAction(action, { state, level: row.level }, { roles: actor.roles, holds: holdsOf(actor, row) });
  if (!verdict.ok) throw new HistoryBug(`demo history: ${action} refused (${verdict.reason}) on ${row.code || 'order'} in ${state}`);
}

export class OrderSim {
  /** With `record`, each order keeps the calls applied to it (SimOrder.calls). */
  constructor(
    readonly ctx: HistoryContext,
    readonly endAt: Date,
    readonly record = false,
  ) {}

  lastAt(o: SimOrder): Date {
    return o.events[o.events.length - 1]!.at;
  }

  /** Applies one action at `at`; false (and the order frozen) when `at` lies after endAt. */
  act<A extends ActionName>(o: SimOrder, action: A, actor: SimActor, at: Date, body: ActionBodyLike<A>): boolean {
    if (o.frozen) return false;
    const last = this.lastAt(o).getTime();
    // Timestamps strictly increase along a timeline, whatever rounding the durations went through.
    if (at.getTime() <= last) at = new Date(last + 1000);
    if (at > this.endAt) {
      o.frozen = true;
      return false;
    }
    const from = o.row.state;
    assertMayAct(action, from, o.row, actor);
    const refused = orderCondition(action, orderFacts(o.row));
    if (refused) throw new HistoryBug(`demo history: ${action} refused on ${o.row.code || 'order'}: ${refused.messages.en}`);
    // A callback names its reporter by the in-memory id; the event gets the stored one when written.
    const reporter = (body as { reporter?: SimReporter }).reporter;
    if (reporter && !o.reporters.includes(reporter)) throw new HistoryBug('demo history: reporter of another order');
    const apiBody = reporter ? { ...(body as object), reporter: undefined, reporterId: memoryReporterId(o, reporter) } : body;
    const decide = DECISIONS[action as DecidedAction] as Decide<DecidedAction> | undefined;
    if (!decide) throw new HistoryBug(`demo history: ${action} is not simulated (merges are merges.ts's)`);
    let d;
    try {
      d = decideNow(decide({ order: o.row, actor, body: apiBody as never, now: at }), simAnswers(this, o));
    } catch (err) {
      if (err instanceof DomainError) throw new HistoryBug(`demo history: ${action} refused on ${o.row.code || 'order'}: ${err.messages.en}`);
      throw err;
    }
    if (!isAllowedTarget(action, from, d.to)) {
      throw new HistoryBug(`demo history: ${action} produced a forbidden transition ${from} → ${d.to}`);
    }
    if (this.record) (o.calls ??= []).push({ action, actor, at, body });
    const data = eventDataOf(action, o.row.pending_request?.kind ?? null, d.patch?.pending_request === null, d.data);
    const arrivedBy = arrivalBy(action, from, d.to);
    this.update(o, d.to, { ...d.patch, ...(arrivedBy ? { arrived_by: arrivedBy } : {}) }, at);
    const resolveData = reporter ? () => ({ ...data, reporterId: reporter.id }) : undefined;
    this.pushEvent(o, { at, action, actor, from, to: d.to, note: d.note ?? null, data, resolveData });
    applySimEffects(this, o, d.effects, at);
    return true;
  }

  /** updateOrder: state, changed columns, updated_at and version. */
  update(o: SimOrder, state: StateCode, patch: OrderPatch, at: Date): void {
    Object.assign(o.row, patch);
    o.row.state = state;
    o.row.updated_at = at;
    o.row.version += 1;
  }

  pushEvent(o: SimOrder, e: Omit<SimEvent, 'dispatchUnitAfter'>): void {
    o.events.push({ ...e, dispatchUnitAfter: o.row.dispatch_unit_id });
  }

  /** stepLimit: sign and handle follow the order's condition, everything else the defaults. */
  limit(o: SimOrder, step: Step): StepLimit {
    const c = o.row.condition_id == null ? undefined : this.ctx.catalogue.byId.get(o.row.condition_id);
    if (c && step === 'sign') return { value: c.responseValue, unit: c.responseUnit };
    if (c && step === 'handle') return { value: c.handleValue, unit: c.handleUnit };
    return DEFAULT_STEP_LIMITS[step];
  }

  /** startSteps: (re)starts clocks; a restarted step's row is overwritten and open again (the old clock kept for the ladder). */
  startSteps(o: SimOrder, steps: readonly Step[], at: Date): void {
    for (const step of steps) {
      const l = this.limit(o, step);
      const before = o.deadlines.get(step);
      if (before) (o.pastClocks ??= []).push({ ...before, doneAt: before.doneAt ?? at, withdrawnAt: before.doneAt ? (before.withdrawnAt ?? null) : at });
      const dueAt = this.ctx.calendar.addDuration(at, l.value, l.unit);
      o.deadlines.set(step, { step, startedAt: at, dueAt, value: l.value, unit: l.unit, doneAt: null, supervisedUnitId: supervisedUnit(o.row, step) });
    }
  }

  completeSteps(o: SimOrder, steps: readonly Step[], at: Date, end: RunEnd = 'done'): void {
    for (const step of steps) {
      const d = o.deadlines.get(step);
      if (d && !d.doneAt) Object.assign(d, { doneAt: at, withdrawnAt: end === 'withdrawn' ? at : null });
    }
  }

  involve(o: SimOrder, unitId: number, role: 'lead' | 'co' | 'dispatch', at: Date): void {
    // Like the live upsert: a unit involved again keeps what it did in its part before.
    const key = `${unitId}:${role}`;
    o.units.set(key, { ...o.units.get(key), unitId, role, active: true, assignedAt: at });
    this.coUnitsChanged(o);
  }

  /** The row's co-handlers, as the live row reads them from order_units (co_unit_ids). */
  private coUnitsChanged(o: SimOrder): void {
    o.row.co_unit_ids = [...o.units.values()].filter((u) => u.role === 'co' && u.active).map((u) => u.unitId).sort((a, b) => a - b);
  }

  release(o: SimOrder, role: 'lead' | 'co' | 'dispatch'): void {
    for (const link of o.units.values()) if (link.role === role) link.active = false;
    this.coUnitsChanged(o);
  }

  /** hasCallableReporter: someone left a phone number to be called back on. */
  callable(o: SimOrder): boolean {
    return o.reporters.some((r) => r.phone != null);
  }

  /** The state the order was in at an instant (after every event up to and including it). */
  stateAt(o: SimOrder, at: Date): { state: StateCode; dispatchUnitId: number | null } | null {
    let found: SimEvent | null = null;
    for (const e of o.events) {
      if (e.at > at) break;
      found = e;
    }
    return found ? { state: found.to, dispatchUnitId: found.dispatchUnitAfter } : null;
  }
}
