-- Similar cases (相似案件) look for orders near a point: a GiST index on the order's point (core PostgreSQL,
-- no extension), asked with `point(lng, lat) <@ box(...)`.
create index orders_point on orders using gist (point(lng, lat));
