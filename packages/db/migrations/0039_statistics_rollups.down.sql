drop trigger if exists orders_stats_update on orders;
drop trigger if exists orders_stats_insert on orders;
drop function if exists liandong_stats_mark();
drop index if exists order_step_runs_running_due;
drop table if exists stats_watermark;
drop table if exists stats_monthly;
drop table if exists stats_daily;
drop table if exists stats_order_facts;
drop table if exists stats_dirty;
