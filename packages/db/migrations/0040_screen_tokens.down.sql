drop index if exists orders_closed_at;
drop table if exists screen_tokens;
