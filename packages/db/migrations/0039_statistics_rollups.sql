-- 统计汇总 (statistics rollups, docs/statistics.md): counts per day and per month by area, category, channel, nature,
-- responsible unit and state, so a dashboard over years of orders sums a few thousand rows instead of scanning orders.
--
-- How they stay current: every statement that inserts or updates orders marks the orders it touched in
-- stats_dirty (statement triggers below, in the writer's own transaction, whoever the writer is: intake's single
-- statement, the action executor, merges, detections, the demo history's batches). Marking is an insert into a
-- table nobody else updates, so writers never wait on each other for a counter row. The fold (core
-- statistics/fold-stats.ts, run by the background worker every few seconds and before every statistics answer)
-- takes the marked orders, and those whose running step clock fell due since its watermark, recomputes each one's
-- fact row from the committed order, its timeline and its step runs, and adds the difference between the new fact
-- and the old one to the rollups — one transaction, under an advisory lock, so folds never race.

-- Orders changed since the last fold.
create table stats_dirty (
  id bigint generated always as identity primary key,
  order_id bigint not null
);

-- What each order counts for now: its keys and measures as the rollups hold them (so a fold subtracts exactly what
-- it added before).
create table stats_order_facts (
  order_id bigint primary key,
  created_day date not null,          -- China time
  closed_day date,                    -- China time; null unless closed
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  major text not null,
  category text not null,
  channel text not null,
  nature text not null,
  unit_id int not null,               -- the responsible unit: the lead handling unit, else the dispatching centre; 0 none
  state text not null,
  needs_answer boolean not null,
  done boolean not null,
  open boolean not null,
  overdue boolean not null,
  returned boolean not null,
  reworked boolean not null,
  direct_closed boolean not null,
  closed_on_time boolean not null,
  rated boolean not null,
  satisfied boolean not null,
  solved text                         -- grid | village | town | district | enforcement, when closed
);

create index stats_order_facts_created on stats_order_facts (created_day);
create index stats_order_facts_closed on stats_order_facts (closed_day) where closed_day is not null;

-- The rollups: one row per bucket (a day, or the first day of a month) and keys. Cohort measures (received …
-- direct_closed) count in the bucket of the order's registration; flow measures (closed … solved_*) in the bucket
-- of its closure. A missing area, category or unit is '' or 0.
create table stats_daily (
  day date not null,
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  major text not null,
  category text not null,
  channel text not null,
  nature text not null,
  unit_id int not null,
  state text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, town, village, grid, major, category, channel, nature, unit_id, state, district)
);
create table stats_monthly (like stats_daily including all);
alter table stats_monthly rename column day to month;
create index stats_daily_unit on stats_daily (unit_id, day);
create index stats_monthly_unit on stats_monthly (unit_id, month);

-- The coarse pair: the same sums without grid, village, minor class and state — a few hundred rows a day however
-- many orders — for the headline, the series and the breakdowns by town, unit, major class, channel and nature
-- when no finer filter or scope is asked.
create table stats_coarse_daily (
  day date not null,
  district text not null,
  town text not null,
  major text not null,
  channel text not null,
  nature text not null,
  unit_id int not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, town, major, channel, nature, unit_id, district)
);
create table stats_coarse_monthly (like stats_coarse_daily including all);
alter table stats_coarse_monthly rename column day to month;

-- The fold's watermark for clocks falling due (an open order becomes overdue without any write).
create table stats_watermark (
  id boolean primary key default true check (id),
  due_until timestamptz not null
);
insert into stats_watermark (due_until) values ('1970-01-01T00:00:00Z');

-- Running step clocks by due time, for the fold's "fell due since" look-up.
create index order_step_runs_running_due on order_step_runs (due_at) where done_at is null and withdrawn_at is null;

create function liandong_stats_mark() returns trigger language plpgsql as $$
begin
  insert into stats_dirty (order_id) select id from changed;
  return null;
end $$;
create trigger orders_stats_insert after insert on orders referencing new table as changed
  for each statement execute function liandong_stats_mark();
create trigger orders_stats_update after update on orders referencing new table as changed
  for each statement execute function liandong_stats_mark();

-- The orders already there are folded by the first fold.
insert into stats_dirty (order_id) select id from orders order by id;
