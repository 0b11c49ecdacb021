-- The clock queues (将超时, 已超时: light and overdue filters) read each running clock at now, or at the moment
-- its order was suspended. The suspended orders are few: a partial index on them lets those filters merge them
-- into the running clocks instead of looking up the order of every running clock among all orders.
create index orders_suspended on orders (id) include (suspended_at) where suspended_at is not null;
