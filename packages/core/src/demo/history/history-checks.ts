/**
 * Checks a stored history the way an auditor would: every timeline replays through the state machine, the
 * columns agree with the timeline, and every started step has a clock (due and yellow moments) that the
 * working calendar explains.
 * Used by the tests; each check returns the problems found (empty when all is well).
 */
import type { Queryable } from '@liandong/db';
import { ACTION_NAMES, type ActionName, type StateCode, type Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../../calendar/index.ts';
import { DEFAULT_STEP_LIMITS } from '../../orders/deadlines.ts';
import { FINAL_STATES, isAllowedTarget } from '../../orders/lifecycle.rules.ts';
import { yellowMoment } from '../../orders/step-clock.rules.ts';
import { LADDER_ACTIONS } from './history-ladder.ts';

interface EventLite {
  order_id: number;
  at: Date;
  action: string;
  from_state: StateCode | null;
  to_state: StateCode;
}

interface OrderLite {
  id: number;
  code: string;
  state: StateCode;
  closed_at: Date | null;
  solved_level: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  handler_unit_id: number | null;
  lead_active: boolean;
}

const API_ACTIONS = new Set<string>(ACTION_NAMES);

async function eventsByOrder(q: Queryable): Promise<Map<number, EventLite[]>> {
  const r = await q.query<EventLite>('select order_id, at, action, from_state, to_state from order_events order by order_id, id');
  const m = new Map<number, EventLite[]>();
  for (const e of r.rows) {
    const list = m.get(e.order_id) ?? [];
    list.push(e);
    m.set(e.order_id, list);
  }
  return m;
}

/** Each order: 'create' first, then API actions whose from/to chain is allowed, times rising, ending in its state. */
export async function checkTimelines(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const orders = (
    await q.query<OrderLite>(
      `select o.id, o.code, o.state, o.closed_at, o.solved_level, o.created_at, o.updated_at, o.version, o.handler_unit_id,
              exists (select 1 from order_units u where u.order_id = o.id and u.unit_id = o.handler_unit_id and u.role = 'lead' and u.active) as lead_active
         from orders o order by o.id`,
    )
  ).rows;
  const events = await eventsByOrder(q);
  for (const o of orders) {
    const list = events.get(o.id) ?? [];
    const bad = (why: string) => problems.push(`${o.code}: ${why}`);
    const first = list[0];
    if (!first || first.action !== 'create' || first.from_state !== null || first.to_state !== 'pending_accept') {
      bad('does not start with create → pending_accept');
      continue;
    }
    if (first.at.getTime() !== o.created_at.getTime()) bad('create event is not at created_at');
    for (let i = 1; i < list.length; i++) {
      const [prev, e] = [list[i - 1]!, list[i]!];
      if (e.from_state !== prev.to_state) bad(`#${i} ${e.action} starts from ${e.from_state}, not ${prev.to_state}`);
      if (e.at <= prev.at) bad(`#${i} ${e.action} is not later than the event before`);
      if (LADDER_ACTIONS.has(e.action)) {
        if (e.from_state !== e.to_state) bad(`#${i} ${e.action} changes the state`);
      } else if (e.action === 'merged-into') {
        if (e.to_state !== 'merged' || !['pending_accept', 'pending_dispatch'].includes(e.from_state ?? '')) bad('bad merged-into');
      } else if (!API_ACTIONS.has(e.action)) {
        bad(`unknown action ${e.action}`);
      } else if (!isAllowedTarget(e.action as ActionName, e.from_state!, e.to_state)) {
        bad(`${e.action} may not lead from ${e.from_state} to ${e.to_state}`);
      }
    }
    const last = list[list.length - 1]!;
    if (last.to_state !== o.state) bad(`timeline ends in ${last.to_state}, order is ${o.state}`);
    // updateOrder bumps version and updated_at with every event but the supervisions' (they leave the order as it is);
    // closing stamps closed_at at that event.
    const changes = list.filter((e) => !LADDER_ACTIONS.has(e.action));
    const lastChange = changes[changes.length - 1]!;
    if (o.version !== changes.length) bad(`version ${o.version} for ${changes.length} events`);
    if (o.updated_at.getTime() !== lastChange.at.getTime()) bad('updated_at is not the time of the last event');
    if (o.closed_at && o.closed_at.getTime() !== list.find((e) => FINAL_STATES.includes(e.to_state))?.at.getTime()) bad('closed_at is not the closing event');
    if (o.handler_unit_id !== null && !o.lead_active) bad('the handling unit is not an active lead in order_units');
    if (FINAL_STATES.includes(o.state) !== (o.closed_at !== null)) bad('closed_at does not match the final state');
    if ((o.state === 'closed') !== (o.solved_level !== null)) bad('solved_level does not match the closed state');
  }
  return problems;
}

/** The clocks each action starts (deadlines.ts via the action handlers). */
function stepsStarted(e: EventLite): Step[] {
  switch (e.action) {
    case 'create':
      return ['accept'];
    case 'accept':
    case 'return':
      return ['dispatch'];
    case 'escalate': // to the village station (sign, handle) or to a centre (dispatch)
    case 'dispatch':
    case 'redispatch':
      return e.to_state === 'pending_sign' ? ['sign', 'handle'] : ['dispatch'];
    case 'callback': // a substantive dissatisfaction reopens at once
      return e.to_state === 'pending_sign' ? ['sign', 'handle'] : [];
    case 'reopen':
      return ['sign', 'handle'];
    case 'feedback':
      return e.to_state === 'pending_check' ? ['check'] : e.to_state === 'pending_callback' ? ['callback'] : [];
    case 'check':
      return e.to_state === 'handling' ? ['handle'] : e.to_state === 'pending_callback' ? ['callback'] : [];
    default:
      return [];
  }
}

interface DeadlineLite {
  order_id: number;
  step: Step;
  started_at: Date;
  due_at: Date;
  yellow_at: Date;
  limit_value: number;
  limit_unit: TimeUnit;
  response_value: number | null;
  response_unit: TimeUnit | null;
  handle_value: number | null;
  handle_unit: TimeUnit | null;
}

/** stepLimit: sign and handle from the order's condition, the rest (and unclassified orders) from the defaults. */
function expectedLimit(d: DeadlineLite): { value: number; unit: TimeUnit } {
  if (d.step === 'sign' && d.response_unit) return { value: Number(d.response_value), unit: d.response_unit };
  if (d.step === 'handle' && d.handle_unit) return { value: Number(d.handle_value), unit: d.handle_unit };
  return DEFAULT_STEP_LIMITS[d.step];
}

/** Every started step has its row; untouched clocks end exactly where the calendar puts them. */
export async function checkDeadlines(q: Queryable, calendar: WorkingCalendar): Promise<string[]> {
  const problems: string[] = [];
  const events = await eventsByOrder(q);
  const rows = await q.query<DeadlineLite>(
    `select d.order_id, d.step, d.started_at, d.due_at, d.yellow_at, d.limit_value, d.limit_unit,
            cc.response_value, cc.response_unit, cc.handle_value, cc.handle_unit
       from order_deadlines d join orders o on o.id = d.order_id left join category_conditions cc on cc.id = o.condition_id`,
  );
  const byOrder = new Map<number, Map<Step, DeadlineLite>>();
  for (const d of rows.rows) {
    const m = byOrder.get(d.order_id) ?? new Map();
    m.set(d.step, d);
    byOrder.set(d.order_id, m);
  }
  for (const [orderId, list] of events) {
    const have = byOrder.get(orderId) ?? new Map();
    const started = new Set(list.flatMap(stepsStarted));
    for (const step of started) if (!have.has(step)) problems.push(`order ${orderId}: step ${step} started without a deadline row`);
    // An approved extension grows the handling limit (and so its due moment); a resumed suspension moves due
    // moments later by the time suspended, the limits unchanged. Every other clock is start + limit exactly.
    // An extension grows the clock it was granted on: a handling step started again later (rework) has its own limit.
    const extendedSince = (start: Date) => list.some((e) => e.action === 'approve-extension' && e.at >= start);
    const resumed = list.some((e) => e.action === 'resume');
    for (const d of have.values()) {
      const want = expectedLimit(d);
      const grown = d.step === 'handle' && extendedSince(d.started_at);
      const limit = Number(d.limit_value);
      if (d.limit_unit !== want.unit || (grown ? limit <= want.value : limit !== want.value)) {
        problems.push(`order ${orderId}: ${d.step} limit ${d.limit_value} ${d.limit_unit}, stepLimit says ${want.value} ${want.unit}${grown ? ' plus the extension' : ''}`);
      }
      const due = calendar.addDuration(d.started_at, limit, d.limit_unit);
      if (resumed ? d.due_at.getTime() < due.getTime() : due.getTime() !== d.due_at.getTime()) {
        problems.push(`order ${orderId}: ${d.step} due ${d.due_at.toISOString()}, calendar says ${resumed ? 'not before ' : ''}${due.toISOString()}`);
      }
      const yellow = yellowMoment({ startedAt: d.started_at, dueAt: d.due_at, limitValue: limit, limitUnit: d.limit_unit }, calendar);
      if (yellow.getTime() !== d.yellow_at.getTime()) problems.push(`order ${orderId}: ${d.step} turns yellow at ${d.yellow_at.toISOString()}, the clock says ${yellow.toISOString()}`);
    }
  }
  return problems;
}

/** Shares (0–1) of closed orders by where they were solved. */
export async function solvedShares(q: Queryable): Promise<Record<string, number>> {
  const r = await q.query<{ solved_level: string; n: number }>(`select solved_level, count(*)::int as n from orders where state = 'closed' group by 1`);
  const total = r.rows.reduce((s, x) => s + x.n, 0);
  return Object.fromEntries(r.rows.map((x) => [x.solved_level, x.n / total]));
}
