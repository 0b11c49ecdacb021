/**
 * The assessment's figures counted again, from the orders and their timelines alone (the runs read back from the
 * timeline by timeline-runs.ts; a run's due time is the clock's, looked up by order, step and start), written
 * here as plain loops over rows — a second reading of docs/assessment.md, not the indicators' SQL — for a test to
 * hold the API to, figure by figure and order by order.
 */
import type { Queryable } from '@liandong/db';
import { runsFromTimeline, type TimelineEvent, type TimelineRun } from './timeline-runs.ts';

export interface Item {
  subject: string;
  orderId: number;
  hit: boolean;
}
/** code → the counted items of every subject. */
export type Recount = Map<string, Item[]>;

interface OrderRow {
  id: number;
  town_code: string | null;
  state: string;
  created_at: Date;
  closed_at: Date | null;
  solved_level: string | null;
}
interface Event extends TimelineEvent {
  actor_unit_id: number | null;
}
type Run = TimelineRun & { dueAt: number };

const SATISFIED = new Set(['very_satisfied', 'satisfied', 'basically_satisfied']);
const NOT_NEEDING_ANSWER = new Set(['rejected', 'merged', 'voided']);

export async function readTimelines(q: Queryable): Promise<{ orders: OrderRow[]; events: Event[]; runs: Run[] }> {
  const orders = (await q.query<OrderRow>('select id::int as id, town_code, state, created_at, closed_at, solved_level from orders order by id')).rows;
  const events = (
    await q.query<Event>(
      `select e.order_id::int as order_id, e.at, e.action, e.from_state, e.to_state, e.data, e.actor_unit_id, o.grid_code
         from order_events e join orders o on o.id = e.order_id order by e.order_id, e.id`,
    )
  ).rows;
  const due = new Map(
    (await q.query<{ order_id: number; step: string; started_at: Date; due_at: Date }>('select order_id::int as order_id, step, started_at, due_at from order_step_runs')).rows.map(
      (r) => [`${r.order_id}|${r.step}|${r.started_at.getTime()}`, r.due_at.getTime()],
    ),
  );
  const runs = runsFromTimeline(events).map((r) => {
    const dueAt = due.get(`${r.orderId}|${r.step}|${r.startedAt}`);
    if (dueAt === undefined) throw new Error(`no clock for the ${r.step} run of order ${r.orderId} started ${new Date(r.startedAt).toISOString()}`);
    return { ...r, dueAt };
  });
  return { orders, events, runs };
}

