/**
 * The supervision board (督办看板): live orders in the reader's scope by traffic light and level, overdue
 * steps by responsible unit, and each unit's on-time rate, supervisions by level and satisfaction over a period.
 * Lights are read with the working calendar, so they agree with the order views.
 */
import type { Queryable } from '@liandong/db';
import type { Board, OrderLevel as Level, Step } from '@liandong/contracts';
import { assertMay } from '../org/permissions.rules.ts';
import { iso } from '../shared/wire.ts';
import type { TimeUnit } from '../calendar/index.ts';
import type { Actor } from '../org/actor.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import type { ClockReading } from '../orders/deadline-view.ts';
import { readStepClock, type Light } from '../orders/step-clock.rules.ts';
import { supervisedUnit } from './raise-supervision.ts';
import { listLevels } from './levels.ts';

type Counts = Record<Light | 'none', number>;
const empty = (): Counts => ({ green: 0, yellow: 0, red: 0, none: 0 });
const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
const SATISFIED = new Set(['very_satisfied', 'satisfied', 'basically_satisfied']);

interface LiveRow {
  id: number;
  level: string;
  suspended_at: Date | null;
  handler_unit_id: number | null;
  dispatch_unit_id: number | null;
  step: Step | null;
  due_at: Date | null;
  yellow_at: Date | null;
  limit_value: number | null;
  limit_unit: TimeUnit | null;
}

interface UnitStats {
  unitId: number;
  unitName: string;
  overdueSteps: number;
  stepsDone: number;
  onTime: number;
  /** By level (every defined level, zero included). */
  supervisions: Record<string, number>;
  callbacks: number;
  satisfied: number;
}

export async function supervisionBoard(q: Queryable, actor: Actor, clock: ClockReading, opts: { days?: number } = {}): Promise<Board> {
  assertMay(actor, 'supervision.board');
  const levels = await listLevels(q);
  const since = new Date(clock.now.getTime() - (opts.days ?? 30) * 86_400_000);
  const params: unknown[] = [];
  const scope = orderScopeSql(actor, params);
  const live = await q.query<LiveRow>(
    `select o.id, o.level, o.suspended_at, o.handler_unit_id, o.dispatch_unit_id, d.step, d.due_at, d.yellow_at, d.limit_value, d.limit_unit
       from orders o join order_states st on st.code = o.state
       left join order_deadlines d on d.order_id = o.id and d.done_at is null
      where st.type not in ('closed', 'voided') and ${scope}`,
    params,
  );
  const units = new Map<number, UnitStats>();
  const unit = (id: number) => {
    let u = units.get(id);
    if (!u) units.set(id, (u = { unitId: id, unitName: '', overdueSteps: 0, stepsDone: 0, onTime: 0, supervisions: Object.fromEntries(levels.map((l) => [String(l.level), 0])), callbacks: 0, satisfied: 0 }));
    return u;
  };
  const worst = new Map<number, { level: string; light: Light | null }>();
  for (const r of live.rows) {
    const w = worst.get(r.id) ?? { level: r.level, light: null };
    if (r.step && r.due_at && r.yellow_at && r.limit_unit) {
      const c = readStepClock({ dueAt: r.due_at, yellowAt: r.yellow_at, limitValue: r.limit_value!, limitUnit: r.limit_unit, doneAt: null }, clock.now, clock.calendar, r.suspended_at);
      if (w.light === null || RANK[c.light] > RANK[w.light]) w.light = c.light;
      const responsible = supervisedUnit(r, r.step);
      if (c.overdue && responsible) unit(responsible).overdueSteps++;
    }
    worst.set(r.id, w);
  }
  const byLevel: Record<Level, Counts> = { grid: empty(), village: empty(), town: empty(), district: empty() };
  const total = empty();
  for (const w of worst.values()) {
    byLevel[w.level as Level][w.light ?? 'none']++;
    total[w.light ?? 'none']++;
  }
  const p2: unknown[] = [since, clock.now];
  const scope2 = orderScopeSql(actor, p2);
  const done = await q.query<{ unit_id: number; done: number; on_time: number }>(
    `select coalesce(o.handler_unit_id, o.dispatch_unit_id) as unit_id, count(*)::int as done, count(*) filter (where d.done_at <= d.due_at)::int as on_time
       from order_deadlines d join orders o on o.id = d.order_id
      where d.done_at >= $1 and d.done_at <= $2 and d.step in ('sign', 'handle') and ${scope2} group by 1`,
    p2,
  );
  for (const r of done.rows) if (r.unit_id) Object.assign(unit(r.unit_id), { stepsDone: r.done, onTime: r.on_time });
  const sups = await q.query<{ unit_id: number; level: number; n: number }>(
    `select s.unit_id, s.level, count(*)::int as n from supervisions s join orders o on o.id = s.order_id
      where s.raised_at >= $1 and s.raised_at <= $2 and s.unit_id is not null and ${scope2} group by 1, 2`,
    p2,
  );
  for (const r of sups.rows) unit(r.unit_id).supervisions[r.level] = r.n;
  const calls = await q.query<{ unit_id: number; satisfaction: string; n: number }>(
    `select o.handler_unit_id as unit_id, e.data->>'satisfaction' as satisfaction, count(*)::int as n
       from order_events e join orders o on o.id = e.order_id
      where e.action = 'callback' and e.at >= $1 and e.at <= $2 and o.handler_unit_id is not null and ${scope2} group by 1, 2`,
    p2,
  );
  for (const r of calls.rows) {
    const u = unit(r.unit_id);
    u.callbacks += r.n;
    if (SATISFIED.has(r.satisfaction)) u.satisfied += r.n;
  }
  const names = await q.query<{ id: number; name: string }>('select id, name from units where id = any($1::int[])', [[...units.keys()]]);
  for (const n of names.rows) unit(n.id).unitName = n.name;
  const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    asOf: iso(clock.now),
    since: iso(since),
    lights: { total, byLevel },
    overdueByUnit: [...units.values()].filter((u) => u.overdueSteps > 0).sort((a, b) => b.overdueSteps - a.overdueSteps).map((u) => ({ unitId: u.unitId, unitName: u.unitName, overdueSteps: u.overdueSteps })),
    units: [...units.values()]
      .map((u) => ({ ...u, onTimeRate: rate(u.onTime, u.stepsDone), satisfactionRate: rate(u.satisfied, u.callbacks) }))
      .sort((a, b) => a.unitId - b.unitId),
  };
}
