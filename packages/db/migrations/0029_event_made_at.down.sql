alter table order_events drop column if exists made_at;
