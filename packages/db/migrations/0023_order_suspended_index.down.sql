drop index if exists orders_suspended;
