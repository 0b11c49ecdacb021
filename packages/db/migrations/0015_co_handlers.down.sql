alter table order_units drop column signed_at, drop column reported_at, drop column report;
