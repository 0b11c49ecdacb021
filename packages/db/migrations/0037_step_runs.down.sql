drop index if exists order_events_order_action;
drop index if exists order_events_action_at;
drop table if exists order_step_runs;
