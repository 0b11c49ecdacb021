drop index order_deadlines_running;
alter table order_deadlines drop column yellow_at;
