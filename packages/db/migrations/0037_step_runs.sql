-- 环节记录 (step runs): every run of a step's clock, kept for assessment (考核). order_deadlines holds the current run
-- of each step (the clocks, the lights, the timers); a step restarted — redispatched to another unit, handled again
-- after a failed check — overwrites it there, and the unit that had it would escape its lateness. Here each run
-- stays: whose it was (the unit its lateness belongs to; the grid for verification and checks), when it started,
-- was due, and how it ended — done by the step's own action, or withdrawn (returned, escalated, voided, restarted,
-- closed over it). Written beside order_deadlines by the same statements' callers (orders/step-runs.ts, the intake's
-- insert, the demo history), in the same transaction.
create table order_step_runs (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  step text not null,
  unit_id int references units (id),
  grid_code text,
  started_at timestamptz not null,
  due_at timestamptz not null,               -- moved by extensions and suspensions, as the clock is
  done_at timestamptz,
  withdrawn_at timestamptz,
  limit_value numeric not null,
  limit_unit text not null,
  check (done_at is null or withdrawn_at is null)
);
create index order_step_runs_order on order_step_runs (order_id, step, id);
create index order_step_runs_step on order_step_runs (step, started_at);
create index order_step_runs_done on order_step_runs (step, done_at) where done_at is not null;
create index order_step_runs_unit on order_step_runs (unit_id, step, started_at);
create index order_step_runs_grid on order_step_runs (grid_code, step, started_at) where grid_code is not null;

-- Assessment reads the timeline by action and moment (callbacks rated, supervisions in a period), and an order's
-- events of one action (its return, its extension, its direct answer).
create index order_events_action_at on order_events (action, at);
create index order_events_order_action on order_events (order_id, action, at);

-- The runs so far: the current one of each step (earlier runs were not kept before this table), its unit as the
-- order stands (orders/step-clock.rules.ts supervisedUnit), done as the clock says.
insert into order_step_runs (order_id, step, unit_id, grid_code, started_at, due_at, done_at, limit_value, limit_unit)
select d.order_id, d.step,
       case when d.step in ('sign', 'handle') then coalesce(o.handler_unit_id, o.dispatch_unit_id) else o.dispatch_unit_id end,
       case when d.step in ('verify', 'check') then o.grid_code end,
       d.started_at, d.due_at, d.done_at, d.limit_value, d.limit_unit
  from order_deadlines d join orders o on o.id = d.order_id
 order by d.order_id, d.started_at, d.step;
