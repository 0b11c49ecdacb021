drop trigger if exists order_events_notify on order_events;
drop function if exists liandong_notify_order_events();
