/**
 * Writes a batch of simulated orders in a few statements (the embedded PGlite pays per statement): ids come
 * from the tables' own identity sequences, reserved up front, so that merges can name each other, and codes
 * follow the ids exactly as the API writes them ('LD' + China date + id).
 */
import type { Queryable } from '@liandong/db';
import type { WorkingCalendar } from '../../calendar/index.ts';
import { yellowMoment } from '../../orders/step-clock.rules.ts';
import { runOwner } from '../../orders/step-runs.ts';
import type { OrderRef, SimOrder, SimReporter } from './history.types.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function reserve(tx: Queryable, orders: number, reporters: number, supervisions: number): Promise<{ ids: number[]; reps: number[]; sups: number[] }> {
  const r = await tx.query<{ ids: string[]; reps: string[]; sups: string[] }>(
    `select array(select nextval(pg_get_serial_sequence('orders', 'id'))::text from generate_series(1, $1)) as ids,
            array(select nextval(pg_get_serial_sequence('order_reporters', 'id'))::text from generate_series(1, $2)) as reps,
            array(select nextval(pg_get_serial_sequence('supervisions', 'id'))::text from generate_series(1, $3)) as sups`,
    [orders, reporters, supervisions],
  );
  const nums = (xs: string[]) => xs.map(Number).sort((a, b) => a - b);
  const row = r.rows[0]!;
  return { ids: nums(row.ids), reps: nums(row.reps), sups: nums(row.sups) };
}

/** The orders' numbers, by the one rule (liandong_order_code, migration 0011). */
async function orderCodes(tx: Queryable, at: readonly Date[], ids: readonly number[]): Promise<string[]> {
  const r = await tx.query<{ codes: string[] }>(
    'select array(select liandong_order_code(a, n) from unnest($1::timestamptz[], $2::bigint[]) with ordinality as x(a, n, i) order by i) as codes',
    [at, ids],
  );
  return r.rows[0]!.codes;
}

const ORDER_COLUMNS = `id bigint, code text, state text, channel text, nature text, description text, address text,
  lng double precision, lat double precision, district_code text, town_code text, village_code text, grid_code text,
  professional_grid_codes text[], category_code text, condition_id int, urgency text, level text, dispatch_unit_id int,
  handler_unit_id int, component_code text, confidential boolean, self_handled boolean, solved_level text,
  resume_state text, suspended_at timestamptz, pending_request jsonb, satisfaction text, substantive_dissatisfaction boolean, return_count int,
  rework_count int, reopen_count int, escalation_count int, extension_count int, verification_count int, arrived_by text, merged_into_id bigint,
  created_by int, created_at timestamptz, updated_at timestamptz, closed_at timestamptz, version int`;
const ORDER_NAMES = ORDER_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]).join(', ');