/** Every unit indicator and every town indicator for the period [from, to), as seen at `now`. */
export function recount(data: { orders: OrderRow[]; events: Event[]; runs: Run[] }, from: Date, to: Date, now: Date): { units: Recount; towns: Recount } {
  const [f, t, n] = [from.getTime(), to.getTime(), now.getTime()];
  const end = Math.min(t, n);
  const inPeriod = (ms: number | null) => ms !== null && ms >= f && ms < t;
  const units: Recount = new Map();
  const towns: Recount = new Map();
  const add = (m: Recount, code: string, subject: string | number | null | undefined, orderId: number, hit: boolean) => {
    if (subject === null || subject === undefined) return;
    if (!m.has(code)) m.set(code, []);
    m.get(code)!.push({ subject: String(subject), orderId, hit });
  };

  const runsOf = new Map<number, Run[]>();
  for (const r of data.runs) runsOf.set(r.orderId, [...(runsOf.get(r.orderId) ?? []), r]);
  const eventsOf = new Map<number, Event[]>();
  for (const e of data.events) eventsOf.set(Number(e.order_id), [...(eventsOf.get(Number(e.order_id)) ?? []), e]);
  const done = (r: Run) => r.end === 'done';
  const onTime = (r: Run) => done(r) && r.endedAt! <= r.dueAt;
  const settled = (r: Run) => done(r) || r.dueAt < end;
  // A run taken away before it was due is not the unit's to answer for.
  const answerable = (r: Run) => r.unitId !== null && inPeriod(r.startedAt) && !(r.end === 'withdrawn' && r.endedAt! <= r.dueAt);

  // Units: the runs of their steps.
  for (const r of data.runs) {
    const evs = eventsOf.get(r.orderId) ?? [];
    if (answerable(r)) {
      if (r.step === 'sign') add(units, 'sign_rate', r.unitId, r.orderId, done(r));
      if (r.step === 'sign' && settled(r)) add(units, 'sign_on_time_rate', r.unitId, r.orderId, onTime(r));
      if (r.step === 'handle') add(units, 'completion_rate', r.unitId, r.orderId, done(r));
      if (r.step === 'handle' && settled(r)) add(units, 'completion_on_time_rate', r.unitId, r.orderId, onTime(r));
      if (r.step === 'handle') {
        const until = r.endedAt ?? Infinity;
        add(units, 'extension_rate', r.unitId, r.orderId, evs.some((e) => e.action === 'approve-extension' && e.at.getTime() >= r.startedAt && e.at.getTime() <= until));
      }
      if (r.step === 'accept' && settled(r)) add(units, 'accept_on_time_rate', r.unitId, r.orderId, onTime(r));
      if (r.step === 'dispatch' && settled(r)) add(units, 'dispatch_on_time_rate', r.unitId, r.orderId, onTime(r));
      if (r.step === 'callback') add(units, 'callback_rate', r.unitId, r.orderId, done(r));
    }
    const same = runsOf.get(r.orderId)!;
    if (r.step === 'handle' && r.unitId !== null && done(r) && inPeriod(r.endedAt)) {
      add(units, 'rework_rate', r.unitId, r.orderId, same.some((x) => x.step === 'handle' && x.startedAt > r.startedAt));
    }
    if (r.step === 'sign' && r.unitId !== null && inPeriod(r.startedAt)) {
      const next = same.find((x) => x.step === 'sign' && x.startedAt > r.startedAt)?.startedAt ?? Infinity;
      add(units, 'return_rate', r.unitId, r.orderId, evs.some((e) => e.action === 'return' && e.actor_unit_id === r.unitId && e.at.getTime() >= r.startedAt && e.at.getTime() < next));
    }
    if (r.step === 'accept' && r.unitId !== null && inPeriod(r.startedAt) && same.find((x) => x.step === 'accept') === r) {
      add(units, 'direct_close_rate', r.unitId, r.orderId, evs.some((e) => e.action === 'answer'));
    }
  }
  for (const e of data.events) {
    const at = e.at.getTime();
    if (!inPeriod(at)) continue;
    if (e.action === 'supervise' && e.data.unitId !== undefined) add(units, 'supervisions', e.data.unitId as number, Number(e.order_id), true);
    if (e.action === 'callback' && e.data.satisfaction !== undefined) {
      // The unit that last reported the order done before the callback.
      const last = (runsOf.get(Number(e.order_id)) ?? [])
        .filter((r) => r.step === 'handle' && r.unitId !== null && done(r) && r.endedAt! <= at)
        .sort((a, b) => b.endedAt! - a.endedAt! || b.startedAt - a.startedAt)[0];
      add(units, 'satisfaction_rate', last?.unitId, Number(e.order_id), SATISFIED.has(e.data.satisfaction as string));
    }
  }

  // Towns: the orders that lie in them.
  for (const o of data.orders) {
    const runs = runsOf.get(o.id) ?? [];
    const evs = eventsOf.get(o.id) ?? [];
    const created = o.created_at.getTime();
    if (inPeriod(created)) {
      add(towns, 'received', o.town_code, o.id, true);
      add(towns, 'area_direct_close_rate', o.town_code, o.id, evs.some((e) => e.action === 'answer'));
      if (!NOT_NEEDING_ANSWER.has(o.state)) {
        add(towns, 'area_completion_rate', o.town_code, o.id, o.state === 'closed');
        const late = runs.some((r) => (r.step === 'sign' || r.step === 'handle') && (r.endedAt ?? Infinity) > r.dueAt);
        const overdue = runs.some((r) => r.end === null && r.dueAt < end);
        if (o.state === 'closed' || late || overdue) add(towns, 'area_on_time_rate', o.town_code, o.id, o.state === 'closed' && !late);
      }
    }
    if (o.state === 'closed' && inPeriod(o.closed_at?.getTime() ?? null)) add(towns, 'solved_in_grid_rate', o.town_code, o.id, o.solved_level === 'grid');
    if (runs.some((r) => r.startedAt < t && r.dueAt < end && (r.endedAt ?? Infinity) >= end)) add(towns, 'overdue_open', o.town_code, o.id, true);
    for (const e of evs) {
      if (e.action === 'callback' && e.data.satisfaction !== undefined && inPeriod(e.at.getTime())) {
        add(towns, 'area_satisfaction_rate', o.town_code, o.id, SATISFIED.has(e.data.satisfaction as string));
      }
    }
  }
  return { units, towns };
}

/** subject → code → [numerator, denominator]. */
export function figuresOf(r: Recount): Map<string, Map<string, [number, number]>> {
  const out = new Map<string, Map<string, [number, number]>>();
  for (const [code, items] of r) {
    for (const i of items) {
      const m = out.get(i.subject) ?? new Map<string, [number, number]>();
      const [num, den] = m.get(code) ?? [0, 0];
      m.set(code, [num + (i.hit ? 1 : 0), den + 1]);
      out.set(i.subject, m);
    }
  }
  return out;
}
