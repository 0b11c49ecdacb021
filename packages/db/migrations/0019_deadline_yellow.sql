-- When a step's traffic light turns yellow (80% of its limit used, in the limit's unit: working time stops at
-- night, on weekends and holidays), stored beside the due time so that the order list filters by light in SQL
-- (step-clock.rules.ts yellowMoment writes it with every deadline). Rows written before this migration get the
-- clock-time share of their span, an approximation only for steps still running at the upgrade.
alter table order_deadlines add column yellow_at timestamptz;
update order_deadlines set yellow_at = due_at - (due_at - started_at) * (1 - 0.8);
alter table order_deadlines alter column yellow_at set not null;
create index order_deadlines_running on order_deadlines (order_id) include (due_at, yellow_at) where done_at is null;
