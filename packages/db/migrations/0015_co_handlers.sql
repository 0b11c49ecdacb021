-- Co-handlers (协办单位) take part: each signs for its part and reports it; the lead's result waits for theirs.
alter table order_units add column signed_at timestamptz, add column reported_at timestamptz, add column report text;
