drop table if exists order_step_runs;
