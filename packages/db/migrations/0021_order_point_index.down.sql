drop index if exists orders_point;