export async function writeBatch(tx: Queryable, orders: readonly SimOrder[], calendar: WorkingCalendar): Promise<{ orders: number; events: number }> {
  const own: SimReporter[] = orders.flatMap((o) => o.reporters.filter((r) => !r.source));
  const copies: SimReporter[] = orders.flatMap((o) => o.reporters.filter((r) => r.source));
  const sups = orders.flatMap((o) => o.supervisions ?? []);
  const { ids, reps, sups: supIds } = await reserve(tx, orders.length, own.length + copies.length, sups.length);
  // Supervisions by the moment they were raised, as the sweeper would have numbered them.
  [...sups].sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime()).forEach((x, i) => (x.id = supIds[i]!));
  const idOf = new Map<SimOrder, number>();
  const codes = await orderCodes(tx, orders.map((o) => o.row.created_at), ids);
  orders.forEach((o, i) => {
    o.row.id = ids[i]!;
    o.row.code = codes[i]!;
    idOf.set(o, o.row.id);
  });
  // Reporters of the order itself first, merge copies after: ids follow the order they came in.
  [...own, ...copies].forEach((r, i) => (r.id = reps[i]!));
  const ref: OrderRef = {
    idOf(o) {
      const id = idOf.get(o);
      if (id === undefined) throw new Error('demo history: a merge crosses a batch boundary');
      return id;
    },
    codeOf(o) {
      ref.idOf(o); // same check: the order must be in this batch
      return o.row.code;
    },
  };

  const orderRows = orders.map((o) => ({
    ...o.row,
    merged_into_id: o.mergedInto ? ref.idOf(o.mergedInto) : null,
    suspended_at: iso(o.row.suspended_at),
    created_at: iso(o.row.created_at),
    updated_at: iso(o.row.updated_at),
    closed_at: iso(o.row.closed_at),
  }));
  await tx.query(
    `insert into orders (${ORDER_NAMES}) overriding system value
     select ${ORDER_NAMES} from jsonb_to_recordset($1::jsonb) as r(${ORDER_COLUMNS})`,
    [JSON.stringify(orderRows)],
  );

  const orderOfReporter = new Map<SimReporter, SimOrder>();
  for (const o of orders) for (const r of o.reporters) orderOfReporter.set(r, o);
  const reporterRows = [...own, ...copies].map((r) => ({
    id: r.id,
    order_id: ref.idOf(orderOfReporter.get(r)!),
    source_order_id: r.source ? ref.idOf(r.source) : null,
    name: r.name,
    phone: r.phone,
    anonymous: r.anonymous,
    satisfaction: r.satisfaction,
    created_at: iso(r.createdAt),
  }));
  if (reporterRows.length) {
    await tx.query(
      `insert into order_reporters (id, order_id, source_order_id, name, phone, anonymous, satisfaction, created_at) overriding system value
       select id, order_id, source_order_id, name, phone, anonymous, satisfaction, created_at
         from jsonb_to_recordset($1::jsonb) as r(id bigint, order_id bigint, source_order_id bigint, name text, phone text,
              anonymous boolean, satisfaction text, created_at timestamptz)`,
      [JSON.stringify(reporterRows)],
    );
  }

  let n = 0;
  const eventRows = orders.flatMap((o) =>
    o.events.map((e) => ({
      n: n++,
      order_id: o.row.id,
      at: iso(e.at),
      action: e.action,
      actor_user_id: e.actor.userId,
      actor_unit_id: e.actor.unitId,
      from_state: e.from,
      to_state: e.to,
      note: e.note,
      data: e.resolveData ? { ...e.data, ...e.resolveData(ref) } : e.data,
    })),
  );
  // Ids follow the timeline: the API shows an order's events by id.
  await tx.query(
    `insert into order_events (order_id, at, action, actor_user_id, actor_unit_id, from_state, to_state, note, data)
     select order_id, at, action, actor_user_id, actor_unit_id, from_state, to_state, note, coalesce(data, '{}')
       from jsonb_to_recordset($1::jsonb) as r(n int, order_id bigint, at timestamptz, action text, actor_user_id int,
            actor_unit_id int, from_state text, to_state text, note text, data jsonb)
      order by n`,
    [JSON.stringify(eventRows)],
  );

  const deadlineRows = orders.flatMap((o) =>
    [...o.deadlines.values()].map((d) => ({
      order_id: o.row.id,
      step: d.step,
      started_at: iso(d.startedAt),
      due_at: iso(d.dueAt),
      yellow_at: iso(yellowMoment({ startedAt: d.startedAt, dueAt: d.dueAt, limitValue: d.value, limitUnit: d.unit }, calendar)),
      limit_value: d.value,
      limit_unit: d.unit,
      done_at: iso(d.doneAt),
    })),
  );
  await tx.query(
    `insert into order_deadlines (order_id, step, started_at, due_at, yellow_at, limit_value, limit_unit, done_at)
     select order_id, step, started_at, due_at, yellow_at, limit_value, limit_unit, done_at
       from jsonb_to_recordset($1::jsonb) as r(order_id bigint, step text, started_at timestamptz, due_at timestamptz,
            yellow_at timestamptz, limit_value numeric, limit_unit text, done_at timestamptz)`,
    [JSON.stringify(deadlineRows)],
  );

  // Every run of every clock (order_step_runs), the earlier ones kept by the simulator (pastClocks) included.
  const runRows = orders.flatMap((o) =>
    [...(o.pastClocks ?? []), ...o.deadlines.values()]
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((d) => {
        // Whose the run was when it started (the simulator notes it), as the live step-runs.ts writes it.
        const owner = runOwner(o.row, d.step);
        return {
          order_id: o.row.id,
          step: d.step,
          unit_id: d.supervisedUnitId ?? owner.unitId,
          grid_code: owner.gridCode,
          started_at: iso(d.startedAt),
          due_at: iso(d.dueAt),
          done_at: d.withdrawnAt ? null : iso(d.doneAt),
          withdrawn_at: d.withdrawnAt ? iso(d.withdrawnAt) : null,
          limit_value: d.value,
          limit_unit: d.unit,
        };
      }),
  );
  await tx.query(
    `insert into order_step_runs (order_id, step, unit_id, grid_code, started_at, due_at, done_at, withdrawn_at, limit_value, limit_unit)
     select order_id, step, unit_id, grid_code, started_at, due_at, done_at, withdrawn_at, limit_value, limit_unit
       from jsonb_to_recordset($1::jsonb) as r(order_id bigint, step text, unit_id int, grid_code text, started_at timestamptz,
            due_at timestamptz, done_at timestamptz, withdrawn_at timestamptz, limit_value numeric, limit_unit text)`,
    [JSON.stringify(runRows)],
  );

  const unitRows = orders.flatMap((o) =>
    [...o.units.values()].map((u) => ({
      order_id: o.row.id,
      unit_id: u.unitId,
      role: u.role,
      active: u.active,
      assigned_at: iso(u.assignedAt),
      signed_at: u.signedAt ? iso(u.signedAt) : null,
      reported_at: u.reportedAt ? iso(u.reportedAt) : null,
      report: u.report ?? null,
    })),
  );
  await tx.query(
    `insert into order_units (order_id, unit_id, role, active, assigned_at, signed_at, reported_at, report)
     select order_id, unit_id, role, active, assigned_at, signed_at, reported_at, report
       from jsonb_to_recordset($1::jsonb) as r(order_id bigint, unit_id int, role text, active boolean, assigned_at timestamptz,
            signed_at timestamptz, reported_at timestamptz, report text)`,
    [JSON.stringify(unitRows)],
  );

  // The clock's supervisions (history-ladder.ts), with who replied and who accepted.
  const supervisionRows = orders.flatMap((o) =>
    (o.supervisions ?? []).map((x) => ({
      id: x.id,
      order_id: o.row.id,
      level: x.level,
      step: x.step,
      unit_id: x.unitId,
      policy_id: x.policyId,
      raised_at: iso(x.raisedAt),
      note: x.note,
      task_due_at: iso(x.taskDueAt),
      status: x.status,
      reply: x.reply,
      replied_at: iso(x.repliedAt),
      replied_by: x.repliedBy,
      reviewed_at: iso(x.reviewedAt),
      reviewed_by: x.reviewedBy,
    })),
  );
  if (supervisionRows.length) {
    await tx.query(
      `insert into supervisions (id, order_id, level, step, unit_id, policy_id, raised_at, note, task_due_at, status, reply, replied_at, replied_by, reviewed_at, reviewed_by, review_note)
       overriding system value
       select id, order_id, level, step, unit_id, policy_id, raised_at, note, task_due_at, status, reply, replied_at, replied_by, reviewed_at, reviewed_by,
              case when reviewed_at is not null then '督办回复已验收' end
         from jsonb_to_recordset($1::jsonb) as r(id bigint, order_id bigint, level smallint, step text, unit_id int, policy_id int, raised_at timestamptz,
              note text, task_due_at timestamptz, status text, reply text, replied_at timestamptz, replied_by int, reviewed_at timestamptz, reviewed_by int)`,
      [JSON.stringify(supervisionRows)],
    );
  }
  return { orders: orders.length, events: eventRows.length };
}
